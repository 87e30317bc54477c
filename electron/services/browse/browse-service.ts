import type { z } from 'zod';
import {
  GRID_ANSWER_LIMIT,
  type answerInput,
  type ArchivePage,
  type AssignmentRow,
  type assignmentPageInput,
  type HitDetail,
  type hitDetailInput,
  type hitPageInput,
  type HitRow,
  type recordPageInput,
} from '../../../shared/contract/browse';
import type { Assignment, Bonus, Page, QualificationType, WorkerBlock, WorkerSummary } from '../../../shared/domain/archive-types';
import { err, ok, type Result } from '../../../shared/result';
import type { ArchiveDb } from '../../archive/connection';
import { ArchiveInputError } from '../../archive/repos/archive-input-error';
import { pageAssignments } from '../../archive/repos/assignment-pages';
import { getAssignment } from '../../archive/repos/assignments';
import { pageHitGrid, tallyAssignments } from '../../archive/repos/hit-grid-pages';
import { inputsForHit } from '../../archive/repos/hit-inputs';
import { getHit } from '../../archive/repos/hits';
import { pageBonuses, pageQualificationTypes, pageWorkerBlocks, pageWorkers, type RecordPageQuery } from '../../archive/repos/record-pages';
import type { ConnectionContext, ConnectionContexts } from '../connections/connection-context';

type RecordQuery = z.output<typeof recordPageInput>;

/** Answers cut to what a grid shows and no raw XML: a 20 MB answer would otherwise cross to the window whole. */
export function toGridRow(assignment: Assignment): AssignmentRow {
  const { answerXml: _xml, ...rest } = assignment;
  const answers: Record<string, string> = {};
  const cutAnswers: Record<string, number> = {};
  for (const [field, value] of Object.entries(assignment.answers)) {
    answers[field] = value.length > GRID_ANSWER_LIMIT ? value.slice(0, GRID_ANSWER_LIMIT) : value;
    if (value.length > GRID_ANSWER_LIMIT) cutAnswers[field] = value.length;
  }
  return { ...rest, answers, cutAnswers };
}

/**
 * Read-only grid pages over the archive of whichever connection is active — or, when the query names an
 * `archiveId`, of that kept archive (its connection removed). A `context` passed in (the CLI's) overrides both.
 */
export class BrowseService {
  constructor(private readonly deps: { archive: ArchiveDb; contexts: ConnectionContexts }) {}

  hits(query: z.output<typeof hitPageInput>, context?: ConnectionContext): Promise<Result<ArchivePage<HitRow>>> {
    return this.#page(query.archiveId, context, (connectionId) => {
      const db = this.deps.archive.read;
      const page = pageHitGrid(db, { ...withoutScope(query), connectionId });
      const tallies = tallyAssignments(db, connectionId, page.rows.map((hit) => hit.hitId));
      return { rows: page.rows.map((hit) => ({ ...hit, tally: tallies.get(hit.hitId)! })), nextCursor: page.nextCursor };
    });
  }

  async hitDetail(query: z.output<typeof hitDetailInput>): Promise<Result<HitDetail | null>> {
    const scoped = this.deps.contexts.scoped(query.archiveId);
    if (!scoped.ok) return scoped;
    const connectionId = scoped.value.archiveId;
    if (connectionId === null) return ok(null);
    const db = this.deps.archive.read;
    const hit = getHit(db, connectionId, query.hitId);
    if (!hit) return ok(null);
    return ok({ hit, tally: tallyAssignments(db, connectionId, [hit.hitId]).get(hit.hitId)!, inputs: inputsForHit(db, connectionId, hit.hitId) });
  }

  assignments(query: z.output<typeof assignmentPageInput>, context?: ConnectionContext): Promise<Result<ArchivePage<AssignmentRow>>> {
    return this.#page(query.archiveId, context, (connectionId) => {
      const page = pageAssignments(this.deps.archive.read, { ...withoutScope(query), connectionId });
      return { rows: page.rows.map(toGridRow), nextCursor: page.nextCursor };
    });
  }

  async answer(query: z.output<typeof answerInput>): Promise<Result<string | null>> {
    const scoped = this.deps.contexts.scoped(query.archiveId);
    if (!scoped.ok) return scoped;
    const connectionId = scoped.value.archiveId;
    if (connectionId === null) return ok(null);
    const assignment = getAssignment(this.deps.archive.read, connectionId, query.assignmentId);
    return ok(assignment && Object.hasOwn(assignment.answers, query.field) ? (assignment.answers[query.field] ?? null) : null);
  }

  workers(query: RecordQuery): Promise<Result<ArchivePage<WorkerSummary>>> {
    return this.#records(query, pageWorkers);
  }

  bonuses(query: RecordQuery): Promise<Result<ArchivePage<Bonus>>> {
    return this.#records(query, pageBonuses);
  }

  qualificationTypes(query: RecordQuery): Promise<Result<ArchivePage<QualificationType>>> {
    return this.#records(query, pageQualificationTypes);
  }

  workerBlocks(query: RecordQuery): Promise<Result<ArchivePage<WorkerBlock>>> {
    return this.#records(query, pageWorkerBlocks);
  }

  #records<T>(query: RecordQuery, pager: (db: ArchiveDb['read'], query: RecordPageQuery) => Page<T>): Promise<Result<ArchivePage<T>>> {
    return this.#page(query.archiveId, undefined, (connectionId) => pager(this.deps.archive.read, { ...withoutScope(query), connectionId }));
  }

  async #page<T>(
    archiveId: number | undefined,
    context: ConnectionContext | undefined,
    query: (connectionId: number) => { rows: readonly T[]; nextCursor: string | null },
  ): Promise<Result<ArchivePage<T>>> {
    const scoped = context ? ok(context) : this.deps.contexts.scoped(archiveId);
    if (!scoped.ok) return scoped;
    const connectionId = scoped.value.archiveId;
    if (connectionId === null) return ok({ rows: [], nextCursor: null, archived: false });
    try {
      return ok({ ...query(connectionId), archived: true });
    } catch (cause) {
      // A stale or hand-made cursor, or a sort the index cannot serve: the caller's input, not a crash.
      if (cause instanceof ArchiveInputError) return err(cause.appError);
      throw cause;
    }
  }
}

/** The repositories take the archive account itself; which archive was asked for is settled above them. */
function withoutScope<T extends { archiveId?: number }>(query: T): Omit<T, 'archiveId'> {
  const { archiveId: _scope, ...rest } = query;
  return rest;
}
