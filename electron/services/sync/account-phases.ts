import { upsertQualificationGrants, upsertQualificationRequests, upsertQualificationTypes } from '../../archive/repos/qualifications';
import { markMissing } from '../../archive/repos/missing';
import { upsertWorkerBlocks } from '../../archive/repos/worker-blocks';
import { collect, type RunContext } from './sync-context';

/** The requester's qualification types, who holds them (granted and revoked), and pending requests. */
export async function syncQualifications(ctx: RunContext): Promise<void> {
  const types = await collect(ctx.gateway.listQualificationTypes({ signal: ctx.signal, lane: 'sync' }), ctx, 'Listing qualification types failed');
  const now = ctx.now();
  ctx.db.write.transaction(() => {
    upsertQualificationTypes(ctx.db.write, ctx.connectionId, types, now);
    markMissing(ctx.db.write, ctx.connectionId, 'qualification-types', { seenIds: types.map((t) => t.qualificationTypeId) }, now);
  })();
  ctx.progress.items += types.length;
  for (const type of types) {
    const id = type.qualificationTypeId;
    const [granted, revoked, requests] = await Promise.all([
      collect(ctx.gateway.listWorkersWithQualificationType(id, { signal: ctx.signal, lane: 'sync', status: 'Granted' }), ctx, `Listing workers of ${type.name} failed`),
      collect(ctx.gateway.listWorkersWithQualificationType(id, { signal: ctx.signal, lane: 'sync', status: 'Revoked' }), ctx, `Listing revoked workers of ${type.name} failed`),
      collect(ctx.gateway.listQualificationRequests({ signal: ctx.signal, lane: 'sync', qualificationTypeId: id }), ctx, `Listing requests for ${type.name} failed`),
    ]);
    const seenAt = ctx.now();
    ctx.db.write.transaction(() => {
      upsertQualificationGrants(ctx.db.write, ctx.connectionId, [...granted, ...revoked], seenAt);
      upsertQualificationRequests(ctx.db.write, ctx.connectionId, requests, seenAt);
      const grantIds = [...granted, ...revoked].map((g) => g.workerId);
      markMissing(ctx.db.write, ctx.connectionId, 'qualification-grants', { seenIds: grantIds }, seenAt, { qualificationTypeId: id });
      markMissing(ctx.db.write, ctx.connectionId, 'qualification-requests', { seenIds: requests.map((r) => r.qualificationRequestId) }, seenAt, { qualificationTypeId: id });
    })();
    ctx.progress.items += granted.length + revoked.length + requests.length;
    ctx.progress.tick();
  }
  ctx.changed(['qualification_types', 'qualification_grants', 'qualification_requests']);
}

export async function syncBlocks(ctx: RunContext): Promise<void> {
  const blocks = await collect(ctx.gateway.listWorkerBlocks({ signal: ctx.signal, lane: 'sync' }), ctx, 'Listing worker blocks failed');
  const now = ctx.now();
  ctx.db.write.transaction(() => {
    upsertWorkerBlocks(ctx.db.write, ctx.connectionId, blocks, now);
    markMissing(ctx.db.write, ctx.connectionId, 'worker-blocks', { seenIds: blocks.map((b) => b.workerId) }, now);
  })();
  ctx.progress.items += blocks.length;
  ctx.changed(['worker_blocks']);
}
