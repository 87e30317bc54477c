/**
 * Lint as you type: the same lintBatch a save and a launch run, over the unsaved template, with the rows as opened.
 * Findings that name a line of the question become editor diagnostics at that line; the rest are listed below it.
 */
import { inputFormatOf, readInputRows, type InputTable } from '../../../../shared/batch/input-rows';
import { lintBatch, type LintFinding, type QuestionKind } from '../../../../shared/batch/lint';
import { DEFAULT_PROPERTIES, readBatchProperties, type BatchProperties } from '../../../../shared/batch/properties';
import { requiresMasters } from '../../../../shared/domain/fees';

export interface LineDiagnostic {
  readonly line: number;
  readonly severity: 'error' | 'warning' | 'info';
  readonly message: string;
}

export interface LiveLint {
  readonly diagnostics: readonly LineDiagnostic[];
  /** Findings about the rows, the cost, or the question as a whole. */
  readonly others: readonly LintFinding[];
}

/** The rows as the editor holds them; a file that cannot be read gives an empty table (the folder findings say why). */
export function inputTableOf(name: string | null, text: string | null): InputTable {
  const format = name ? inputFormatOf(name) : null;
  if (!format || text === null) return { columns: [], rows: [] };
  const read = readInputRows(text, format);
  return read.ok ? read.value : { columns: [], rows: [] };
}

export const questionKindOf = (questionFile: string): QuestionKind => (/\.xml$/i.test(questionFile) ? 'question-form' : 'html');

/** batch.json's properties, or defaults while it has problems (the form shows those), so the template is still linted. */
function propertiesOr(json: Record<string, unknown>, questionFile: string): BatchProperties {
  return (
    readBatchProperties(json).properties ??
    readBatchProperties({ ...DEFAULT_PROPERTIES, Title: 'untitled', Description: 'undescribed', question: questionFile, trustedColumns: Array.isArray(json['trustedColumns']) ? json['trustedColumns'] : [] }).properties!
  );
}

export function liveLint(template: string, questionFile: string, input: { name: string; table: InputTable }, json: Record<string, unknown>): LiveLint {
  const properties = propertiesOr(json, questionFile);
  const findings = lintBatch({
    properties,
    kind: questionKindOf(questionFile),
    questionFile,
    template,
    inputFile: input.name,
    input: input.table,
    masters: requiresMasters(properties.qualificationRequirements),
  });
  const atLine = (f: LintFinding): boolean => f.file === questionFile && f.line !== undefined;
  return {
    // The editor shows the line itself, so the message drops its "template.html line 3:" lead.
    diagnostics: findings.filter(atLine).map((f) => ({ line: f.line!, severity: f.severity, message: f.message.replace(`${questionFile} line ${f.line}: `, '') })),
    others: findings.filter((f) => !atLine(f)),
  };
}

/** A 1-based line's start and end offsets in `text` (clamped to the last line, as a stale finding may point past it). */
export function lineRange(text: string, line: number): { from: number; to: number } {
  let from = 0;
  for (let current = 1; current < line; current += 1) {
    const next = text.indexOf('\n', from);
    if (next === -1) break;
    from = next + 1;
  }
  const end = text.indexOf('\n', from);
  return { from, to: end === -1 ? text.length : end };
}
