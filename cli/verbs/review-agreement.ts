import { qualityInput } from '../../shared/contract/quality';
import type { QualityReport } from '../../shared/quality/report';
import { labelsCsv, labelsJson } from '../../shared/quality/export';
import { allowOnly, type ParsedCommand } from '../args';
import { CliFailure, table } from '../output';
import type { Session } from '../session';
import { writeUserFile } from '../user-files';

/** Below this confidence a HIT's consensus is listed as doubtful in the text output. */
const DOUBTFUL = 0.7;
const percent = (x: number | null): string => (x === null ? '—' : `${Math.round(x * 1000) / 10}%`);
/** Labels and field names come from workers' pages: no terminal escapes or direction overrides reach the terminal. */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const printable = (text: string, max = 40): string => {
  const clean = text.replace(UNPRINTABLE, '\ufffd');
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
};

/**
 * `review agreement --batch ID | --hit-type ID [--method mv|ds] [--field NAME] [--below CONFIDENCE] [--out FILE.csv|.json] [--json]`:
 * consensus labels per HIT and field, and per worker agreement, estimated accuracy and gold accuracy. With --below only
 * the labels less confident than that: `hits add-assignments --count N --from-file FILE.csv` then asks for more work on
 * exactly those HITs, through the engine with the cost shown.
 */
export async function agreementVerb(command: ParsedCommand, session: Session): Promise<void> {
  allowOnly(command, 'review agreement', ['batch', 'hit-type', 'method', 'field', 'out', 'below', 'archive']);
  const o = command.options as Record<string, string | undefined>;
  const method = o.method ?? 'ds';
  if (method !== 'mv' && method !== 'ds') throw new CliFailure(`--method ${method.slice(0, 40)}: use mv (majority vote) or ds (Dawid–Skene).`, 2);
  if ((o.batch === undefined) === (o['hit-type'] === undefined)) throw new CliFailure('Name either --batch ID or --hit-type ID.', 2);
  const context = session.readContext(command.options.archive);
  const input = {
    ...(o.batch === undefined ? {} : { batchId: o.batch }),
    ...(o['hit-type'] === undefined ? {} : { hitTypeId: o['hit-type'] }),
    method: method as 'mv' | 'ds',
    ...(o.field === undefined ? {} : { fields: o.field.split(',').map((f) => f.trim()) }),
  };
  const parsed = qualityInput.safeParse(input);
  if (!parsed.success) throw new CliFailure(parsed.error.issues.map((i) => `--${i.path.join('.') || 'input'}: ${i.message}`).join('\n'), 2);
  const result = await session.services.quality.report(parsed.data, context);
  if (!result.ok) throw CliFailure.from(result.error);
  const below = o.below === undefined ? null : Number(o.below.endsWith('%') ? Number(o.below.slice(0, -1)) / 100 : o.below);
  if (below !== null && !(Number.isFinite(below) && below > 0 && below <= 1)) throw new CliFailure(`--below ${o.below?.slice(0, 40)}: give a confidence above 0 and at most 1, or a percentage like 70%.`, 2);
  // --below keeps only the doubtful labels: the file then names the HITs that need more work.
  const report = below === null ? result.value : { ...result.value, labels: result.value.labels.filter((l) => l.confidence < below) };
  if (o.out !== undefined) {
    const format = o.out.toLowerCase().endsWith('.json') ? 'json' : o.out.toLowerCase().endsWith('.csv') ? 'csv' : null;
    if (format === null) throw new CliFailure(`--out ${o.out}: name a .csv or .json file.`, 2);
    writeUserFile(o.out, format === 'csv' ? labelsCsv(report) : labelsJson(report), `--out ${o.out}`);
    session.out.note(`Wrote ${report.labels.length} labels to ${o.out}.`);
  }
  session.out.result({ method: report.method, scope: report.scope, fields: report.fields, labels: report.labels, workers: report.workers }, () => describe(report, below ?? DOUBTFUL, result.value.labels.length));
}

function describe(report: QualityReport, doubtfulBelow: number, total: number): string {
  if (report.fields.length === 0) return `No categorical answer field in ${report.assignments} assignments (free text and drawn boxes are not compared); name one with --field.`;
  const name = report.method === 'ds' ? 'Dawid–Skene' : 'majority vote';
  const doubtful = report.labels.filter((l) => l.confidence < doubtfulBelow);
  const lines = [
    `${report.assignments} assignments, fields ${report.fields.map((f) => printable(f)).join(', ')}; consensus by ${name}. ${doubtful.length} of ${total} HIT labels below ${percent(doubtfulBelow)} confidence.`,
  ];
  if (doubtful.length > 0) {
    lines.push(table(['HIT ID', 'FIELD', 'LABEL', 'CONFIDENCE', 'ANSWERS', 'AGREEMENT'], doubtful.slice(0, 50).map((l) => [l.HITId, printable(l.field), printable(l.label), percent(l.confidence), String(l.answers), percent(l.agreement)])));
    if (doubtful.length > 50) lines.push(`… and ${doubtful.length - 50} more (--json or --out FILE.csv lists every label)`);
  }
  lines.push('', 'Workers, least accurate first:');
  lines.push(table(['WORKER', 'ANSWERS', 'AGREEMENT', 'EST. ACCURACY', 'GOLD'], report.workers.map((w) => [w.workerId, String(w.answers), percent(w.agreement), percent(w.accuracy), w.goldAnswers === 0 ? '—' : `${percent(w.goldAccuracy)} of ${w.goldAnswers}`])));
  return lines.join('\n');
}
