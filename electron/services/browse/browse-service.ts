import type { z } from 'zod';
import type { ArchivePage, assignmentPageInput, hitPageInput } from '../../../shared/contract/browse';
import type { Assignment, Hit } from '../../../shared/domain/archive-types';
import { err, ok, type Result } from '../../../shared/result';
import type { ArchiveDb } from '../../archive/connection';
import { ArchiveInputError } from '../../archive/repos/archive-input-error';
import { pageAssignments } from '../../archive/repos/assignment-pages';
import { pageHits } from '../../archive/repos/hit-pages';
import type { ConnectionContext, ConnectionContexts } from '../connections/connection-context';

/** Read-only grid pages over the archive of whichever connection is active. */
export class BrowseService {
  constructor(private readonly deps: { archive: ArchiveDb; contexts: ConnectionContexts }) {}

  hits(query: z.output<typeof hitPageInput>, context: ConnectionContext = this.deps.contexts.active()): Promise<Result<ArchivePage<Hit>>> {
    return this.#page(context, (connectionId) => pageHits(this.deps.archive.read, { ...query, connectionId }));
  }

  assignments(query: z.output<typeof assignmentPageInput>, context: ConnectionContext = this.deps.contexts.active()): Promise<Result<ArchivePage<Assignment>>> {
    return this.#page(context, (connectionId) => pageAssignments(this.deps.archive.read, { ...query, connectionId }));
  }

  async #page<T>(context: ConnectionContext, query: (connectionId: number) => { rows: readonly T[]; nextCursor: string | null }): Promise<Result<ArchivePage<T>>> {
    const connectionId = context.archiveId;
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
