import { upsertQualificationGrants, upsertQualificationRequests, upsertQualificationTypes } from '../../archive/repos/qualifications';
import { markMissing } from '../../archive/repos/missing';
import { upsertWorkerBlocks } from '../../archive/repos/worker-blocks';
import { writeChecked } from './checked-writes';
import { BLOCK_RECORDS, GRANT_RECORDS, QUALIFICATION_TYPE_RECORDS, REQUEST_RECORDS } from './record-checks';
import { collect, type RunContext } from './sync-context';

/** The ids of everything listed, skipped records included: a record MTurk still lists is not gone. */
const idsOf = <T>(records: readonly T[], id: (record: T) => unknown): string[] =>
  records.map(id).filter((value): value is string => typeof value === 'string');

/** The requester's qualification types, who holds them (granted and revoked), and pending requests. */
export async function syncQualifications(ctx: RunContext): Promise<void> {
  const listedTypes = await collect(ctx.gateway.listQualificationTypes({ signal: ctx.signal, lane: 'sync' }), ctx, 'Listing qualification types failed', QUALIFICATION_TYPE_RECORDS.name);
  const types = listedTypes.items;
  const now = ctx.now();
  let archived: typeof types = [];
  ctx.db.write.transaction(() => {
    archived = writeChecked(ctx, QUALIFICATION_TYPE_RECORDS, types, (good) => upsertQualificationTypes(ctx.db.write, ctx.connectionId, good, now));
    markMissing(ctx.db.write, ctx.connectionId, 'qualification-types', { seenIds: [...idsOf(types, (t) => t.qualificationTypeId), ...listedTypes.unreadableIds] }, now);
  })();
  ctx.progress.archived.qualifications += archived.length;
  for (const type of archived) {
    const id = type.qualificationTypeId;
    const [granted, revoked, requests] = await Promise.all([
      collect(ctx.gateway.listWorkersWithQualificationType(id, { signal: ctx.signal, lane: 'sync', status: 'Granted' }), ctx, `Listing workers of ${type.name} failed`, GRANT_RECORDS.name),
      collect(ctx.gateway.listWorkersWithQualificationType(id, { signal: ctx.signal, lane: 'sync', status: 'Revoked' }), ctx, `Listing revoked workers of ${type.name} failed`, GRANT_RECORDS.name),
      collect(ctx.gateway.listQualificationRequests({ signal: ctx.signal, lane: 'sync', qualificationTypeId: id }), ctx, `Listing requests for ${type.name} failed`, REQUEST_RECORDS.name),
    ]);
    const seenAt = ctx.now();
    let written = 0;
    ctx.db.write.transaction(() => {
      const holders = [...granted.items, ...revoked.items];
      const grants = writeChecked(ctx, GRANT_RECORDS, holders, (good) => upsertQualificationGrants(ctx.db.write, ctx.connectionId, good, seenAt));
      const asked = writeChecked(ctx, REQUEST_RECORDS, requests.items, (good) => upsertQualificationRequests(ctx.db.write, ctx.connectionId, good, seenAt));
      const grantIds = [...idsOf(holders, (g) => g.workerId), ...granted.unreadableIds, ...revoked.unreadableIds];
      markMissing(ctx.db.write, ctx.connectionId, 'qualification-grants', { seenIds: grantIds }, seenAt, { qualificationTypeId: id });
      markMissing(ctx.db.write, ctx.connectionId, 'qualification-requests', { seenIds: [...idsOf(requests.items, (r) => r.qualificationRequestId), ...requests.unreadableIds] }, seenAt, { qualificationTypeId: id });
      written = grants.length + asked.length;
    })();
    ctx.progress.archived.qualifications += written;
    ctx.progress.tick();
  }
  ctx.changed(['qualification_types', 'qualification_grants', 'qualification_requests']);
}

export async function syncBlocks(ctx: RunContext): Promise<void> {
  const listed = await collect(ctx.gateway.listWorkerBlocks({ signal: ctx.signal, lane: 'sync' }), ctx, 'Listing worker blocks failed', BLOCK_RECORDS.name);
  const blocks = listed.items;
  const now = ctx.now();
  let written = 0;
  ctx.db.write.transaction(() => {
    written = writeChecked(ctx, BLOCK_RECORDS, blocks, (good) => upsertWorkerBlocks(ctx.db.write, ctx.connectionId, good, now)).length;
    markMissing(ctx.db.write, ctx.connectionId, 'worker-blocks', { seenIds: [...idsOf(blocks, (b) => b.workerId), ...listed.unreadableIds] }, now);
  })();
  ctx.progress.archived.blocks += written;
  ctx.changed(['worker_blocks']);
}
