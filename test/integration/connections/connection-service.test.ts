import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startLocalMTurk, type LocalMTurk } from '../../../local-mturk/src/index';
import { EventBus } from '../../../electron/core/event-bus';
import { ConnectionService } from '../../../electron/services/connections/connection-service';
import { createConnectionFileStore } from '../../../electron/services/connections/connection-store';
import { GatewayPool } from '../../../electron/services/connections/gateway-pool';
import { LocalMTurkHost } from '../../../electron/services/connections/local-host';
import { createEncryptedFileVault, type Cipher } from '../../../electron/services/connections/secret-vault';
import type { ConnectionConfig } from '../../../shared/domain/connections';
import { memoryLogger } from '../../helpers/memory-log';

/** A real AES-GCM cipher with a key held in memory: what safeStorage does, minus the OS keychain. */
function testCipher(): Cipher {
  const key = randomBytes(32);
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    decrypt(sealed) {
      const d = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      d.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([d.update(sealed.subarray(28)), d.final()]).toString('utf8');
    },
  };
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

function makeService(opts: { keychain?: 'yes' | 'no'; env?: Record<string, string>; home?: string } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'tb-conn-'));
  const events = new EventBus();
  const seen: { name: string; payload: unknown }[] = [];
  events.subscribe((name, payload) => seen.push({ name, payload }));
  const vault = createEncryptedFileVault(join(dataDir, 'secrets.json'), opts.keychain === 'yes' ? { cipher: testCipher() } : { unavailable: 'no keychain in this test.' });
  const service = new ConnectionService({
    store: createConnectionFileStore(join(dataDir, 'connections.json'), memoryLogger().log),
    vault,
    gateways: new GatewayPool({ vault, localHost: new LocalMTurkHost(join(dataDir, 'local-mturk'), memoryLogger().log), env: opts.env ?? {}, homeDir: opts.home ?? join(dataDir, 'home') }),
    events,
    log: memoryLogger().log,
  });
  cleanups.push(() => service.dispose());
  return { service, dataDir, seen };
}

async function standalone(): Promise<LocalMTurk> {
  const server = await startLocalMTurk({ port: 0 });
  cleanups.push(() => server.close());
  return server;
}

const custom = (endpoint: string, credentials: ConnectionConfig['credentials'], id = 'lab'): ConnectionConfig => ({ id, label: 'Lab server', kind: 'custom', endpoint, region: 'us-east-1', credentials });

describe('connections', () => {
  it('start on the built-in Local MTurk, which runs embedded and answers with a balance', async () => {
    const { service, seen } = makeService();
    expect(service.overview()).toMatchObject({ activeId: 'local', connections: [{ config: { kind: 'local' }, builtIn: true, active: true }] });
    const status = await service.refreshStatus();
    expect(status).toMatchObject({ kind: 'local', state: 'online' });
    // The balance comes with the connection: no "Test connection" needed to see it.
    expect(status.balanceCents).toBeGreaterThan(0);
    expect(seen.some((e) => e.name === 'connection.changed')).toBe(true);
    const test = await service.test('local');
    expect(test.ok && test.value.balanceCents).toBeGreaterThan(0);
  });

  it('connect to any MTurk-compatible endpoint with keys from the environment', async () => {
    const server = await standalone();
    const { service } = makeService({ env: { AWS_ACCESS_KEY_ID: server.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: server.credentials.secretAccessKey } });
    expect(service.save(custom(server.url, { type: 'env' })).ok).toBe(true);
    const test = await service.test('lab');
    expect(test).toMatchObject({ ok: true, value: { endpoint: server.url } });
  });

  it('read keys from a named profile in ~/.aws/credentials', async () => {
    const server = await standalone();
    const home = mkdtempSync(join(tmpdir(), 'tb-home-'));
    mkdirSync(join(home, '.aws'));
    writeFileSync(join(home, '.aws', 'credentials'), `[default]\naws_access_key_id = AKIAOTHER0000000000\naws_secret_access_key = nope\n\n[lab]\naws_access_key_id = ${server.credentials.accessKeyId}\naws_secret_access_key = ${server.credentials.secretAccessKey}\n`);
    const { service } = makeService({ home });
    service.save(custom(server.url, { type: 'profile', profile: 'lab' }));
    expect((await service.test('lab')).ok).toBe(true);
    service.save(custom(server.url, { type: 'profile', profile: 'missing' }, 'lab2'));
    const missing = await service.test('lab2');
    expect(missing).toMatchObject({ ok: false, error: { kind: 'auth' } });
    expect(!missing.ok && missing.error.message).toContain("'missing'");
  });

  it('report a wrong key as an auth error and a dead endpoint as offline', async () => {
    const server = await standalone();
    const { service } = makeService({ env: { AWS_ACCESS_KEY_ID: 'AKIAWRONGWRONGWRONG0', AWS_SECRET_ACCESS_KEY: 'x'.repeat(40) } });
    service.save(custom(server.url, { type: 'env' }));
    expect(await service.test('lab')).toMatchObject({ ok: false, error: { kind: 'auth' } });

    service.save(custom('http://127.0.0.1:9', { type: 'env' }, 'dead'));
    await service.activate('dead', false);
    expect(service.status()).toMatchObject({ id: 'dead', state: 'offline' });
  });

  it('store typed keys only encrypted, use them, and forget them', async () => {
    const server = await standalone();
    const { service, dataDir } = makeService({ keychain: 'yes' });
    service.save(custom(server.url, { type: 'stored' }));
    expect(service.overview().connections.find((c) => c.config.id === 'lab')?.hasStoredKeys).toBe(false);
    const stored = service.storeKeys('lab', server.credentials);
    expect(stored).toMatchObject({ ok: true, value: { hasStoredKeys: true } });
    const onDisk = readFileSync(join(dataDir, 'secrets.json'), 'utf8');
    expect(onDisk).not.toContain(server.credentials.secretAccessKey);
    expect(onDisk).not.toContain(server.credentials.accessKeyId);
    expect(JSON.stringify(service.overview())).not.toContain(server.credentials.secretAccessKey);
    expect((await service.test('lab')).ok).toBe(true);
    expect(service.forgetKeys('lab')).toMatchObject({ ok: true, value: { hasStoredKeys: false } });
    expect(await service.test('lab')).toMatchObject({ ok: false, error: { kind: 'auth' } });
  });

  it('refuse to store keys without a real keychain, and say what to use instead', async () => {
    const { service } = makeService({ keychain: 'no' });
    service.save(custom('http://127.0.0.1:1', { type: 'stored' }));
    const result = service.storeKeys('lab', { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' });
    expect(result).toMatchObject({ ok: false, error: { kind: 'auth' } });
    expect(!result.ok && result.error.message).toMatch(/AWS profile/);
    expect(service.overview().keychain).toEqual({ available: false, reason: 'no keychain in this test.' });
  });

  it('ask for confirmation before switching to production', async () => {
    const { service } = makeService();
    service.save({ id: 'prod', label: 'Lab account', kind: 'production', region: 'us-east-1', credentials: { type: 'env' } });
    expect(await service.activate('prod', false)).toMatchObject({ ok: false, error: { field: 'confirmProduction' } });
    expect(service.overview().activeId).toBe('local');
    const activated = await service.activate('prod', true);
    expect(activated).toMatchObject({ ok: true, value: { kind: 'production', id: 'prod' } });
    expect(service.overview().connections.find((c) => c.config.id === 'prod')).toMatchObject({ production: true, active: true });
  });

  it('keep the built-in connection, remove others with their keys, and survive a restart', async () => {
    const { service, dataDir } = makeService({ keychain: 'yes' });
    expect(service.remove('local')).toMatchObject({ ok: false });
    expect(service.save({ ...custom('http://x', { type: 'local' }), kind: 'local' })).toMatchObject({ ok: false });
    service.save(custom('http://127.0.0.1:1', { type: 'stored' }));
    service.storeKeys('lab', { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' });
    const reread = createConnectionFileStore(join(dataDir, 'connections.json'), memoryLogger().log).read();
    expect(reread.connections.map((c) => c.id)).toEqual(['local', 'lab']);
    expect(service.remove('lab')).toMatchObject({ ok: true, value: { connections: [{ config: { id: 'local' } }] } });
    expect(JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8'))).toEqual({});
  });

  it('never lets a slow probe of the previous connection overwrite the status of the one made active since', async () => {
    // The built-in Local MTurk starts on its first probe (slow); a custom endpoint answers at once.
    const server = await standalone();
    const { service, seen } = makeService({ env: { AWS_ACCESS_KEY_ID: server.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: server.credentials.secretAccessKey } });
    service.save(custom(server.url, { type: 'env' }));
    const slowProbe = service.refreshStatus();
    await service.activate('lab', false);
    await slowProbe;
    await expect.poll(() => seen.filter((e) => e.name === 'connection.changed').at(-1)?.payload).toMatchObject({ id: 'lab', state: 'online' });
    expect(service.status()).toMatchObject({ id: 'lab' });
  });
});
