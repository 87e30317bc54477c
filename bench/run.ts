/**
 * `npm run bench`: every performance figure the issues ask for, in one run, then a summary table.
 *   npm run bench                      every section (~11 min on a 2-core machine)
 *   npm run bench -- --only sync       one section (or a comma list: --only local-mturk,archive)
 * Benchmarks print figures; they never assert. Figures of the Local MTurk and archive benches are read back from the
 * lines those benches print (they are other engineers' modules and return nothing), so the table can say "see above".
 */
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { fmt, loadLine, printTable, type Figure } from './support/report';

interface Section {
  readonly name: string;
  readonly title: string;
  /** Module (relative to bench/) and the function it must export. */
  readonly file: string;
  readonly exported: string;
  /** Turns the lines the section printed (and what it returned) into summary rows. */
  readonly figures: (lines: readonly string[], returned: unknown) => Figure[];
}

const num = (text: string | undefined): number | null => (text === undefined ? null : Number(text.replace(/,/g, '')));

function localMTurkFigures(lines: readonly string[]): Figure[] {
  const pick = (label: string): number | null => num(lines.map((l) => new RegExp(`^local-mturk \\(${label}\\):.*?: ([\\d,]+) req/s`).exec(l)?.[1]).find(Boolean));
  const capacity = pick('server capacity');
  const sdk = pick('SDK clients');
  return [
    { figure: 'Local MTurk server capacity, mixed calls on loopback', measured: capacity === null ? 'see output above' : `${fmt(capacity)} req/s`, target: '≥ 2,000 req/s', met: capacity === null ? null : capacity >= 2_000 },
    { figure: 'Local MTurk with real SDK clients on the same cores', measured: sdk === null ? 'see output above' : `${fmt(sdk)} req/s`, target: '— (client-bound)', met: null },
  ];
}

/** Measured ÷ the 20,000/s ingest target, as the section printed it. */
const ratio = (measured: string | undefined): string => {
  const value = num(measured);
  return value === null ? '?' : `${fmt(value / 20_000, 2)}×`;
};

function archiveFigures(lines: readonly string[]): Figure[] {
  const find = (re: RegExp): RegExpExecArray | undefined => lines.map((l) => re.exec(l)).find((m): m is RegExpExecArray => m !== null);
  const ingest = find(/^archive ingest rate: ([\d,]+) assignments\/s \(([\d,]+) rows\/s/);
  const perCpu = find(/^archive ingest CPU: .*= ([\d,]+) assignments per CPU-second/)?.[1];
  const query = find(/^archive page query \(.*p95 ([\d,.]+) ms/);
  const count = find(/^archive ingest: ([\d,]+) assignments/)?.[1] ?? '?';
  const p95 = num(query?.[1]);
  return [
    {
      figure: `Archive ingest at ${count} assignments`,
      measured: ingest ? `${ingest[1]} assignments/s = ${ratio(ingest[1])} (per CPU-second ${perCpu ?? '?'} = ${ratio(perCpu)})` : 'see output above',
      target: '≥ 20,000 assignments/s',
      met: ingest ? (num(ingest[1]) ?? 0) >= 20_000 : null,
    },
    { figure: `Archive filtered, sorted page query p95 at ${count}`, measured: p95 === null ? 'see output above' : `${fmt(p95, 2)} ms`, target: '< 20 ms', met: p95 === null ? null : p95 < 20 },
  ];
}

function isFigureList(value: unknown): value is Figure[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'object' && v !== null && 'figure' in v && 'measured' in v);
}

const SECTIONS: readonly Section[] = [
  { name: 'local-mturk', title: 'Local MTurk throughput (loopback, 2 cores)', file: 'local-mturk.ts', exported: 'benchLocalMTurk', figures: localMTurkFigures },
  { name: 'sync', title: 'Sync: Turkbench vs a naive SDK loop, 100 ms latency, 100 req/s and 2 req/s ceilings', file: 'sync.ts', exported: 'benchSync', figures: (_l, r) => (isFigureList(r) ? r : []) },
  { name: 'archive', title: 'Archive at 1,000,000 assignments: ingest and page query', file: 'archive.ts', exported: 'benchArchive', figures: archiveFigures },
  { name: 'bulk-actions', title: 'Bulk actions: extend 2,000 HITs as a journaled job, 100 ms latency, 100 req/s and 2 req/s ceilings', file: 'bulk-actions.ts', exported: 'benchBulkActions', figures: (_l, r) => (isFigureList(r) ? r : []) },
  { name: 'bonuses', title: 'Bonus ledger: 2,000 bonuses sent exactly once as a journaled job, 100 ms latency, 100 req/s ceiling', file: 'bonuses.ts', exported: 'benchBonuses', figures: (_l, r) => (isFigureList(r) ? r : []) },
  { name: 'scheduler-lanes', title: 'Scheduler lanes: a click during a saturating sync, throttle recovery (virtual time)', file: 'scheduler-lanes.ts', exported: 'benchSchedulerLanes', figures: (_l, r) => (isFigureList(r) ? r : []) },
  { name: 'crowd', title: 'Local MTurk simulated crowd: 1,000 HITs × 3 assignments under simulate', file: 'crowd.ts', exported: 'benchCrowd', figures: (_l, r) => (isFigureList(r) ? r : []) },
  { name: 'batch-launch', title: 'Batch launch: 2,000 rows as a journaled job vs a sequential SDK loop, 100 ms latency, 100 req/s ceiling', file: 'batch-launch.ts', exported: 'benchBatchLaunch', figures: (_l, r) => (isFigureList(r) ? r : []) },
  { name: 'batch-input', title: 'Batch input: a 100,000-row input.csv read and linted', file: 'batch-input.ts', exported: 'benchBatchInput', figures: (_l, r) => (isFigureList(r) ? r : []) },
  { name: 'batch-preview', title: 'Batch editor: one row previewed in the sandboxed frame (Chromium)', file: 'batch-preview.ts', exported: 'benchBatchPreview', figures: (_l, r) => (isFigureList(r) ? r : []) },
  { name: 'workers', title: 'Workers area: grid pages and dossiers at 100,000 workers', file: 'workers.ts', exported: 'benchWorkers', figures: (_l, r) => (isFigureList(r) ? r : []) },
  { name: 'review-quality', title: 'Review queue quality figures: agreement and gold per assignment, 100,000 assignments', file: 'review-quality.ts', exported: 'benchReviewQuality', figures: (_l, r) => (isFigureList(r) ? r : []) },
  { name: 'review-next', title: 'Review queue: the next assignment (page + replay), 100,000 assignments', file: 'review-next.ts', exported: 'benchReviewNext', figures: (_l, r) => (isFigureList(r) ? r : []) },
  { name: 'review-approve', title: 'Review send: 2,000 approvals as a journaled job, 100 ms latency, 100 req/s ceiling', file: 'review-approve.ts', exported: 'benchReviewApprove', figures: (_l, r) => (isFigureList(r) ? r : []) },
  { name: 'dashboard', title: 'Dashboard reads (spend by day, week and batch, liabilities, radar) at 120,000 assignments', file: 'dashboard.ts', exported: 'benchDashboard', figures: (_l, r) => (isFigureList(r) ? r : []) },
  { name: 'csv-import', title: 'Website results CSV import: 100,000 rows, and its own steps', file: 'csv-import.ts', exported: 'benchCsvImport', figures: (_l, r) => (isFigureList(r) ? r : []) },
];

/** Copies every console.log line into `into` while still printing it, so the summary can quote other benches. */
function tee(into: string[]): () => void {
  const original = console.log;
  console.log = (...args: unknown[]): void => {
    into.push(args.map(String).join(' '));
    original(...args);
  };
  return () => {
    console.log = original;
  };
}

async function runSection(section: Section): Promise<Figure[]> {
  console.log(`\n=== ${section.title} ===`);
  console.log(`(${loadLine()})`);
  const started = performance.now();
  const lines: string[] = [];
  const failed = (why: string): Figure[] => {
    console.log(`!!! ${section.name}: ${why}; continuing with the next section`);
    return [{ figure: `${section.name} section`, measured: `not measured: ${why}`, target: '—', met: null }];
  };
  let fn: unknown;
  try {
    // Loaded at run time, not imported statically: a missing or broken bench must not stop the others.
    const mod = (await import(pathToFileURL(join(import.meta.dirname, section.file)).href)) as Record<string, unknown>;
    fn = mod[section.exported];
  } catch (error) {
    return failed(`bench/${section.file} could not be loaded (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
  }
  if (typeof fn !== 'function') return failed(`bench/${section.file} does not export ${section.exported}()`);
  const restore = tee(lines);
  let returned: unknown;
  try {
    returned = await (fn as () => Promise<unknown>)();
  } catch (error) {
    restore();
    return [...section.figures(lines, undefined), ...failed(`${section.exported}() threw: ${error instanceof Error ? error.message : String(error)}`)];
  }
  restore();
  console.log(`--- ${section.name} took ${fmt((performance.now() - started) / 1000, 1)} s`);
  return section.figures(lines, returned);
}

function selected(argv: readonly string[]): Section[] {
  const at = argv.findIndex((a) => a === '--only' || a.startsWith('--only='));
  if (at < 0) return [...SECTIONS];
  const value = argv[at]!.includes('=') ? argv[at]!.split('=')[1]! : (argv[at + 1] ?? '');
  const names = value.split(',').filter(Boolean);
  const unknown = names.filter((n) => !SECTIONS.some((s) => s.name === n));
  if (unknown.length > 0 || names.length === 0) {
    throw new Error(`--only takes ${SECTIONS.map((s) => s.name).join(', ')} (comma-separated); got '${value}'`);
  }
  return SECTIONS.filter((s) => names.includes(s.name));
}

async function main(): Promise<void> {
  const sections = selected(process.argv.slice(2));
  const started = performance.now();
  console.log(`Turkbench bench — ${new Date().toISOString()} — Node ${process.version}`);
  const rows: Figure[] = [];
  for (const section of sections) rows.push(...(await runSection(section)));
  console.log(`\n=== Summary (whole run ${fmt((performance.now() - started) / 1000, 1)} s; ${loadLine()}) ===`);
  printTable(rows);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
