/**
 * Batch input bench: a 100,000-row input.csv (four columns, some quoted cells with commas, quotes and line breaks) read
 * and linted as `batch check` does it — the file decoded strictly, its rows read (readInputRows), the batch linted
 * (lintBatch) — each step timed, then checkBatchFolder on the whole folder. Target: load + lint in < 3 s.
 * Run alone with `npx tsx bench/batch-input.ts`.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeImportBytes } from '../shared/domain/text-decoding';
import { checkBatchFolder } from '../electron/services/batches/batch-folder';
import { readInputRows } from '../shared/batch/input-rows';
import { lintBatch } from '../shared/batch/lint';
import { readBatchProperties } from '../shared/batch/properties';
import { fmt, loadLine, type Figure } from './support/report';

// BENCH_BATCH_ROWS shrinks the run for a quick look; the reported figure is for the default.
const ROWS = Number(process.env.BENCH_BATCH_ROWS ?? 100_000);
const TARGET_SECONDS = 3;
const RUNS = 3;

const TEMPLATE = `<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>
<crowd-form answer-format="flatten-objects">
  <crowd-image-classifier src="\${image_url}" categories="['Cat', 'Dog', 'Neither']" header="\${question}" name="animal">
    <short-instructions>\${caption}</short-instructions>
    <full-instructions header="How to label"><p>Shelter: \${shelter}</p></full-instructions>
  </crowd-image-classifier>
</crowd-form>`;

/** One row in ten has a quoted caption with a comma, a doubled quote or a line break, as spreadsheets write them. */
function inputCsv(rows: number): string {
  const lines = ['image_url,caption,question,shelter'];
  for (let i = 1; i <= rows; i++) {
    const caption = i % 10 === 0 ? `"Photo ${i}, taken at the ""north"" gate${i % 20 === 0 ? '\nsecond line' : ''}"` : `Photo number ${i} from the gallery`;
    lines.push(`https://images.example.org/photos/${String(i).padStart(6, '0')}.jpg,${caption},Which animal is in photo ${i}?,Shelter ${i % 37}`);
  }
  return `${lines.join('\n')}\n`;
}

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function benchBatchInput(): Promise<Figure[]> {
  console.log(`batch input: ${loadLine()}`);
  const root = mkdtempSync(join(tmpdir(), 'turkbench-batch-input-'));
  try {
    const dir = join(root, 'animals');
    mkdirSync(dir);
    writeFileSync(join(dir, 'batch.json'), JSON.stringify({ Title: 'Animals', Description: 'Pick the animal.', Reward: '0.05', MaxAssignments: 3, question: 'template.html' }));
    writeFileSync(join(dir, 'template.html'), TEMPLATE);
    writeFileSync(join(dir, 'input.csv'), inputCsv(ROWS));
    const properties = readBatchProperties(JSON.parse(readFileSync(join(dir, 'batch.json'), 'utf8'))).properties!;

    const steps = { decode: [] as number[], rows: [] as number[], lint: [] as number[], check: [] as number[] };
    let findings = 0;
    let bytes = 0;
    for (let run = 0; run < RUNS; run++) {
      let at = performance.now();
      const raw = readFileSync(join(dir, 'input.csv'));
      bytes = raw.length;
      const decoded = decodeImportBytes(raw);
      if (!decoded.ok) throw new Error(decoded.error.message);
      steps.decode.push(performance.now() - at);
      at = performance.now();
      const table = readInputRows(decoded.value.text, 'csv');
      if (!table.ok) throw new Error(table.error.message);
      if (table.value.rows.length !== ROWS) throw new Error(`read ${table.value.rows.length} rows, expected ${ROWS}`);
      steps.rows.push(performance.now() - at);
      at = performance.now();
      const source = { properties, kind: 'html' as const, questionFile: 'template.html', template: TEMPLATE, inputFile: 'input.csv', input: table.value, masters: false };
      findings = lintBatch(source).length;
      steps.lint.push(performance.now() - at);
      at = performance.now();
      const check = checkBatchFolder(dir);
      if (!check.launchable) throw new Error(`the folder is not launchable: ${check.findings.map((f) => f.message).join(' ')}`);
      steps.check.push(performance.now() - at);
    }
    const [decode, rows, lint, check] = [median(steps.decode), median(steps.rows), median(steps.lint), median(steps.check)];
    const loadAndLint = decode + rows + lint;
    console.log(
      `batch input: ${fmt(ROWS)} rows (${fmt(bytes / 1e6, 1)} MB), median of ${RUNS} runs: decode ${fmt(decode, 0)} ms, readInputRows ${fmt(rows, 0)} ms, lintBatch ${fmt(lint, 0)} ms (${findings} findings) = ${fmt(loadAndLint, 0)} ms; ` +
        `checkBatchFolder (files, properties, rows, lint, cost) ${fmt(check, 0)} ms`,
    );
    return [
      { figure: `Batch input of ${fmt(ROWS)} CSV rows: decode + readInputRows + lintBatch`, measured: `${fmt(loadAndLint / 1000, 2)} s (decode ${fmt(decode, 0)} ms, rows ${fmt(rows, 0)} ms, lint ${fmt(lint, 0)} ms)`, target: `< ${TARGET_SECONDS} s`, met: loadAndLint < TARGET_SECONDS * 1000 },
      { figure: `checkBatchFolder on the same ${fmt(ROWS)}-row folder (batch check)`, measured: `${fmt(check / 1000, 2)} s`, target: `< ${TARGET_SECONDS} s`, met: check < TARGET_SECONDS * 1000 },
    ];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const invokedDirectly = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  benchBatchInput().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
