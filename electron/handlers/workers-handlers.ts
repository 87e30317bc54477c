import { err, ok, type Result } from '../../shared/result';
import type { Handler } from '../core/handlers';
import type { ConnectionContext, ConnectionContexts } from '../services/connections/connection-context';
import type { MessagesService } from '../services/workers/messages-service';
import type { QualificationsService } from '../services/workers/qualifications-service';
import type { TestPreviewService } from '../services/workers/test-preview-service';
import type { WorkersService } from '../services/workers/workers-service';

export interface WorkersHandlerDeps {
  readonly workers: WorkersService;
  readonly messages: MessagesService;
  readonly qualifications: QualificationsService;
  readonly testPreview: TestPreviewService;
  readonly contexts: ConnectionContexts;
}

export function createWorkersHandlers({ workers, messages, qualifications, testPreview, contexts }: WorkersHandlerDeps) {
  /** Reads honour `archiveId` (a kept archive, read-only); writes always go to the active connection. */
  const scoped = <T>(archiveId: number | undefined, read: (context: ConnectionContext) => Result<T>): Promise<Result<T>> => {
    const context = contexts.scoped(archiveId);
    return Promise.resolve(context.ok ? read(context.value) : err(context.error));
  };
  const list: Handler<'workers.list'> = ({ archiveId, ...query }) => scoped(archiveId, (context) => workers.list(query, context));
  const quality: Handler<'workers.quality'> = ({ archiveId }) => scoped(archiveId, (context) => workers.quality(context));
  const dossier: Handler<'workers.dossier'> = ({ archiveId, workerId }) => scoped(archiveId, (context) => workers.dossier(workerId, context));
  const note: Handler<'workers.note'> = ({ workerId, text }) => workers.note(workerId, text);
  const setTags: Handler<'workers.setTags'> = ({ workerId, tags }) => workers.setTags(workerId, tags);
  const block: Handler<'workers.block'> = (input) => workers.block(input);
  const unblock: Handler<'workers.unblock'> = (input) => workers.unblock(input);
  const plan: Handler<'messages.plan'> = (input) => Promise.resolve(messages.plan(input));
  const send: Handler<'messages.send'> = (input) => messages.send(input);
  const types: Handler<'quals.types'> = ({ archiveId }) => scoped(archiveId, (context) => ok(qualifications.listTypes(context)));
  const grants: Handler<'quals.grants'> = ({ archiveId, qualificationTypeId }) => scoped(archiveId, (context) => ok(qualifications.grants(qualificationTypeId, context)));
  const requests: Handler<'quals.requests'> = ({ archiveId, qualificationTypeId }) => scoped(archiveId, (context) => ok(qualifications.requests(qualificationTypeId, context)));
  const create: Handler<'quals.create'> = (input) => qualifications.createType(input);
  const update: Handler<'quals.update'> = ({ qualificationTypeId, ...settings }) => qualifications.updateType(qualificationTypeId, settings);
  const usesOf: Handler<'quals.usesOf'> = ({ qualificationTypeId }) => Promise.resolve(ok(qualifications.usesOf(qualificationTypeId)));
  const remove: Handler<'quals.delete'> = ({ qualificationTypeId }) => qualifications.deleteType(qualificationTypeId);
  const grant: Handler<'quals.grant'> = (input) => qualifications.grant(input);
  const revoke: Handler<'quals.revoke'> = (input) => qualifications.revoke(input);
  const accept: Handler<'quals.accept'> = ({ requestIds, score }) => qualifications.accept(requestIds, score);
  const previewTest: Handler<'quals.previewTest'> = (input) => testPreview.preview(input);
  const reject: Handler<'quals.reject'> = ({ requestIds, reason }) => qualifications.reject(requestIds, reason);
  return {
    'workers.list': list,
    'workers.quality': quality,
    'workers.dossier': dossier,
    'workers.note': note,
    'workers.setTags': setTags,
    'workers.block': block,
    'workers.unblock': unblock,
    'messages.plan': plan,
    'messages.send': send,
    'quals.types': types,
    'quals.grants': grants,
    'quals.requests': requests,
    'quals.create': create,
    'quals.update': update,
    'quals.usesOf': usesOf,
    'quals.delete': remove,
    'quals.grant': grant,
    'quals.revoke': revoke,
    'quals.accept': accept,
    'quals.previewTest': previewTest,
    'quals.reject': reject,
  } as const;
}
