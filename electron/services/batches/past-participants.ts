/**
 * "Exclude workers who took part in …" at launch: the batch gets its own hidden type of past participants, everyone
 * who submitted to the named earlier batches or is registered under the named studies is granted it (journaled, no
 * notification), and only once those grants are done does the batch's HIT type require the type absent — so no past
 * participant can discover a HIT of the new batch.
 */
import type { QualificationRequirement } from '../../../shared/domain/mturk-objects';
import { appError } from '../../../shared/errors';
import { err, ok, type Result } from '../../../shared/result';
import type { ArchiveDb } from '../../archive/connection';
import type { ExcludeParticipantsOf } from '../../../shared/batch/properties';
import type { AppError } from '../../../shared/errors';
import type { ReadDb } from '../../archive/db-types';
import { getBatch, type StoredBatch } from '../../archive/repos/batches';
import { participantsOf } from '../../archive/repos/participants';
import { qualificationTypeNamed } from '../../archive/repos/qualifications';
import type { MTurkGateway } from '../../mturk/types';
import type { JournaledExecutor } from '../actions/journaled-executor';
import type { ConnectionContext } from '../connections/connection-context';
import type { JobRunner } from '../jobs/job-runner';
import type { ExclusionService, ExclusionSource } from '../workers/exclusion-service';

/** Unique per requester, so a lost answer finds the type again by name. */
export const pastParticipantsTypeName = (batchId: string): string => `Turkbench batch ${batchId} — past participants`;

export interface PastParticipantsDeps {
  readonly archive: ArchiveDb;
  readonly executor: JournaledExecutor;
  readonly exclusions: ExclusionService;
  readonly runner: JobRunner;
}

type Target = { configId: string; archiveConnectionId: number; gateway: MTurkGateway };

/** Checked before the batch is recorded: a launch that names a batch or study it cannot find records nothing. */
export function pastParticipantsProblem(db: ReadDb, archiveId: number | null, of: ExcludeParticipantsOf): AppError | null {
  const batch = of.batches.find((id) => archiveId === null || getBatch(db, id)?.connectionId !== archiveId);
  if (batch !== undefined) return appError('not-found', `excludeParticipantsOf names batch "${batch}", which is not a batch of this connection (see "turkbench batch list").`, { field: 'excludeParticipantsOf.batches' });
  const study = of.studies.find((name) => participantsOf(db, name).length === 0);
  if (study !== undefined) return appError('not-found', `excludeParticipantsOf names study "${study}", which has no participants in the registry (import them first).`, { field: 'excludeParticipantsOf.studies' });
  return null;
}

/** The requirement to add to the batch's HIT type (none when the batch excludes nobody), after the grants are done. */
export async function excludePastParticipants(deps: PastParticipantsDeps, batch: StoredBatch, target: Target, context: ConnectionContext): Promise<Result<QualificationRequirement[]>> {
  const { batches, studies } = batch.properties.excludeParticipantsOf;
  if (batches.length === 0 && studies.length === 0) return ok([]);
  const limit = 10;
  if (batch.properties.qualificationRequirements.length + 2 > limit) {
    return err(appError('validation', `excludeParticipantsOf adds a qualification requirement, and MTurk allows at most ${limit} per HIT: remove one from QualificationRequirements.`, { field: 'excludeParticipantsOf' }));
  }
  const typeId = await ensureType(deps, batch, target);
  if (!typeId.ok) return typeId;
  const sources: ExclusionSource[] = [...batches.map((id) => ({ kind: 'batch' as const, id })), ...studies.map((id) => ({ kind: 'study' as const, id }))];
  for (const source of sources) {
    const done = await deps.exclusions.exclude(source, typeId.value, context);
    if (!done.ok) return err(appError(done.error.kind, `Excluding the participants of ${source.kind} "${source.id}": ${done.error.message}`, { field: 'excludeParticipantsOf' }));
    if (done.value.job === null) continue;
    const finished = await deps.runner.whenDone(done.value.job.id);
    if (finished && finished.state !== 'succeeded') {
      return err(appError('conflict', `Not every participant of ${source.kind} "${source.id}" could be excluded (job "${finished.label}" ${finished.state}); see Jobs, then launch again — nothing was published.`, { field: 'excludeParticipantsOf' }));
    }
  }
  return ok([{ QualificationTypeId: typeId.value, Comparator: 'DoesNotExist', ActionsGuarded: 'DiscoverPreviewAndAccept' }]);
}

async function ensureType(deps: PastParticipantsDeps, batch: StoredBatch, target: Target): Promise<Result<string>> {
  const name = pastParticipantsTypeName(batch.id);
  const known = qualificationTypeNamed(deps.archive.read, target.archiveConnectionId, name);
  if (known) return ok(known.qualificationTypeId);
  const made = await deps.executor.execute({
    ...target,
    kind: 'create-qualification-type',
    request: { name, description: `Private: workers who took part in earlier work, kept off "${batch.name}".`.slice(0, 2000) },
    token: `${batch.id}:past-participants`,
    costCents: null,
    lane: 'interactive',
  });
  if (made.state !== 'confirmed') return err(made.error);
  const created = qualificationTypeNamed(deps.archive.read, target.archiveConnectionId, name);
  return created ? ok(created.qualificationTypeId) : err(appError('internal', 'The past-participants type was created but is not in the archive; launch again to retry.'));
}
