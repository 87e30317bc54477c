/**
 * A ledger being prepared in the Bonuses area, without React (pure, unit-tested): the rows of an imported file, each
 * keeping its row number from the file, fixed cell by cell or dropped, and the latest check of exactly those rows.
 * Only a check of the rows as they are now may lead to a dry run: an edit makes the previous check stale.
 */
import type { LedgerCheck, LedgerField, LedgerFinding } from '../../../../shared/contract/bonuses';
import { displayMoney } from '../../../../shared/domain/money';

export const EDITABLE_FIELDS = ['WorkerId', 'AssignmentId', 'Amount', 'Reason'] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

export interface DraftRow {
  readonly rowNumber: number;
  readonly WorkerId: string;
  readonly AssignmentId: string;
  readonly Amount: string;
  readonly Reason: string;
}

export interface LedgerDraft {
  readonly name: string;
  readonly rows: readonly DraftRow[];
  /** Bumped by every edit; a check answers for the version it was asked about. */
  readonly version: number;
  /** Absent: the default cap, rejected work refused. */
  readonly options?: LedgerOptions;
}

/** What the whole file gets wrong (its encoding, its columns, a row of the wrong shape): fixed in the file, not here. */
const FILE_FIELDS: readonly LedgerField[] = ['file', 'encoding', 'columns'];

export function fileErrors(check: LedgerCheck): LedgerFinding[] {
  return check.findings.filter((f) => f.severity === 'error' && FILE_FIELDS.includes(f.field));
}

/** The file's rows as a draft, or null when the file itself must be fixed first (nothing of it could be edited whole). */
export function draftFromCheck(check: LedgerCheck): LedgerDraft | null {
  if (fileErrors(check).length > 0 || check.rows.length === 0) return null;
  return {
    name: check.fileName.replace(/\.csv$/i, ''),
    rows: check.rows.map((r) => ({ rowNumber: r.rowNumber, WorkerId: r.workerId, AssignmentId: r.assignmentId, Amount: r.amountText, Reason: r.reason })),
    version: 0,
  };
}

export function editCell(draft: LedgerDraft, rowNumber: number, field: EditableField, value: string): LedgerDraft {
  const rows = draft.rows.map((row) => (row.rowNumber === rowNumber ? { ...row, [field]: value } : row));
  return { ...draft, rows, version: draft.version + 1 };
}

export function dropRows(draft: LedgerDraft, rowNumbers: readonly number[]): LedgerDraft {
  const dropped = new Set(rowNumbers);
  return { ...draft, rows: draft.rows.filter((row) => !dropped.has(row.rowNumber)), version: draft.version + 1 };
}

/** Each row's problems (errors and warnings), by its row number. */
export function problemsByRow(check: LedgerCheck | null): ReadonlyMap<number, readonly LedgerFinding[]> {
  const byRow = new Map<number, LedgerFinding[]>();
  for (const finding of check?.findings ?? []) {
    if (finding.row === null) continue;
    byRow.set(finding.row, [...(byRow.get(finding.row) ?? []), finding]);
  }
  return byRow;
}

/** The fields of a row that are in error, for the cells to show it. */
export function fieldsInError(problems: readonly LedgerFinding[] | undefined): ReadonlySet<string> {
  return new Set((problems ?? []).filter((p) => p.severity === 'error').map((p) => p.field));
}

/** Why the dry run cannot be opened yet, in words; null when it can. */
export function dryRunBlocker(draft: LedgerDraft, check: { readonly version: number; readonly value: LedgerCheck } | null): string | null {
  if (draft.rows.length === 0) return 'Every row was dropped: nothing to pay.';
  if (!check || check.version !== draft.version) return 'Checking the rows…';
  const { errors, ready } = check.value;
  if (errors > 0) return `${errors} problem${errors === 1 ? '' : 's'} to fix or drop before anything can be sent.`;
  if (ready === 0) return 'Every row is already paid: nothing to send.';
  return null;
}

export interface MoneyLines {
  readonly bonuses: string;
  readonly fee: string;
  readonly total: string;
  /** Null when MTurk could not be asked. */
  readonly balance: string | null;
  readonly short: boolean;
}

export function moneyLines(check: LedgerCheck): MoneyLines {
  const { totals, balance, ready } = check;
  return {
    bonuses: `${displayMoney(totals.bonusCents)} in ${ready.toLocaleString('en-US')} bonus${ready === 1 ? '' : 'es'}`,
    fee: `${displayMoney(totals.feeCents)} MTurk fee (20 %, at least $0.01 each)`,
    total: displayMoney(totals.totalCents),
    balance: balance ? `Balance ${displayMoney(balance.availableCents)} now → ${displayMoney(balance.afterCents)} after` : null,
    short: balance !== null && balance.afterCents < 0,
  };
}

/** A draft of chosen work, one row per assignment (numbered from 1), its amount and reason still to be written. */
export function draftFromWork(name: string, work: readonly { readonly workerId: string; readonly assignmentId: string }[]): LedgerDraft {
  return { name, rows: work.map((w, i) => ({ rowNumber: i + 1, WorkerId: w.workerId, AssignmentId: w.assignmentId, Amount: '', Reason: '' })), version: 1 };
}

/** The same amount or reason on every row (an empty value leaves the rows as they are). */
export function fillEveryRow(draft: LedgerDraft, fill: { readonly Amount?: string; readonly Reason?: string }): LedgerDraft {
  const set = Object.fromEntries(Object.entries(fill).filter(([, value]) => value !== undefined && value.trim() !== '')) as Partial<DraftRow>;
  if (Object.keys(set).length === 0) return draft;
  return { ...draft, rows: draft.rows.map((row) => ({ ...row, ...set })), version: draft.version + 1 };
}

/** How the rows are checked: the per-payment cap (MTurk has none; a bigger amount is taken for a typo) and rejected work. */
export interface LedgerOptions {
  readonly capCents: number;
  readonly allowRejected: boolean;
}

export function withOptions(draft: LedgerDraft, options: LedgerOptions): LedgerDraft {
  return { ...draft, options, version: draft.version + 1 };
}

/** What checking or sending the draft asks for: its rows as they are now, under its options. */
export function rowsInput(draft: LedgerDraft): { name: string; rows: DraftRow[]; capCents?: number; allowRejected?: boolean } {
  return {
    name: draft.name.trim() || 'Ledger',
    rows: draft.rows.map((row) => ({ ...row })),
    ...(draft.options ? { capCents: draft.options.capCents, allowRejected: draft.options.allowRejected } : {}),
  };
}

/** Rows written by a rule (who gets what), numbered from 1: a draft checked at once, then dry-run and sent like a file. */
export function draftFromRule(preview: { readonly ledgerName: string; readonly rows: readonly { readonly workerId: string; readonly assignmentId: string; readonly amount: string; readonly reason: string }[] }): LedgerDraft {
  return { name: preview.ledgerName, rows: preview.rows.map((r, i) => ({ rowNumber: i + 1, WorkerId: r.workerId, AssignmentId: r.assignmentId, Amount: r.amount, Reason: r.reason })), version: 1 };
}
