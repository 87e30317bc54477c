/**
 * The built-in Local MTurk as the services run it: one port kept across starts on one data folder (and a new one,
 * recorded, when it is taken), its keys, and the demo account filled through the service and synced into the archive.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../../electron/core/services';
import { DEMO_CROWD } from '../../../local-mturk/src/index';
import { memoryLogger } from '../../helpers/memory-log';

const opened: Services[] = [];
const blockers: Server[] = [];

afterEach(async () => {
  for (const services of opened.splice(0)) await services.dispose();
  for (const blocker of blockers.splice(0)) await new Promise((resolve) => blocker.close(resolve));
});

function open(dataDir: string, env: Record<string, string> = {}) {
  const memory = memoryLogger();
  const services = createServices({ dataDir, log: memory.log, keychain: { unavailable: 'no keychain in tests.' }, env, homeDir: join(dataDir, 'home') });
  opened.push(services);
  return { services, lines: memory.lines };
}

async function close(services: Services): Promise<void> {
  opened.splice(opened.indexOf(services), 1);
  await services.dispose();
}

async function portOf(services: Services): Promise<number> {
  const access = await services.localMTurk.access();
  if (!access.ok) throw new Error(access.error.message);
  return access.value.port;
}

async function archivedCounts(services: Services) {
  const overview = await services.archive.overview();
  if (!overview.ok) throw new Error(overview.error.message);
  return overview.value.counts;
}

const recordedPort = (dataDir: string): number => (JSON.parse(readFileSync(join(dataDir, 'local-mturk', 'port.json'), 'utf8')) as { port: number }).port;

describe('the built-in Local MTurk port', () => {
  it('is picked once, recorded, and reused by the next start on the same data folder', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tb-local-port-'));
    const first = open(dataDir).services;
    const port = await portOf(first);
    expect(recordedPort(dataDir)).toBe(port);
    const firstKey = await first.localMTurk.access();
    await close(first);

    const second = open(dataDir).services;
    expect(await portOf(second)).toBe(port);
    const secondKey = await second.localMTurk.access();
    expect(secondKey.ok && firstKey.ok && secondKey.value.accessKeyId === firstKey.value.accessKeyId).toBe(true);
  });

  it('moves to a new free port when the recorded one is taken, records it and says so in the log', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tb-local-port-'));
    const first = open(dataDir).services;
    const port = await portOf(first);
    await close(first);

    const blocker = createServer();
    blockers.push(blocker);
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    const { services, lines } = open(dataDir);
    const moved = await portOf(services);
    expect(moved).not.toBe(port);
    expect(recordedPort(dataDir)).toBe(moved);
    expect(lines.some((l) => l.level === 'warn' && l.line.includes(`port ${port} is taken`) && l.line.includes(`port ${moved}`))).toBe(true);
    // The data file was not left open by the failed attempt: the account is the same.
    expect((await services.connections.test('local')).ok).toBe(true);
  });

  it('picks a new port when the recorded one is unreadable', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tb-local-port-'));
    const first = open(dataDir).services;
    await portOf(first);
    await close(first);
    writeFileSync(join(dataDir, 'local-mturk', 'port.json'), 'not json');
    const { services, lines } = open(dataDir);
    const port = await portOf(services);
    expect(recordedPort(dataDir)).toBe(port);
    expect(lines.some((l) => l.level === 'warn' && l.line.includes('does not hold a port number'))).toBe(true);
  });
});

describe('the built-in Local MTurk keys', () => {
  it('gives endpoint, region and key id; the secret only on request, and never into the log', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tb-local-keys-'));
    const { services, lines } = open(dataDir);
    const access = await services.localMTurk.access();
    expect(access.ok && access.value).toMatchObject({ endpoint: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), region: 'us-east-1', accessKeyId: expect.stringMatching(/^AKIA/) });
    expect(JSON.stringify(access)).not.toMatch(/secret/i);
    const secret = await services.localMTurk.revealSecret();
    if (!secret.ok) throw new Error(secret.error.message);
    const health = await fetch(`${access.ok ? access.value.endpoint : ''}/_local/health`, { headers: { Authorization: `Bearer ${secret.value.secretAccessKey}` } });
    expect(health.status).toBe(200);
    expect(lines.some((l) => l.line.includes(secret.value.secretAccessKey))).toBe(false);
  });
});

describe('the demo account through the service', () => {
  it('fills the built-in Local MTurk, syncs it into the archive, and adds nothing the second time', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tb-local-demo-'));
    const { services } = open(dataDir);
    const filled = await services.localMTurk.fillDemo('local');
    if (!filled.ok) throw new Error(filled.error.message);
    expect(filled.value).toMatchObject({ alreadyThere: false, hits: 14, qualificationTypes: 2 });
    expect(filled.value.syncJobId).not.toBeNull();
    const synced = await services.sync.whenDone('local');
    expect(synced?.state).toBe('succeeded');
    const counts = await archivedCounts(services);
    expect(counts).toMatchObject({ hits: 14, qualificationTypes: 2, bonuses: 1, workerBlocks: filled.value.rejected > 0 ? 1 : 0 });
    expect(counts.assignments).toBe(filled.value.submitted);
    expect(filled.value.crowd).toEqual({ workers: DEMO_CROWD.workers, speed: DEMO_CROWD.speed });

    const again = await services.localMTurk.fillDemo('local');
    expect(again.ok && again.value).toMatchObject({ alreadyThere: true, hits: 14, submitted: 0 });
    await services.sync.whenDone('local');
    expect((await archivedCounts(services)).hits).toBe(14);
  });

  it('keeps the demo crowd working across starts until it is stopped', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tb-local-demo-'));
    const first = open(dataDir).services;
    expect((await first.localMTurk.fillDemo('local')).ok).toBe(true);
    await first.sync.whenDone('local');
    await close(first);

    const { services, lines } = open(dataDir);
    const again = await services.localMTurk.access();
    expect(again.ok && again.value.crowd).toEqual({ workers: DEMO_CROWD.workers, speed: DEMO_CROWD.speed });
    expect(lines.some((l) => l.line.includes(`a simulated crowd of ${DEMO_CROWD.workers} workers is working`))).toBe(true);
    const stopped = await services.localMTurk.setCrowd(false);
    expect(stopped.ok && stopped.value.crowd).toBeNull();
    await close(services);

    const third = open(dataDir).services;
    const after = await third.localMTurk.access();
    expect(after.ok && after.value.crowd).toBeNull();
    const restarted = await third.localMTurk.setCrowd(true);
    expect(restarted.ok && restarted.value.crowd).toEqual({ workers: DEMO_CROWD.workers, speed: DEMO_CROWD.speed });
  });

  it('refuses any connection but the built-in one, in plain words', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tb-local-demo-'));
    const sandbox = { id: 'sb', label: 'Lab sandbox', kind: 'sandbox', region: 'us-east-1', credentials: { type: 'env' } };
    writeFileSync(join(dataDir, 'connections.json'), JSON.stringify({ version: 1, activeId: 'sb', connections: [sandbox] }));
    const { services } = open(dataDir);
    const refused = await services.localMTurk.fillDemo('sb');
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toBe('The demo account only goes into the built-in Local MTurk. "Lab sandbox" is an MTurk Sandbox connection, where it would create HITs that workers could see.');
    const unknown = await services.localMTurk.fillDemo('nope');
    expect(!unknown.ok && unknown.error.kind).toBe('not-found');
  });
});
