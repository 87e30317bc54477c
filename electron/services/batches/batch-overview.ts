/**
 * The Batches area's reads: every batch of the active connection with its figures, and one batch with its HITs. Both
 * read the archive only — no keys, no MTurk — so they work offline. Besides the batches Turkbench recorded, HITs whose
 * annotation carries a batch tag that no recorded batch explains (launched from another computer, or an archive
 * restored without its batches) are grouped by that tag and shown as found on MTurk.
 */
import { batchFigures, type AssignmentFacts, type HitFacts } from '../../../shared/batch/progress';
import type { BatchDetail, BatchHitRow, BatchSummary } from '../../../shared/contract/batches';
import { requiresMasters } from '../../../shared/domain/fees';
import { appError } from '../../../shared/errors';
import { err, ok, type Result } from '../../../shared/result';
import type { ArchiveDb } from '../../archive/connection';
import { archivedHits, assignmentsOfHits, launchedBatchFacts, launchedBatchIds, taggedHits, type ArchivedAssignment, type ArchivedBatchHit } from '../../archive/repos/batch-progress';
import { getBatch, listBatches, listBatchHits, type StoredBatch } from '../../archive/repos/batches';
import { readBatchTag } from '../actions/batch-actions';
import type { ConnectionContext, ConnectionContexts } from '../connections/connection-context';
import { LOCAL_CONNECTION_ID } from '../connections/connection-store';

export interface BatchOverviewDeps {
  readonly archive: ArchiveDb;
  readonly contexts: ConnectionContexts;
  readonly now: () => number;
}

/** One (row, part) of a batch with its archived HIT, if any. */
interface Slot {
  readonly rowNumber: number;
  readonly part: number;
  readonly maxAssignments: number;
  readonly input: Readonly<Record<string, string>>;
  readonly hit: ArchivedBatchHit | null;
}

/** Who a batch is, and what its figures need besides its HITs and assignments. */
interface Identity {
  readonly id: string;
  readonly name: string;
  readonly origin: BatchSummary['origin'];
  readonly folder: string | null;
  readonly title: string;
  readonly rewardCents: number;
  readonly masters: boolean;
  readonly startedAt: number;
  readonly cancelled: boolean;
}

interface Gathered {
  readonly summary: BatchSummary;
  readonly columns: readonly string[];
  readonly slots: readonly Slot[];
  readonly assignments: readonly ArchivedAssignment[];
}

const parseRequirements = (json: string): { QualificationTypeId: string }[] => {
  try {
    const parsed = JSON.parse(json) as unknown;
    return Array.isArray(parsed) ? (parsed as { QualificationTypeId: string }[]) : [];
  } catch {
    return [];
  }
};

export class BatchOverview {
  constructor(private readonly deps: BatchOverviewDeps) {}

  list(context: ConnectionContext = this.deps.contexts.active()): Result<readonly BatchSummary[]> {
    const archiveId = context.archiveId;
    if (archiveId === null) return ok([]);
    const db = this.deps.archive.read;
    const launched = listBatches(db, archiveId).map((batch) => this.#launchedSummary(archiveId, batch));
    const found = [...this.#foundGroups(archiveId)].map(([id, hits]) => this.#found(archiveId, id, hits).summary);
    return ok([...launched, ...found].sort((a, b) => b.figures.startedAt - a.figures.startedAt));
  }

  detail(batchId: string, context: ConnectionContext = this.deps.contexts.active()): Result<BatchDetail> {
    const archiveId = context.archiveId;
    const notFound = err(appError('not-found', `No batch "${batchId}" on this connection. The Batches list shows the ones there are.`, { field: 'batchId' }));
    if (archiveId === null) return notFound;
    const stored = getBatch(this.deps.archive.read, batchId);
    let gathered: Gathered | null = null;
    if (stored && stored.connectionId === archiveId) gathered = this.#launched(archiveId, stored);
    else {
      const hits = this.#foundGroups(archiveId, batchId).get(batchId);
      if (hits) gathered = this.#found(archiveId, batchId, hits);
    }
    if (!gathered) return notFound;
    const counts = countsByHit(gathered.assignments);
    const rows: BatchHitRow[] = gathered.slots.map((slot) => {
      const c = (slot.hit && counts.get(slot.hit.hitId)) ?? { submitted: 0, approved: 0, rejected: 0 };
      return { rowNumber: slot.rowNumber, part: slot.part, hitId: slot.hit?.hitId ?? null, status: slot.hit?.status ?? null, maxAssignments: slot.maxAssignments, ...c, input: slot.input };
    });
    const { id, label } = context.config;
    return ok({ batch: gathered.summary, connection: { id, label, localMTurk: id === LOCAL_CONNECTION_ID }, columns: gathered.columns, hits: rows });
  }

  /** The list's figures of a launched batch: read in two joins, without the inputs the batch page shows. */
  #launchedSummary(archiveId: number, batch: StoredBatch): BatchSummary {
    const facts = launchedBatchFacts(this.deps.archive.read, archiveId, batch.id);
    return this.#summary(this.#launchedIdentity(batch), facts.hits, facts.assignments);
  }

  #launchedIdentity(batch: StoredBatch): Identity {
    const p = batch.properties;
    return {
      id: batch.id,
      name: batch.name,
      origin: 'launched',
      folder: batch.folder,
      title: p.title,
      rewardCents: p.rewardCents,
      masters: requiresMasters(p.qualificationRequirements),
      startedAt: batch.createdAt,
      cancelled: batch.state === 'cancelled',
    };
  }

  #launched(archiveId: number, batch: StoredBatch): Gathered {
    const db = this.deps.archive.read;
    const wanted = listBatchHits(db, batch.id);
    const byId = new Map(archivedHits(db, archiveId, wanted.flatMap((h) => (h.hitId ? [h.hitId] : []))).map((h) => [h.hitId, h]));
    // The archived HIT's count once there is one: it grows when assignments are added to the batch.
    const slots = wanted.map((h) => {
      const hit = h.hitId ? (byId.get(h.hitId) ?? null) : null;
      return { rowNumber: h.rowNumber, part: h.part, maxAssignments: hit?.maxAssignments ?? h.maxAssignments, input: h.input, hit };
    });
    // A HIT the launch created is "created" even before a sync archived its latest state.
    const created = new Set(wanted.flatMap((h) => (h.hitId ? [`${h.rowNumber}.${h.part}`] : [])));
    return this.#gather(archiveId, {
      ...this.#launchedIdentity(batch),
      columns: batch.inputColumns,
      slots,
      isCreated: (slot) => created.has(`${slot.rowNumber}.${slot.part}`),
    });
  }

  #found(archiveId: number, batchId: string, hits: readonly { hit: ArchivedBatchHit; rowNumber: number; part: number }[]): Gathered {
    const first = hits[0]!.hit;
    const slots = hits.map(({ hit, rowNumber, part }) => ({ rowNumber, part, maxAssignments: hit.maxAssignments, input: {}, hit }));
    return this.#gather(archiveId, {
      id: batchId,
      name: first.title,
      origin: 'found',
      folder: null,
      title: first.title,
      rewardCents: first.rewardCents,
      masters: requiresMasters(parseRequirements(first.qualificationRequirements)),
      startedAt: Math.min(...hits.map((h) => h.hit.createdAt)),
      cancelled: false,
      columns: [],
      slots,
      isCreated: () => true,
    });
  }

  #gather(archiveId: number, b: Identity & { columns: readonly string[]; slots: readonly Slot[]; isCreated: (slot: Slot) => boolean }): Gathered {
    const hitsById = new Map(b.slots.flatMap((s) => (s.hit ? [[s.hit.hitId, s.hit] as const] : [])));
    const assignments = assignmentsOfHits(this.deps.archive.read, archiveId, [...hitsById.keys()]);
    const hitFacts: HitFacts[] = b.slots.map((s) => ({ created: b.isCreated(s), maxAssignments: s.maxAssignments, expiresAt: s.hit?.expiresAt ?? null, status: s.hit?.status ?? null }));
    const assignmentFacts: AssignmentFacts[] = assignments.map((a) => {
      const hit = hitsById.get(a.hitId)!;
      return { status: a.status, acceptedAt: a.acceptedAt, submittedAt: a.submittedAt, rewardCents: hit.rewardCents, hitMaxAssignments: hit.maxAssignments };
    });
    return {
      summary: this.#summary(b, hitFacts, assignmentFacts),
      columns: b.columns,
      slots: b.slots,
      assignments,
    };
  }

  #summary(b: Identity, hits: readonly HitFacts[], assignments: readonly AssignmentFacts[]): BatchSummary {
    const figures = batchFigures({ hits, assignments, rewardCents: b.rewardCents, fees: { masters: b.masters }, startedAt: b.startedAt, cancelled: b.cancelled, now: this.deps.now() });
    return { id: b.id, name: b.name, origin: b.origin, folder: b.folder, title: b.title, rewardCents: b.rewardCents, figures };
  }

  /** Tagged HITs no recorded batch explains, grouped by the batch id in their tag, in row order. */
  #foundGroups(archiveId: number, onlyBatch?: string): Map<string, { hit: ArchivedBatchHit; rowNumber: number; part: number }[]> {
    const db = this.deps.archive.read;
    const known = launchedBatchIds(db, archiveId);
    const groups = new Map<string, { hit: ArchivedBatchHit; rowNumber: number; part: number }[]>();
    for (const hit of taggedHits(db, archiveId, onlyBatch)) {
      const tag = readBatchTag(hit.requesterAnnotation);
      if (!tag || known.has(tag.batchId) || (onlyBatch !== undefined && tag.batchId !== onlyBatch)) continue;
      const group = groups.get(tag.batchId) ?? [];
      group.push({ hit, rowNumber: tag.rowNumber, part: tag.part });
      groups.set(tag.batchId, group);
    }
    for (const group of groups.values()) group.sort((a, b) => a.rowNumber - b.rowNumber || a.part - b.part);
    return groups;
  }
}

function countsByHit(assignments: readonly ArchivedAssignment[]): Map<string, { submitted: number; approved: number; rejected: number }> {
  const counts = new Map<string, { submitted: number; approved: number; rejected: number }>();
  for (const a of assignments) {
    const c = counts.get(a.hitId) ?? { submitted: 0, approved: 0, rejected: 0 };
    counts.set(a.hitId, {
      submitted: c.submitted + 1,
      approved: c.approved + (a.status === 'Approved' ? 1 : 0),
      rejected: c.rejected + (a.status === 'Rejected' ? 1 : 0),
    });
  }
  return counts;
}
