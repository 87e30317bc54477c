import type { z } from 'zod';
import { amountMeaning, type AuditEntry, type AuditPage, type auditFilterSchema } from '../../../shared/contract/audit';
import type { JournalEntry, OperationKind } from '../../../shared/domain/archive-types';
import { stringifyCsv } from '../../../shared/domain/csv';
import { formatMoney } from '../../../shared/domain/money';
import { ok, type Result } from '../../../shared/result';
import type { ArchiveDb } from '../../archive/connection';
import { listConnections } from '../../archive/repos/connections';
import { queryJournal } from '../../archive/repos/journal';
import type { ConnectionContexts } from '../connections/connection-context';
import type { ConnectionService } from '../connections/connection-service';
import { linkedConnection } from '../../archive/repos/connection-links';

type AuditFilter = z.output<typeof auditFilterSchema>;

const EXPORT_PAGE = 5_000;

/** The audit view: every journaled MTurk write, newest first, filterable and exportable. Reads the archive only. */
export class AuditService {
  constructor(private readonly deps: { archive: ArchiveDb; contexts: ConnectionContexts; connections: ConnectionService }) {}

  page(filter: AuditFilter & { beforeId?: number; limit: number }): Result<AuditPage> {
    const ids = this.#connectionIds(filter);
    if (ids !== undefined && ids.length === 0) return ok({ rows: [], nextBeforeId: null });
    const entries = queryJournal(this.deps.archive.read, this.#query(filter, ids, filter.beforeId, filter.limit));
    const names = this.#connectionNames();
    return ok({
      rows: entries.map((entry) => toAuditEntry(entry, names)),
      nextBeforeId: entries.length === filter.limit ? entries[entries.length - 1]!.id : null,
    });
  }

  /** The newest journaled writes of one archive account (the Dashboard's recent actions). */
  recent(archiveId: number, limit: number): AuditEntry[] {
    const names = this.#connectionNames();
    return queryJournal(this.deps.archive.read, { connectionIds: [archiveId], limit }).map((entry) => toAuditEntry(entry, names));
  }

  export(filter: AuditFilter, now: number): Result<{ fileName: string; mimeType: string; text: string; rows: number }> {
    const ids = this.#connectionIds(filter);
    const names = this.#connectionNames();
    const rows: string[][] = [['When (UTC)', 'Connection', 'Action', 'Target', 'Amount', 'Amount is', 'State', "MTurk's answer", 'Job']];
    let beforeId: number | undefined;
    while (ids === undefined || ids.length > 0) {
      const entries = queryJournal(this.deps.archive.read, this.#query(filter, ids, beforeId, EXPORT_PAGE));
      for (const entry of entries) {
        const e = toAuditEntry(entry, names);
        rows.push([new Date(e.at).toISOString(), e.connection, e.kind, e.target ?? '', e.amountCents === null ? '' : formatMoney(e.amountCents), e.amountIs ?? '', e.state, e.answer, e.jobId ?? '']);
      }
      if (entries.length < EXPORT_PAGE) break;
      beforeId = entries[entries.length - 1]!.id;
    }
    const stamp = new Date(now).toISOString().slice(0, 10);
    return ok({ fileName: `turkbench-audit-${stamp}.csv`, mimeType: 'text/csv', text: stringifyCsv(rows), rows: rows.length - 1 });
  }

  #query(filter: AuditFilter, ids: number[] | undefined, beforeId: number | undefined, limit: number) {
    return { connectionIds: ids, states: filter.states, kinds: filter.kinds as OperationKind[] | undefined, search: filter.search || undefined, beforeId, limit };
  }

  /** The active connection's account only, unless every account is asked for. */
  #connectionIds(filter: AuditFilter): number[] | undefined {
    if (filter.allConnections) return undefined;
    const id = this.deps.contexts.active().archiveId;
    return id === null ? [] : [id];
  }

  /** Archive account → the name the requester knows it by (the app connection linked to it, else the archive's label). */
  #connectionNames(): Map<number, string> {
    const names = new Map(listConnections(this.deps.archive.read).map((c) => [c.id, c.label] as const));
    for (const view of this.deps.connections.overview().connections) {
      const id = linkedConnection(this.deps.archive.read, view.config.id);
      if (id !== null) names.set(id, view.config.label);
    }
    return names;
  }
}

function toAuditEntry(entry: JournalEntry, names: Map<number, string>): AuditEntry {
  return {
    id: entry.id,
    at: entry.createdAt,
    updatedAt: entry.updatedAt,
    connection: names.get(entry.connectionId) ?? `account ${entry.connectionId}`,
    kind: entry.kind,
    target: entry.target,
    amountCents: entry.costCents,
    amountIs: amountMeaning(entry.kind, entry.costCents, entry.state),
    state: entry.state,
    answer: describeOutcome(entry),
    jobId: entry.jobId,
  };
}

/** The journal's outcome in words: MTurk's error message, "already done", "checked with MTurk"… */
function describeOutcome(entry: JournalEntry): string {
  const outcome = (entry.outcome ?? {}) as { error?: { message?: string; mturkCode?: string }; alreadyDone?: string; reconciled?: boolean };
  if (outcome.error?.message) return outcome.error.mturkCode ? `${outcome.error.message} (${outcome.error.mturkCode})` : outcome.error.message;
  if (outcome.alreadyDone) return `Already done on MTurk: ${outcome.alreadyDone}`;
  if (entry.state === 'confirmed') return outcome.reconciled ? 'OK (checked with MTurk after a lost answer)' : 'OK';
  if (entry.state === 'pending') return 'Not sent yet';
  if (entry.state === 'sent') return 'Sent; waiting for the answer';
  return '';
}
