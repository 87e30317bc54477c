/**
 * The review's replay: an archived assignment shown read-only inside its own HIT's question, in a sandboxed frame
 * from the preview host's origin under its own policy. Nothing of the template or the answers reaches the app.
 */
import type { z } from 'zod';
import type { AssignmentReplay, replayInput } from '../../../shared/contract/review';
import { appError } from '../../../shared/errors';
import { err, ok, type Result } from '../../../shared/result';
import type { ArchiveDb } from '../../archive/connection';
import { getAssignment } from '../../archive/repos/assignments';
import { getHit } from '../../archive/repos/hits';
import { REPLAY_STYLE_PATH, type PreviewHost } from '../batches/preview-server';
import type { ConnectionContexts } from '../connections/connection-context';
import { replayData, replayFields, replaySource, type ReplaySource } from './replay-document';

export interface ReplayServiceDeps {
  readonly archive: ArchiveDb;
  readonly contexts: ConnectionContexts;
  /** The sandboxed loopback host the batch editor's previews use. */
  readonly previewHost: () => Promise<PreviewHost>;
}

export class ReplayService {
  constructor(private readonly deps: ReplayServiceDeps) {}

  async replay(input: z.output<typeof replayInput>): Promise<Result<AssignmentReplay>> {
    const scoped = this.deps.contexts.scoped(input.archiveId);
    if (!scoped.ok) return scoped;
    const connectionId = scoped.value.archiveId;
    const assignment = connectionId === null ? null : getAssignment(this.deps.archive.read, connectionId, input.assignmentId);
    if (connectionId === null || assignment === null) {
      return err(appError('not-found', `${input.assignmentId} is not in the archive of ${scoped.value.config.label}; sync first, or check the id.`, { field: 'assignmentId' }));
    }
    const base = { assignmentId: assignment.assignmentId, hitId: assignment.hitId, workerId: assignment.workerId };
    const unavailable = (problem: string): Result<AssignmentReplay> =>
      ok({ ...base, kind: 'unavailable', frameUrl: null, frameHeight: null, externalUrl: null, fields: replayFields('', assignment.answers, false), problem });
    const question = getHit(this.deps.archive.read, connectionId, assignment.hitId)?.question ?? null;
    if (question === null) return unavailable(`The question of HIT ${assignment.hitId} is not archived (sync its HIT to replay it).`);
    if (assignment.answersProblem !== null) return unavailable(`The answers could not be read: ${assignment.answersProblem}`);

    const host = await this.deps.previewHost();
    const source = readSource(question, `${host.origin}${REPLAY_STYLE_PATH}`, `Replay of ${assignment.assignmentId}`);
    if (source instanceof Error) return unavailable(`The question of HIT ${assignment.hitId} cannot be read: ${source.message}`);
    const fields = replayFields(assignment.answerXml, assignment.answers, source.kind === 'question-form');
    if (source.kind === 'external') {
      return ok({ ...base, kind: 'external', frameUrl: null, frameHeight: source.frameHeight, externalUrl: source.url, fields, problem: null });
    }
    const note = `Replay of ${assignment.assignmentId} by ${assignment.workerId} (${assignment.status}): read-only.`;
    const frameUrl = host.hostReplay(source.document, replayData(fields, note), assignment.hitId);
    return ok({ ...base, kind: source.kind, frameUrl, frameHeight: source.kind === 'html' ? source.frameHeight : null, externalUrl: null, fields, problem: null });
  }
}

function readSource(question: string, styleUrl: string, title: string): ReplaySource | Error {
  try {
    return replaySource(question, styleUrl, title);
  } catch (cause) {
    return cause instanceof Error ? cause : new Error(String(cause));
  }
}
