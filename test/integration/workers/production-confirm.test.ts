import { ListWorkerBlocksCommand } from '@aws-sdk/client-mturk';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionContext } from '../../../electron/services/connections/connection-context';
import { startLocalMTurk } from '../../../local-mturk/src/index';
import { clientFor } from '../../../local-mturk/test/helpers';
import { workbenchFor } from '../actions/workbench';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

describe('blocks and grants on Production', () => {
  it('needs the connection’s name typed, for blocks, unblocks, grants and revokes, before anything is sent', { timeout: 60_000 }, async () => {
    const mturk = await startLocalMTurk({ port: 0 });
    cleanups.push(() => mturk.close());
    const services = workbenchFor(mturk);
    cleanups.push(() => services.dispose());
    const lab = services.contexts.active();
    // The lab's gateway under a Production connection's settings: what the check sees is the connection's kind and name.
    const production: ConnectionContext = {
      config: { ...lab.config, kind: 'production', label: 'Lab account (real money)' },
      get archiveId() { return lab.archiveId; },
      gateway: () => lab.gateway(),
      ensureArchiveId: () => lab.ensureArchiveId(),
    };
    const worker = mturk.control.createWorker().workerId;
    const input = { workerIds: [worker], reason: 'Copied answers', soft: false };

    for (const attempt of [services.workers.block(input, production), services.workers.block({ ...input, soft: true, typedConnectionName: 'lab account' }, production), services.workers.unblock(input, production)]) {
      expect(await attempt).toMatchObject({ ok: false, error: { kind: 'validation', field: 'typedConnectionName', message: expect.stringContaining('Type the connection\'s name, "Lab account (real money)"') } });
    }
    const grant = await services.qualifications.grant({ qualificationTypeId: '3QTYPE', workers: [{ workerId: worker, score: 5 }], typedConnectionName: 'Lab' }, production);
    expect(grant).toMatchObject({ ok: false, error: { field: 'typedConnectionName', message: expect.stringContaining('grant 3QTYPE to 1 worker on PRODUCTION') } });
    expect(await services.qualifications.revoke({ qualificationTypeId: '3QTYPE', workerIds: [worker] }, production)).toMatchObject({ ok: false, error: { field: 'typedConnectionName' } });
    expect(services.archiveDb.read.prepare('SELECT COUNT(*) AS n FROM operations_journal').get()).toEqual({ n: 0 });

    const started = await services.workers.block({ ...input, typedConnectionName: ' Lab account (real money) ' }, production);
    if (!started.ok) throw new Error(started.error.message);
    expect(await services.jobs.whenDone(started.value.id)).toMatchObject({ state: 'succeeded', done: 1 });
    const { WorkerBlocks = [] } = await clientFor(mturk).send(new ListWorkerBlocksCommand({}));
    expect(WorkerBlocks.map((b) => [b.WorkerId, b.Reason])).toEqual([[worker, 'Copied answers']]);
  });
});
