import type { z } from 'zod';
import type { QualityScope, qualityInput } from '../../../shared/contract/quality';
import { appError } from '../../../shared/errors';
import { qualityReport, type QualityReport } from '../../../shared/quality/report';
import { err, ok, type Result } from '../../../shared/result';
import type { ArchiveDb } from '../../archive/connection';
import { answeredAssignments, batchExists, goldOfHits } from '../../archive/repos/quality-answers';
import type { ConnectionContext, ConnectionContexts } from '../connections/connection-context';

type Input = z.output<typeof qualityInput>;
export type ScopedQualityReport = QualityReport & { readonly scope: QualityScope };

export interface QualityServiceDeps {
  readonly archive: ArchiveDb;
  readonly contexts: ConnectionContexts;
}

/**
 * Quality control over the archive (works offline): consensus labels per HIT and field — majority vote or
 * Dawid–Skene — and per worker agreement, estimated accuracy and accuracy on gold rows.
 */
export class QualityService {
  constructor(private readonly deps: QualityServiceDeps) {}

  async report(input: Input, context?: ConnectionContext): Promise<Result<ScopedQualityReport>> {
    const scoped = context ? ok(context) : this.deps.contexts.scoped(input.archiveId);
    if (!scoped.ok) return scoped;
    const { archiveId: connectionId, config } = scoped.value;
    if (connectionId === null) return err(appError('not-found', `Nothing is archived for ${config.label} yet: sync first.`));
    const db = this.deps.archive.read;
    if (input.batchId !== undefined && !batchExists(db, connectionId, input.batchId)) {
      return err(appError('not-found', `Batch ${input.batchId} is not a batch of ${config.label}.`, { field: 'batchId' }));
    }
    const assignments = answeredAssignments(db, connectionId, input);
    if (assignments.length === 0) {
      const what = input.batchId !== undefined ? `batch ${input.batchId}` : `HIT type ${input.hitTypeId}`;
      return err(appError('not-found', `No assignment of ${what} is archived: sync first, or wait for submissions.`));
    }
    const gold = goldOfHits(db, connectionId, new Set(assignments.map((a) => a.hitId)));
    const report = qualityReport({ assignments, gold, method: input.method, ...(input.fields ? { fields: input.fields } : {}) });
    if (input.fields) {
      const missing = input.fields.filter((f) => !report.fields.includes(f));
      if (missing.length > 0) return err(appError('validation', `No answer has field ${missing.map((f) => JSON.stringify(f)).join(', ')}.`, { field: 'fields' }));
    }
    return ok({ ...report, scope: { batchId: input.batchId ?? null, hitTypeId: input.hitTypeId ?? null } });
  }
}
