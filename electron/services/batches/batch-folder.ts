/**
 * A batch folder on disk: read it whole (batch.json, the question, the rows), check it (properties, files, lint, cost),
 * scaffold a new one, and build one row's question for preview. Nothing here calls MTurk; the app, `turkbench batch`
 * and the launcher all read folders through this module.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { batchCost, type BatchCost } from '../../../shared/batch/cost';
import { inputFormatOf, readInputRows, type InputTable } from '../../../shared/batch/input-rows';
import { lintBatch, type BatchSource, type LintFinding, type QuestionKind } from '../../../shared/batch/lint';
import { readBatchProperties, toBatchJson, type BatchProperties, DEFAULT_PROPERTIES } from '../../../shared/batch/properties';
import { buildQuestion, type RowQuestion } from '../../../shared/batch/question';
import { requiresMasters } from '../../../shared/domain/fees';
import { appError } from '../../../shared/errors';
import { err, ok, type Result } from '../../../shared/result';
import { decodeImportBytes } from '../../../shared/domain/text-decoding';

export const BATCH_FILE = 'batch.json';
const INPUT_NAMES = ['input.csv', 'input.json', 'input.jsonl'] as const;

/** A problem with the folder itself or a property: reported like a lint finding, so one list shows everything. */
export interface FolderFinding {
  readonly severity: 'error' | 'warning' | 'info';
  readonly rule: 'folder' | 'property' | LintFinding['rule'];
  readonly message: string;
  readonly file: string;
  readonly line?: number;
  readonly rows?: readonly number[];
  readonly column?: string;
  /** For property findings: the batch.json key. */
  readonly key?: string;
}

export interface BatchCheck {
  readonly dir: string;
  /** Set when the folder could be read far enough to build HITs from. */
  readonly source: BatchSource | null;
  readonly findings: readonly FolderFinding[];
  readonly cost: BatchCost | null;
  /** True when nothing stops a launch (warnings may remain). */
  readonly launchable: boolean;
}

function readText(path: string, name: string, findings: FolderFinding[]): string | null {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    findings.push({ severity: 'error', rule: 'folder', file: name, message: code === 'ENOENT' ? `${name} is missing from the batch folder.` : `${name} cannot be read (${code ?? String(cause)}).` });
    return null;
  }
  const decoded = decodeImportBytes(bytes);
  if (!decoded.ok) {
    findings.push({ severity: 'error', rule: 'folder', file: name, message: `${name}: ${decoded.error.message}` });
    return null;
  }
  if (decoded.value.note) findings.push({ severity: 'info', rule: 'folder', file: name, message: `${name}: ${decoded.value.note}` });
  return decoded.value.text;
}

function readProperties(dir: string, findings: FolderFinding[]): BatchProperties | null {
  const text = readText(join(dir, BATCH_FILE), BATCH_FILE, findings);
  if (text === null) return null;
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (cause) {
    findings.push({ severity: 'error', rule: 'folder', file: BATCH_FILE, message: `${BATCH_FILE} is not valid JSON: ${(cause as Error).message}.` });
    return null;
  }
  const read = readBatchProperties(json);
  for (const problem of read.problems) findings.push({ severity: problem.severity, rule: 'property', file: BATCH_FILE, key: problem.key, message: problem.message });
  return read.properties;
}

function readInput(dir: string, findings: FolderFinding[]): { file: string; table: InputTable } | null {
  const present = INPUT_NAMES.filter((name) => existsSync(join(dir, name)));
  if (present.length === 0) {
    findings.push({ severity: 'error', rule: 'folder', file: 'input.csv', message: 'The batch folder has no input rows: add input.csv (or input.json / input.jsonl) with one row per HIT.' });
    return null;
  }
  if (present.length > 1) {
    findings.push({ severity: 'error', rule: 'folder', file: present.join(', '), message: `The batch folder has ${present.join(' and ')}: keep one input file, so it is clear which rows become HITs.` });
    return null;
  }
  const file = present[0]!;
  const text = readText(join(dir, file), file, findings);
  if (text === null) return null;
  const table = readInputRows(text, inputFormatOf(file)!);
  if (!table.ok) {
    findings.push({ severity: 'error', rule: 'folder', file, message: `${file}: ${table.error.message}` });
    return null;
  }
  return { file, table: table.value };
}

/** The folder's input rows alone (for previewing while batch.json has problems), with why they cannot be read. */
export function readBatchInput(dir: string): { file: string; table: InputTable } | { findings: FolderFinding[] } {
  const findings: FolderFinding[] = [];
  return readInput(dir, findings) ?? { findings };
}

export const INPUT_FILE_NAMES: readonly string[] = INPUT_NAMES;

/** Decoded text of one file of the folder, or null with a finding (the same strict decoding a check uses). */
export function readFolderText(dir: string, name: string): string | null {
  return readText(join(dir, name), name, []);
}

const kindOf = (properties: BatchProperties): QuestionKind =>
  properties.externalUrl !== null ? 'external' : /\.xml$/i.test(properties.questionFile ?? '') ? 'question-form' : 'html';

/** Reads and checks a batch folder: every finding at once, the cost when the rows are known. */
export function checkBatchFolder(dir: string): BatchCheck {
  const findings: FolderFinding[] = [];
  if (!existsSync(dir)) {
    findings.push({ severity: 'error', rule: 'folder', file: dir, message: `There is no folder ${dir}. Create one with "turkbench batch new ${dir}".` });
    return { dir, source: null, findings, cost: null, launchable: false };
  }
  const properties = readProperties(dir, findings);
  const template = properties ? (properties.externalUrl ?? readText(join(dir, properties.questionFile!), properties.questionFile!, findings)) : null;
  const input = readInput(dir, findings);
  if (!properties || template === null || !input) return { dir, source: null, findings, cost: null, launchable: false };

  const source: BatchSource = {
    properties,
    kind: kindOf(properties),
    questionFile: properties.questionFile ?? BATCH_FILE,
    template,
    inputFile: input.file,
    input: input.table,
    masters: requiresMasters(properties.qualificationRequirements),
  };
  findings.push(...lintBatch(source));
  const cost = batchCost({
    rows: input.table.rows.length,
    rewardCents: properties.rewardCents,
    maxAssignments: properties.maxAssignments,
    masters: source.masters,
    microBatching: properties.microBatching,
  });
  return { dir, source, findings, cost, launchable: !findings.some((f) => f.severity === 'error') };
}

/** One row's question, substituted; `rowNumber` is 1-based. */
export function rowQuestion(source: BatchSource, rowNumber: number): Result<RowQuestion> {
  const row = source.input.rows[rowNumber - 1];
  if (!row) {
    return err(appError('validation', `There is no row ${rowNumber}: the input has ${source.input.rows.length} rows (1 to ${source.input.rows.length}).`, { field: 'row' }));
  }
  return buildQuestion(source.kind, source.template, row.values, source.properties);
}

const STARTER_TEMPLATE = `<!DOCTYPE html>
<html>
<head>
  <meta charset="utf-8">
  <script src="https://assets.crowd.aws/crowd-html-elements.js"></script>
</head>
<body>
<crowd-form answer-format="flatten-objects">
  <crowd-classifier name="animal" categories="['Cat', 'Dog', 'Neither']" header="Which animal is in the photo?">
    <classification-target>
      <img src="\${image_url}" alt="\${description}" style="max-width: 100%; max-height: 60vh">
    </classification-target>
    <full-instructions header="How to label">
      <p>Pick the animal you see. If there is no cat or dog, or you cannot tell, pick <strong>Neither</strong>.</p>
    </full-instructions>
    <short-instructions>Pick the animal in the photo.</short-instructions>
  </crowd-classifier>
</crowd-form>
</body>
</html>
`;

const STARTER_INPUT = `image_url,description
https://images.example.org/photos/0001.jpg,A photo from the shelter's gallery
https://images.example.org/photos/0002.jpg,A photo from the shelter's gallery
`;

/**
 * Creates a new batch folder with a working starting point: properties with sensible defaults, a crowd-classifier
 * template with placeholders, and two input rows. Refuses a folder that already holds a batch.
 */
export function scaffoldBatchFolder(dir: string): Result<{ dir: string; files: string[] }> {
  if (existsSync(join(dir, BATCH_FILE))) return err(appError('conflict', `${dir} already holds a batch (${BATCH_FILE}); nothing was changed.`, { field: 'dir' }));
  if (existsSync(dir) && readdirSync(dir).some((name) => [...INPUT_NAMES, 'template.html'].includes(name))) {
    return err(appError('conflict', `${dir} already has batch files in it; choose an empty or new folder.`, { field: 'dir' }));
  }
  mkdirSync(dir, { recursive: true });
  const properties = readBatchProperties({
    ...DEFAULT_PROPERTIES,
    Title: 'Which animal is in the photo?',
    Description: 'Look at one photo and pick the animal in it. Takes about 10 seconds.',
    Keywords: 'image, label, animal, quick',
    Reward: '0.05',
    MaxAssignments: 3,
    AssignmentDurationInSeconds: 300,
  }).properties!;
  writeFileSync(join(dir, BATCH_FILE), `${JSON.stringify(toBatchJson(properties), null, 2)}\n`);
  writeFileSync(join(dir, 'template.html'), STARTER_TEMPLATE);
  writeFileSync(join(dir, 'input.csv'), STARTER_INPUT);
  return ok({ dir, files: [BATCH_FILE, 'template.html', 'input.csv'] });
}
