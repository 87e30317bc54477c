import { CreateHITTypeCommand, CreateHITWithHITTypeCommand, GetHITCommand, UpdateNotificationSettingsCommand } from '@aws-sdk/client-mturk';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { listUnfinished } from '../../../electron/archive/repos/journal';
import { EXTERNAL_QUESTION, startTestServer } from '../../../local-mturk/test/helpers';
import { workbenchFor } from './workbench';

const ROOT = join(__dirname, '..', '..', '..');
const HITS = 500;
const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

describe('a bulk action killed mid-way (SIGKILL)', () => {
  it('finishes on restart with nothing applied twice', { timeout: 120_000 }, async () => {
    const { server, client } = await startTestServer();
    cleanups.push(() => server.close());
    // Every extension of these HITs is written to the Local MTurk's event log: one per call that took effect.
    const { HITTypeId } = await client.send(new CreateHITTypeCommand({ Title: 'Tag', Description: 'Tag it', Reward: '0.10', AssignmentDurationInSeconds: 600 }));
    await client.send(
      new UpdateNotificationSettingsCommand({
        HITTypeId,
        Notification: { Destination: 'arn:aws:sns:us-east-1:000000000000:tb', Transport: 'SNS', Version: '2006-05-05', EventTypes: ['HITExtended'] },
        Active: true,
      }),
    );
    const hitIds: string[] = [];
    for (let i = 0; i < HITS; i += 50) {
      const batch = await Promise.all(
        Array.from({ length: 50 }, () => client.send(new CreateHITWithHITTypeCommand({ HITTypeId, LifetimeInSeconds: 86_400, MaxAssignments: 10, Question: EXTERNAL_QUESTION }))),
      );
      hitIds.push(...batch.map((out) => out.HIT!.HITId!));
    }
    const dataDir = mkdtempSync(join(tmpdir(), 'tb-bulk-kill-'));
    const idsFile = join(dataDir, 'ids.json');
    writeFileSync(idsFile, JSON.stringify(hitIds));

    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'support', 'bulk-child.ts'), dataDir, server.url, idsFile], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, AWS_ACCESS_KEY_ID: server.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: server.credentials.secretAccessKey },
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    await new Promise<void>((resolve) => {
      createInterface({ input: child.stdout! }).on('line', (line) => {
        if (Number(/^done (\d+)$/.exec(line)?.[1] ?? 0) >= 120) resolve();
      });
    });
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const extendedBefore = server.control.events().filter((e) => e.eventType === 'HITExtended').length;
    expect(extendedBefore).toBeGreaterThanOrEqual(120);
    expect(extendedBefore).toBeLessThan(HITS);

    const bench = workbenchFor(server, { dataDir });
    cleanups.push(() => bench.dispose());
    expect(bench.actionJobs.markInterrupted(Date.now())).toBe(1);
    const [interrupted] = bench.jobs.list().filter((job) => job.state === 'interrupted');
    expect(interrupted).toMatchObject({ total: HITS });
    const resumed = await bench.actionJobs.resume(interrupted!.id);
    if (!resumed.ok) throw new Error(resumed.error.message);
    const final = await bench.jobs.whenDone(interrupted!.id);
    expect(final).toMatchObject({ state: 'succeeded', done: HITS, failed: 0, unknown: 0 });

    // Exactly one extension took effect per HIT, and each HIT has exactly one more assignment.
    const perHit = new Map<string, number>();
    for (const event of server.control.events()) if (event.eventType === 'HITExtended') perHit.set(event.hitId!, (perHit.get(event.hitId!) ?? 0) + 1);
    expect(perHit.size).toBe(HITS);
    expect([...perHit.values()].every((n) => n === 1)).toBe(true);
    for (const id of hitIds.slice(0, 20)) expect((await client.send(new GetHITCommand({ HITId: id }))).HIT!.MaxAssignments).toBe(11);
    expect(listUnfinished(bench.archiveDb.read, bench.contexts.active().archiveId!)).toEqual([]);
  });
});
