/**
 * Checks a batch before anything is sent, the way a careful requester would: each finding names the file and line,
 * or the rows and column, at fault. Errors stop a launch; warnings are shown and may be accepted.
 */
import { LARGE_BATCH_THRESHOLD } from '../domain/fees';
import { displayMoney } from '../domain/money';
import { batchCost, microBatchingNote } from './cost';
import type { InputRow, InputTable } from './input-rows';
import { findPlaceholders } from './placeholders';
import { LIMITS, type BatchProperties } from './properties';
import { externalQuestion, htmlQuestion, questionBytes } from './question';
import { escapeMarkup, substitute } from './substitute';

export type QuestionKind = 'html' | 'question-form' | 'external';

export interface BatchSource {
  readonly properties: BatchProperties;
  readonly kind: QuestionKind;
  /** The question file's name (template.html, question.xml) or 'batch.json' for an external URL. */
  readonly questionFile: string;
  /** The template text, or the external URL with its placeholders. */
  readonly template: string;
  readonly inputFile: string;
  readonly input: InputTable;
  /** Whether a requirement asks for Masters (it changes the fee). */
  readonly masters: boolean;
}

export type LintRule =
  | 'unknown-placeholder'
  | 'unused-column'
  | 'no-submit-path'
  | 'insecure-resource'
  | 'question-too-large'
  | 'external-not-https'
  | 'empty-cell'
  | 'duplicate-row'
  | 'fee-tier';

export interface LintFinding {
  readonly severity: 'error' | 'warning' | 'info';
  readonly rule: LintRule;
  readonly message: string;
  readonly file: string;
  readonly line?: number;
  /** Data row numbers (1-based, header excluded). */
  readonly rows?: readonly number[];
  readonly column?: string;
}

/** How many row numbers a message spells out before saying "and N more". */
const ROWS_SHOWN = 8;

export function rowList(rows: readonly number[]): string {
  const shown = rows.slice(0, ROWS_SHOWN).join(', ');
  const more = rows.length - ROWS_SHOWN;
  return `${rows.length === 1 ? 'row' : 'rows'} ${shown}${more > 0 ? ` and ${more.toLocaleString('en-US')} more` : ''}`;
}

export function lintBatch(source: BatchSource): LintFinding[] {
  return [
    ...placeholderFindings(source),
    ...submitPathFindings(source),
    ...insecureResourceFindings(source),
    ...cellFindings(source),
    ...duplicateRowFindings(source),
    ...sizeAndUrlFindings(source),
    ...feeTierFindings(source),
  ];
}

export const hasErrors = (findings: readonly LintFinding[]): boolean => findings.some((f) => f.severity === 'error');

function placeholderFindings(source: BatchSource): LintFinding[] {
  const findings: LintFinding[] = [];
  const columns = new Set(source.input.columns);
  const used = new Set<string>();
  for (const placeholder of findPlaceholders(source.template)) {
    used.add(placeholder.name);
    if (columns.has(placeholder.name)) continue;
    findings.push({
      severity: 'error',
      rule: 'unknown-placeholder',
      message: `${source.questionFile} line ${placeholder.line}: \${${placeholder.name}} names no column of ${source.inputFile}${closest(placeholder.name, source.input.columns)}.`,
      file: source.questionFile,
      line: placeholder.line,
    });
  }
  for (const column of source.input.columns) {
    if (used.has(column)) continue;
    findings.push({
      severity: 'warning',
      rule: 'unused-column',
      message: `Column "${column}" of ${source.inputFile} is used by no placeholder in ${source.questionFile}; its values will not reach workers.`,
      file: source.inputFile,
      column,
    });
  }
  return findings;
}

function closest(name: string, columns: readonly string[]): string {
  const lower = name.trim().toLowerCase();
  const match = columns.find((c) => c.toLowerCase() === lower);
  return match ? ` (did you mean \${${match}}?)` : columns.length ? ` (its columns: ${columns.slice(0, 6).join(', ')}${columns.length > 6 ? ', …' : ''})` : '';
}

const CROWD_FORM = /<crowd-form[\s>]/i;
const FORM = /<form[\s>]/i;
const SUBMIT_TARGET = /externalSubmit|turkSubmitTo/;

function submitPathFindings(source: BatchSource): LintFinding[] {
  if (source.kind !== 'html') return [];
  if (CROWD_FORM.test(source.template)) return [];
  if (FORM.test(source.template) && SUBMIT_TARGET.test(source.template)) return [];
  const message = FORM.test(source.template)
    ? `${source.questionFile} has a <form> but nothing sends it to MTurk: post it to the turkSubmitTo address + /mturk/externalSubmit with an assignmentId field, or use <crowd-form>.`
    : `${source.questionFile} has no <crowd-form> and no <form>: workers would have no way to submit. Wrap the task in <crowd-form> … </crowd-form>.`;
  return [{ severity: 'error', rule: 'no-submit-path', message, file: source.questionFile }];
}

// Each run of spaces can match one way only (before the quote, or after it): two `\s*` around an optional quote could
// split one run between them, every way in turn, quadratic in a long run of spaces.
const HTTP_RESOURCE = /\b(?:src|href|action|data)\s*=\s*(?:["']\s*)?http:\/\//i;

function insecureResourceFindings(source: BatchSource): LintFinding[] {
  if (source.kind === 'external') return [];
  const findings: LintFinding[] = [];
  const lines = source.template.split('\n');
  for (const [i, text] of lines.entries()) {
    if (!HTTP_RESOURCE.test(text)) continue;
    findings.push({
      severity: 'warning',
      rule: 'insecure-resource',
      message: `${source.questionFile} line ${i + 1} loads a resource over http:, which MTurk's https page blocks or warns about (mixed content). Use https:.`,
      file: source.questionFile,
      line: i + 1,
    });
  }
  // Values that land in the page as addresses.
  const used = new Set(findPlaceholders(source.template).map((p) => p.name));
  for (const column of source.input.columns) {
    if (!used.has(column)) continue;
    const rows = source.input.rows.filter((row) => /^\s*http:\/\//i.test(row.values[column] ?? '')).map((row) => row.number);
    if (rows.length === 0) continue;
    findings.push({
      severity: 'warning',
      rule: 'insecure-resource',
      message: `Column "${column}" holds http: addresses (${rowList(rows)}); MTurk's https page blocks or warns about them (mixed content). Use https: addresses.`,
      file: source.inputFile,
      rows,
      column,
    });
  }
  return findings;
}

function cellFindings(source: BatchSource): LintFinding[] {
  const used = new Set(findPlaceholders(source.template).map((p) => p.name));
  const findings: LintFinding[] = [];
  for (const column of source.input.columns) {
    if (!used.has(column)) continue;
    const rows = source.input.rows.filter((row) => (row.values[column] ?? '').trim() === '').map((row) => row.number);
    if (rows.length === 0) continue;
    findings.push({
      severity: 'warning',
      rule: 'empty-cell',
      message: `Column "${column}" is empty in ${rowList(rows)}; the placeholder \${${column}} would show nothing there.`,
      file: source.inputFile,
      rows,
      column,
    });
  }
  return findings;
}

/** An FNV-1a hash of a row's cells (with each cell's end marked), to bucket rows before comparing them exactly. */
function rowHash(values: Readonly<Record<string, string>>, columns: readonly string[]): number {
  let hash = 0x811c9dc5;
  for (const column of columns) {
    const value = values[column]!;
    for (let i = 0; i < value.length; i++) hash = Math.imul(hash ^ value.charCodeAt(i), 0x01000193);
    hash = Math.imul(hash ^ 0xffff, 0x01000193);
  }
  // 30 bits: a small integer to V8, so the map's keys are not boxed numbers.
  return hash & 0x3fffffff;
}

function sameRow(a: InputRow, b: InputRow, columns: readonly string[]): boolean {
  return columns.every((column) => a.values[column] === b.values[column]);
}

function duplicateRowFindings(source: BatchSource): LintFinding[] {
  const { columns } = source.input;
  // Rows with the same hash, then compared cell by cell: no key strings built for 100,000 rows.
  const firstWithHash = new Map<number, InputRow>();
  const laterWithHash = new Map<number, InputRow[]>();
  const groups = new Map<number, number[]>();
  for (const row of source.input.rows) {
    const hash = rowHash(row.values, columns);
    const first = firstWithHash.get(hash);
    if (!first) {
      firstWithHash.set(hash, row);
      continue;
    }
    const original = sameRow(first, row, columns) ? first : laterWithHash.get(hash)?.find((candidate) => sameRow(candidate, row, columns));
    if (!original) laterWithHash.set(hash, [...(laterWithHash.get(hash) ?? []), row]);
    else {
      const copies = groups.get(original.number);
      if (copies) copies.push(row.number);
      else groups.set(original.number, [row.number]);
    }
  }
  return [...groups].map(([original, copies]) => ({
    severity: 'warning' as const,
    rule: 'duplicate-row' as const,
    message: `Input ${rowList(copies)} ${copies.length === 1 ? 'repeats' : 'repeat'} row ${original} exactly: each copy becomes another HIT, paid again.`,
    file: source.inputFile,
    rows: [original, ...copies],
  }));
}

/** The question size per row (exact where it is close to the limit) and, for external questions, https per row. */
function sizeAndUrlFindings(source: BatchSource): LintFinding[] {
  const tooLarge: number[] = [];
  const notHttps: number[] = [];
  const placeholders = findPlaceholders(source.template);
  const columns = new Set(source.input.columns);
  if (placeholders.some((p) => !columns.has(p.name))) return []; // Reported as unknown placeholders; rows cannot be built.
  const trusted = new Set(source.properties.trustedColumns);
  const staticBytes = questionBytes(wrap(source, source.template.replace(/\$\{[^{}\r\n]*\}/g, '')));
  for (const row of source.input.rows) {
    if (source.kind === 'external') {
      const url = substitute(source.template, row.values, { escaping: 'url' });
      if (url.ok && !/^https:\/\//i.test(url.value.trim())) notHttps.push(row.number);
      continue;
    }
    // An escaped character is at most 6 bytes ("&quot;"), any other at most 3 in UTF-8: most rows are cleared here.
    let bound = staticBytes;
    for (const p of placeholders) bound += 6 * row.values[p.name]!.length;
    if (bound <= LIMITS.questionBytes - 1024) continue;
    let estimate = staticBytes;
    for (const p of placeholders) {
      const value = row.values[p.name]!;
      estimate += utf8Length(trusted.has(p.name) ? value : escapeMarkup(value));
    }
    // CDATA splitting can add a few bytes where "]]>" appears: build the real question when it is close.
    if (estimate <= LIMITS.questionBytes - 1024) continue;
    const built = substitute(source.template, row.values, { escaping: source.kind === 'html' ? 'html' : 'xml', trustedColumns: trusted });
    if (built.ok && questionBytes(wrap(source, built.value)) > LIMITS.questionBytes) tooLarge.push(row.number);
  }
  const findings: LintFinding[] = [];
  if (tooLarge.length) {
    findings.push({
      severity: 'error',
      rule: 'question-too-large',
      message: `The question for ${rowList(tooLarge)} is over MTurk's limit of 65,535 bytes. Shorten those values, or load large content from an https address instead of inlining it.`,
      file: source.inputFile,
      rows: tooLarge,
    });
  }
  if (notHttps.length) {
    findings.push({
      severity: 'error',
      rule: 'external-not-https',
      message: `The external URL for ${rowList(notHttps)} does not start with https://; MTurk accepts only https task pages.`,
      file: source.questionFile,
      rows: notHttps,
    });
  }
  return findings;
}

function wrap(source: BatchSource, content: string): string {
  if (source.kind === 'html') return htmlQuestion(content, source.properties.frameHeight);
  if (source.kind === 'external') return externalQuestion(content, source.properties.frameHeight);
  return content;
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function feeTierFindings(source: BatchSource): LintFinding[] {
  const p = source.properties;
  if (p.maxAssignments < LARGE_BATCH_THRESHOLD) return [];
  const input = { rows: source.input.rows.length, rewardCents: p.rewardCents, maxAssignments: p.maxAssignments, masters: source.masters };
  const micro = batchCost({ ...input, microBatching: true });
  if (p.microBatching) {
    return [
      {
        severity: 'info',
        rule: 'fee-tier',
        message: `Each row wants ${p.maxAssignments} assignments: it is published as ${micro.subHitSizes.length} HITs of ${micro.subHitSizes.join(' + ')} assignments, which pay MTurk's ${micro.feePercent} % fee instead of ${micro.withoutMicroBatching?.feePercent} % and saves ${displayMoney(micro.savingCents)}. ${microBatchingNote(micro)}`,
        file: 'batch.json',
      },
    ];
  }
  return [
    {
      severity: 'warning',
      rule: 'fee-tier',
      message: `Each HIT has ${p.maxAssignments} assignments, so MTurk charges its ${micro.withoutMicroBatching?.feePercent} % fee. Turn on micro-batching (sub-HITs of at most 9) to pay ${micro.feePercent} % and save ${displayMoney(micro.savingCents)}.`,
      file: 'batch.json',
    },
  ];
}
