/**
 * Bulk bonuses that pay exactly once: a ledger file is checked row by row (nothing is sent while any row is in error),
 * shown as a dry run (totals with MTurk's fee per worker and overall, balance before and after, the connection), then
 * recorded whole and paid as one journaled job at bulk priority. Each row's UniqueRequestToken comes from (ledger,
 * row); sending the same file again finds its ledger and pays only what is not paid; a different file repeating an
 * earlier payment (worker, assignment, amount and reason) says "already paid" for that row. Reconciliation compares
 * the ledgers with MTurk's own ListBonusPayments.
 */
import { createHash, randomUUID } from 'node:crypto';
import type {
  CheckedRow,
  LedgerCheck,
  LedgerReconciliation,
  LedgerRowState,
  LedgerSent,
  LedgerStatus,
  ReconciledRow,
  ReconciledVerdict,
  StoredLedger,
  UnexplainedPayment,
  WorkerTotal,
} from '../../../shared/contract/bonuses';
import { DEFAULT_BONUS_CAP_CENTS } from '../../../shared/contract/bonuses';
import { isProduction } from '../../../shared/domain/connections';
import { bonusCostCents } from '../../../shared/domain/fees';
import { displayMoney } from '../../../shared/domain/money';
import { appError } from '../../../shared/errors';
import { err, ok, type Result } from '../../../shared/result';
import type { ArchiveDb } from '../../archive/connection';
import { getAssignment } from '../../archive/repos/assignments';
import { bonusesForAssignment } from '../../archive/repos/bonuses';
import {
  getLedger,
  insertLedger,
  ledgerByContent,
  ledgerRows,
  ledgerRowsForAssignments,
  listLedgers,
  markRowPaid,
  paidLedgerRowLike,
  setLedgerJob,
} from '../../archive/repos/bonus-ledgers';
import { listUnfinished } from '../../archive/repos/journal';
import type { BonusPayment, MTurkGateway } from '../../mturk/types';
import type { ActionJobs, BulkItem } from '../actions/action-jobs';
import { bonusTarget, bonusToken, paysRow } from '../actions/bonus-actions';
import type { Reconciler } from '../actions/reconciler';
import { balanceAfter } from '../connections/balance-after';
import type { ConnectionContext, ConnectionContexts } from '../connections/connection-context';
import type { JobRunner } from '../jobs/job-runner';
import { ledgerFromRows, readLedgerFile, type LedgerColumn } from './ledger-file';
import { paymentsOf } from './mturk-payments';
import { validateLedger, type LedgerLookups, type PaymentKey } from './ledger-validation';

/** A ledger file's bytes, or its rows as data (fixed row by row in the app), each numbered as in its file. */
export type LedgerFileInput = { readonly fileName: string; readonly capCents?: number; readonly allowRejected?: boolean } & (
  | { readonly bytes: Uint8Array }
  | { readonly rows: readonly LedgerDataRow[] }
);
export type LedgerDataRow = { readonly rowNumber: number } & Readonly<Record<LedgerColumn, string>>;

export interface LedgerSendOptions {
  readonly name?: string;
  readonly typedConnectionName?: string;
}

export interface BonusLedgerDeps {
  readonly archive: ArchiveDb;
  readonly contexts: ConnectionContexts;
  readonly actionJobs: ActionJobs;
  readonly runner: JobRunner;
  readonly reconciler: Reconciler;
  readonly now: () => number;
}

/** `l` + 12 hexadecimal digits: short enough that the token of any row stays within MTurk's 64 characters. */
const newLedgerId = (): string => `l${randomUUID().replaceAll('-', '').slice(0, 12)}`;

const when = (ms: number): string => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

export class BonusLedgerService {
  constructor(private readonly deps: BonusLedgerDeps) {}

  async check(input: LedgerFileInput, context: ConnectionContext = this.deps.contexts.active()): Promise<Result<LedgerCheck>> {
    return ok(await this.#check(input, context));
  }

  async send(input: LedgerFileInput & LedgerSendOptions, context: ConnectionContext = this.deps.contexts.active()): Promise<Result<LedgerSent>> {
    const gateway = await context.gateway();
    if (!gateway.ok) return gateway;
    // Open calls from a crash or a lost answer are settled first, so the check sees every payment they made.
    const reconciled = await this.deps.reconciler.ensure(context);
    if (!reconciled.ok) return reconciled;
    const archiveId = await context.ensureArchiveId();
    if (!archiveId.ok) return archiveId;
    const check = await this.#check(input, context);
    const refusal = sendRefusal(check, input);
    if (refusal) return err(refusal);
    const target = { configId: context.config.id, archiveConnectionId: archiveId.value, gateway: gateway.value };

    const existing = check.existingLedger ? getLedger(this.deps.archive.read, check.existingLedger.id) : null;
    if (existing) return this.#resume(existing, check, target);
    const ledger = insertLedger(
      this.deps.archive.write,
      {
        id: newLedgerId(),
        connectionId: archiveId.value,
        configId: context.config.id,
        name: input.name?.trim() || input.fileName.replace(/\.csv$/i, ''),
        fileName: input.fileName,
        contentSha256: contentSha256(input),
      },
      check.rows.map((row) => ({
        rowNumber: row.rowNumber,
        workerId: row.workerId,
        assignmentId: row.assignmentId,
        amountCents: row.amountCents!,
        reason: row.reason,
        state: row.state === 'already-paid' ? 'already-paid' : 'unsent',
        error: row.alreadyPaid,
      })),
      this.deps.now(),
    );
    const items = itemsFor(ledger.id, check.rows.filter((row) => row.state === 'ready'));
    return ok({ ledgerId: ledger.id, job: this.#start(ledger, items, target), resumed: false });
  }

  ledgers(context: ConnectionContext = this.deps.contexts.active()): StoredLedger[] {
    return context.archiveId === null ? [] : listLedgers(this.deps.archive.read, context.archiveId);
  }

  status(ledgerId: string): Result<LedgerStatus> {
    const ledger = getLedger(this.deps.archive.read, ledgerId);
    if (!ledger) return err(appError('not-found', `No bonus ledger ${ledgerId} in this data folder; "bonus send" prints the id of each ledger it pays.`));
    const rows = ledgerRows(this.deps.archive.read, ledgerId);
    const counts: Record<LedgerRowState, number> = { unsent: 0, paid: 0, failed: 0, 'already-paid': 0 };
    for (const row of rows) counts[row.state]++;
    const paidCents = rows.filter((r) => r.state === 'paid').reduce((sum, r) => sum + r.amountCents, 0);
    const job = ledger.sendJobId ? (this.deps.runner.list(500).find((j) => j.id === ledger.sendJobId) ?? null) : null;
    const unsettled = new Set(
      listUnfinished(this.deps.archive.read, ledger.connectionId)
        .filter((e) => e.kind === 'send-bonus' && e.state !== 'pending' && e.target?.startsWith(`${ledgerId}:r`))
        .map((e) => e.target),
    ).size;
    return ok({ ledger, rows, counts, paidCents, unsettled, job });
  }

  /**
   * Every row of the ledger (or of every ledger of the connection) against MTurk's payments on its assignment: paid
   * (once, or twice — which must never happen), failed with MTurk's message, or missing; and payments on those
   * assignments that no ledger row explains.
   */
  async reconcile(ledgerId: string | undefined, context: ConnectionContext = this.deps.contexts.active()): Promise<Result<LedgerReconciliation>> {
    const { archive } = this.deps;
    const archiveId = context.archiveId;
    if (archiveId === null) return err(appError('not-found', `Nothing is archived for ${context.config.label} yet, so it has no bonus ledgers.`));
    const ledgers = ledgerId ? [getLedger(archive.read, ledgerId)] : listLedgers(archive.read, archiveId);
    if (ledgers.some((l) => l === null)) return err(appError('not-found', `No bonus ledger ${ledgerId} in this data folder.`));
    const chosen = (ledgers as StoredLedger[]).filter((l) => l.connectionId === archiveId);
    if (ledgerId && chosen.length === 0) return err(appError('validation', `Ledger ${ledgerId} was paid on another connection; reconcile it with --connection set to that one.`));
    const gateway = await context.gateway();
    if (!gateway.ok) return gateway;
    const settled = await this.deps.reconciler.run(context);
    if (!settled.ok) return settled;

    const selected = new Set(chosen.map((l) => l.id));
    const rowsOfChosen = chosen.flatMap((l) => ledgerRows(archive.read, l.id).map((row) => ({ ...row, ledgerId: l.id })));
    const assignmentIds = [...new Set(rowsOfChosen.map((r) => r.assignmentId))];
    const fetched = await paymentsOf(gateway.value, assignmentIds.map((id) => ({ assignmentId: id, hitId: getAssignment(archive.read, archiveId, id)?.hitId ?? null })));
    if (!fetched.ok) return fetched;

    // Every ledger row of the connection can explain a payment, not only the chosen ledgers' rows.
    const explaining = ledgerRowsForAssignments(archive.read, archiveId, assignmentIds);
    // Original payments first: an already-paid row points at a payment another row (or an earlier action) made.
    explaining.sort((a, b) => Number(a.state === 'already-paid') - Number(b.state === 'already-paid'));
    const paymentsOfRow = new Map<string, BonusPayment[]>();
    const key = (row: { ledgerId: string; rowNumber: number }): string => `${row.ledgerId}:${row.rowNumber}`;
    const unexplained: UnexplainedPayment[] = [];
    for (const [assignmentId, payments] of fetched.value) {
      const candidates = explaining.filter((r) => r.assignmentId === assignmentId);
      for (const payment of payments) {
        const matching = candidates.filter((r) => paysRow(payment, r));
        if (matching.length === 0) {
          unexplained.push({ workerId: payment.workerId, assignmentId, amountCents: payment.amountCents, reason: payment.reason, grantTime: payment.grantTime });
          continue;
        }
        const owner = matching.find((r) => r.state !== 'already-paid' && !paymentsOfRow.has(key(r))) ?? matching[0]!;
        paymentsOfRow.set(key(owner), [...(paymentsOfRow.get(key(owner)) ?? []), payment]);
      }
    }

    const rows: ReconciledRow[] = [];
    const now = this.deps.now();
    for (const row of rowsOfChosen) {
      const found = paymentsOfRow.get(key(row)) ?? [];
      const base = { ledgerId: row.ledgerId, rowNumber: row.rowNumber, workerId: row.workerId, assignmentId: row.assignmentId, amountCents: row.amountCents };
      if (row.state === 'already-paid') {
        const shown = fetched.value.get(row.assignmentId)?.some((p) => paysRow(p, row)) ?? false;
        rows.push({ ...base, verdict: shown ? 'already-paid' : 'missing', message: shown ? row.error : 'Marked already paid when the ledger was sent, but MTurk lists no such payment.' });
      } else if (found.length > 1) {
        rows.push({ ...base, verdict: 'paid-twice', message: `MTurk lists ${found.length} payments of ${displayMoney(row.amountCents)} for this row (${found.map((p) => when(p.grantTime)).join(', ')}).` });
      } else if (found.length === 1) {
        if (row.state !== 'paid') markRowPaid(archive.write, row.ledgerId, row.rowNumber, found[0]!.grantTime || now);
        rows.push({ ...base, verdict: 'paid', message: null });
      } else if (row.state === 'failed') {
        rows.push({ ...base, verdict: 'failed', message: row.error });
      } else {
        rows.push({ ...base, verdict: 'missing', message: row.state === 'paid' ? 'Recorded as paid, but MTurk lists no such payment.' : 'Not paid yet: send the ledger again to pay it.' });
      }
    }
    const counts: Record<ReconciledVerdict, number> = { paid: 0, 'paid-twice': 0, failed: 0, missing: 0, 'already-paid': 0 };
    for (const row of rows) counts[row.verdict]++;
    return ok({ ledgerIds: [...selected], rows, counts, unexplained });
  }

  async #check(input: LedgerFileInput, context: ConnectionContext): Promise<LedgerCheck> {
    const { archive, now } = this.deps;
    const { config, archiveId } = context;
    const capCents = input.capCents ?? DEFAULT_BONUS_CAP_CENTS;
    const file = 'rows' in input ? ledgerFromRows(input.rows) : readLedgerFile(input.bytes);
    const assignmentOf = (id: string) => (archiveId === null ? null : getAssignment(archive.read, archiveId, id));

    // Earlier payments on MTurk, for the assignments the archive knows (one listing per assignment).
    const known = [...new Set(file.rows.map((r) => r.values.AssignmentId.trim()))].flatMap((id) => {
      const found = assignmentOf(id);
      return found ? [{ assignmentId: id, hitId: found.hitId }] : [];
    });
    const gateway = known.length ? await context.gateway() : null;
    const onMTurk = gateway?.ok ? await paymentsOf(gateway.value, known) : null;
    const mturkPayments = onMTurk?.ok ? onMTurk.value : null;

    const lookups: LedgerLookups = {
      assignment: (id) => {
        const found = assignmentOf(id);
        return found ? { workerId: found.workerId, status: found.status, submitTime: found.submitTime } : null;
      },
      earlierPayment: (payment) => earlierPayment(payment, archive, archiveId, mturkPayments),
      otherBonuses: (workerId, assignmentId) => {
        const listed = mturkPayments?.get(assignmentId) ?? (archiveId === null ? [] : bonusesForAssignment(archive.read, archiveId, assignmentId));
        return listed.filter((p) => p.workerId === workerId).length;
      },
    };
    const validated = validateLedger(file, lookups, { capCents, allowRejected: input.allowRejected ?? false, now: now(), connectionLabel: config.label });
    const findings = [...validated.findings];
    if (known.length && !mturkPayments) {
      const why = gateway && !gateway.ok ? gateway.error.message : onMTurk && !onMTurk.ok ? onMTurk.error.message : 'MTurk did not answer';
      findings.push({ row: null, field: 'file', value: null, severity: 'warning', message: `Earlier payments were looked up in the archive only: MTurk could not be asked (${why}). Sync before sending.` });
    }
    const ready = validated.rows.filter((r) => r.state === 'ready');
    const perWorker = totalsByWorker(ready);
    const totals = perWorker.reduce((sum, w) => ({ bonusCents: sum.bonusCents + w.bonusCents, feeCents: sum.feeCents + w.feeCents, totalCents: sum.totalCents + w.totalCents }), { bonusCents: 0, feeCents: 0, totalCents: 0 });
    const existing = archiveId === null ? null : ledgerByContent(archive.read, archiveId, contentSha256(input));
    const errors = findings.filter((f) => f.severity === 'error').length;
    return {
      fileName: input.fileName,
      encoding: file.encoding,
      rows: validated.rows,
      findings,
      errors,
      ready: ready.length,
      alreadyPaid: validated.rows.filter((r) => r.state === 'already-paid').length,
      totals,
      perWorker,
      capCents,
      connection: { id: config.id, label: config.label, production: isProduction(config) },
      balance: errors === 0 && ready.length > 0 ? await balanceAfter(context, totals.totalCents) : null,
      checkedOnMTurk: mturkPayments !== null,
      typeToConfirm: isProduction(config) ? config.label.trim() : null,
      existingLedger: existing ? { id: existing.id, name: existing.name } : null,
    };
  }

  /**
   * The same file sent again: its interrupted job is resumed (unsent calls go out with the tokens they were journaled
   * with), or a new job pays the rows not paid yet. A row the archive shows paid is skipped by either.
   */
  async #resume(ledger: StoredLedger, check: LedgerCheck, target: JobTarget): Promise<Result<LedgerSent>> {
    const { runner, actionJobs } = this.deps;
    const previous = ledger.sendJobId ? runner.stored(ledger.sendJobId) : null;
    if (previous && runner.running(previous.id)) return err(appError('conflict', `Ledger "${ledger.name}" is being paid right now (job "${previous.label}"); wait for it or cancel it.`));
    if (previous?.state === 'interrupted') {
      const resumed = await actionJobs.resume(previous.id);
      if (!resumed.ok) return resumed;
      return ok({ ledgerId: ledger.id, job: resumed.value, resumed: true });
    }
    const stillReady = new Set(check.rows.filter((r) => r.state === 'ready').map((r) => r.rowNumber));
    const unpaid = ledgerRows(this.deps.archive.read, ledger.id).filter((row) => (row.state === 'unsent' || row.state === 'failed') && stillReady.has(row.rowNumber));
    const items = itemsFor(ledger.id, unpaid);
    return ok({ ledgerId: ledger.id, job: this.#start(ledger, items, target), resumed: true });
  }

  #start(ledger: StoredLedger, items: readonly BulkItem[], target: JobTarget): LedgerSent['job'] {
    if (items.length === 0) return null;
    const label = `Bonus ledger ${ledger.name} · ${items.length} payment${items.length === 1 ? '' : 's'}`;
    const job = this.deps.actionJobs.start(target, { kind: 'send-bonus', label, items, lane: 'bulk' });
    setLedgerJob(this.deps.archive.write, ledger.id, job.id, this.deps.now());
    return job;
  }
}

type JobTarget = { configId: string; archiveConnectionId: number; gateway: MTurkGateway };

/** Why a checked ledger may not be sent, in words; null when it may. */
export function sendRefusal(check: LedgerCheck, options: LedgerSendOptions): ReturnType<typeof appError> | null {
  if (check.errors > 0) {
    const first = check.findings.find((f) => f.severity === 'error')!;
    return appError('validation', `${check.errors} problem${check.errors === 1 ? '' : 's'} in ${check.fileName}; nothing was sent. The first: ${first.message}`, { field: first.field });
  }
  if (check.typeToConfirm !== null && options.typedConnectionName?.trim() !== check.typeToConfirm) {
    return appError('validation', `This pays bonuses on PRODUCTION with real money. Type the connection's name, "${check.typeToConfirm}", to confirm.`, { field: 'typedConnectionName' });
  }
  if (check.balance && check.balance.afterCents < 0) {
    return appError('insufficient-funds', `These bonuses cost ${displayMoney(check.totals.totalCents)} with MTurk's fee but the balance is ${displayMoney(check.balance.availableCents)}. Add funds, or split the ledger.`);
  }
  return null;
}

/** A file is known again by its bytes; rows given as data by their canonical JSON, so the same rows sent twice resume one ledger. */
const contentSha256 = (input: LedgerFileInput): string =>
  createHash('sha256')
    .update('rows' in input ? JSON.stringify(input.rows.map((r) => [r.rowNumber, r.WorkerId, r.AssignmentId, r.Amount, r.Reason])) : input.bytes)
    .digest('hex');

function itemsFor(ledgerId: string, rows: readonly { rowNumber: number; workerId: string; assignmentId: string; amountCents: number | null; reason: string }[]): BulkItem[] {
  return rows.map((row) => ({
    target: bonusTarget(ledgerId, row.rowNumber),
    costCents: bonusCostCents(row.amountCents!).totalCents,
    request: {
      ledgerId,
      rowNumber: row.rowNumber,
      workerId: row.workerId,
      assignmentId: row.assignmentId,
      amountCents: row.amountCents!,
      reason: row.reason,
      uniqueRequestToken: bonusToken(ledgerId, row.rowNumber),
    },
  }));
}

function totalsByWorker(rows: readonly CheckedRow[]): WorkerTotal[] {
  const byWorker = new Map<string, WorkerTotal>();
  for (const row of rows) {
    const cost = bonusCostCents(row.amountCents!);
    const was = byWorker.get(row.workerId) ?? { workerId: row.workerId, payments: 0, bonusCents: 0, feeCents: 0, totalCents: 0 };
    byWorker.set(row.workerId, {
      workerId: row.workerId,
      payments: was.payments + 1,
      bonusCents: was.bonusCents + cost.bonusCents,
      feeCents: was.feeCents + cost.feeCents,
      totalCents: was.totalCents + cost.totalCents,
    });
  }
  return [...byWorker.values()].sort((a, b) => b.totalCents - a.totalCents || a.workerId.localeCompare(b.workerId));
}

/** Where exactly this payment was made before: a paid ledger row, an archived bonus, or MTurk's own listing. */
function earlierPayment(payment: PaymentKey, archive: ArchiveDb, archiveId: number | null, onMTurk: ReadonlyMap<string, BonusPayment[]> | null): string | null {
  if (archiveId !== null) {
    const row = paidLedgerRowLike(archive.read, archiveId, payment);
    if (row) return `already paid by ledger "${row.ledgerName}" (${row.ledgerId}), row ${row.rowNumber}${row.paidAt ? `, on ${when(row.paidAt)} UTC` : ''}`;
    const archived = bonusesForAssignment(archive.read, archiveId, payment.assignmentId).find((b) => paysRow(b, payment));
    if (archived) return `already paid on ${when(archived.grantTime)} UTC (in the archive)`;
  }
  const listed = onMTurk?.get(payment.assignmentId)?.find((p) => paysRow(p, payment));
  return listed ? `already paid on ${when(listed.grantTime)} UTC (MTurk lists it)` : null;
}
