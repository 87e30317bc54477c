/**
 * The Dashboard's figures for one connection (or a kept archive), read from the archive only — no keys needed — plus
 * the available balance when asked for and MTurk can be reached.
 */
import type { DashboardSummary, DeadlineWindow, SpendGrouping, SpendReport } from '../../../shared/contract/dashboard';
import { ok, type Result } from '../../../shared/result';
import type { ArchiveDb } from '../../archive/connection';
import type { AuditService } from '../audit/audit-service';
import type { BatchOverview } from '../batches/batch-overview';
import type { ConnectionContext, ConnectionContexts } from '../connections/connection-context';
import { autoApprovalRadar, deadlineWindows, liabilities, RADAR_BANDS, spendBy, spendTotal } from './spend';
import { approvedWork, hitFacts, openHits, paidBonuses, submittedWork, type HitFacts } from './spend-queries';

export interface DashboardServiceDeps {
  readonly archive: ArchiveDb;
  readonly contexts: ConnectionContexts;
  readonly batchOverview: BatchOverview;
  readonly audit: AuditService;
  readonly now: () => number;
}

const RECENT_ACTIONS = 12;
const IN_PROGRESS = new Set(['launching', 'running', 'in-review']);

export class DashboardService {
  constructor(private readonly deps: DashboardServiceDeps) {}

  spend(by: SpendGrouping, context: ConnectionContext = this.deps.contexts.active()): SpendReport {
    return this.#spendings(context)(by);
  }

  /** The archive read once, grouped as many ways as asked. */
  #spendings(context: ConnectionContext, hits?: HitFacts): (by: SpendGrouping) => SpendReport {
    const archiveId = context.archiveId;
    if (archiveId === null) return (by) => ({ by, buckets: [], total: spendTotal([]) });
    const db = this.deps.archive.read;
    const facts = hits ?? hitFacts(db, archiveId);
    const approved = approvedWork(db, archiveId, facts);
    const bonuses = paidBonuses(db, archiveId, facts);
    return (by) => {
      const buckets = spendBy(by, approved, bonuses);
      return { by, buckets, total: spendTotal(buckets) };
    };
  }

  /** The review queue's deadline windows, from the same submitted work the radar reads. */
  deadlines(context: ConnectionContext = this.deps.contexts.active()): DeadlineWindow[] {
    const archiveId = context.archiveId;
    return deadlineWindows(archiveId === null ? [] : submittedWork(this.deps.archive.read, archiveId), this.deps.now());
  }

  async summary(options: { balance: boolean }, context: ConnectionContext = this.deps.contexts.active()): Promise<Result<DashboardSummary>> {
    const now = this.deps.now();
    const archiveId = context.archiveId;
    const db = this.deps.archive.read;
    // Every HIT's pricing and batch once, for the spend and the submitted work alike.
    const hits = archiveId === null ? undefined : hitFacts(db, archiveId);
    const submitted = archiveId === null ? [] : submittedWork(db, archiveId, hits);
    const open = archiveId === null ? [] : openHits(db, archiveId, now);
    const batches = this.deps.batchOverview.list(context);
    const recent = archiveId === null ? [] : this.deps.audit.recent(archiveId, RECENT_ACTIONS);
    const spend = this.#spendings(context, hits);
    const balance = options.balance ? await this.#balance(context) : { balanceCents: null, balanceNote: 'Not asked for.' };
    return ok({
      connection: context.config.label,
      ...balance,
      liabilities: liabilities(submitted, open),
      perDay: spend('day'),
      perWeek: spend('week'),
      perBatch: spend('batch'),
      radar: archiveId === null ? RADAR_BANDS.map((b) => ({ label: b.label, assignments: 0, costCents: 0, soonestAt: null })) : autoApprovalRadar(submitted, now),
      batchesInProgress: batches.ok ? batches.value.filter((b) => IN_PROGRESS.has(b.figures.status)) : [],
      recentActions: recent,
      at: now,
    });
  }

  async #balance(context: ConnectionContext): Promise<{ balanceCents: number | null; balanceNote: string | null }> {
    if (context.readOnly) return { balanceCents: null, balanceNote: 'A kept archive has no connection to ask.' };
    const gateway = await context.gateway();
    if (!gateway.ok) return { balanceCents: null, balanceNote: gateway.error.message };
    const balance = await gateway.value.getAccountBalance();
    return balance.ok ? { balanceCents: balance.value.availableCents, balanceNote: null } : { balanceCents: null, balanceNote: balance.error.message };
  }
}
