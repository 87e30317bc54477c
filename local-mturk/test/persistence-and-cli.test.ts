import Database from 'better-sqlite3';
import { GetAccountBalanceCommand, GetHITCommand, ListHITsCommand, MTurkClient } from '@aws-sdk/client-mturk';
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { startLocalMTurk } from '../src/index';
import { clientFor, createHit } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'local-mturk-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('persistence', () => {
  it('keeps HITs, work, money, generated keys and the virtual clock across a restart', async () => {
    const dataFile = join(dir, 'state.db');
    const first = await startLocalMTurk({ port: 0, dataFile });
    const hit = await createHit(clientFor(first));
    const worker = first.control.createWorker();
    const { AssignmentId } = first.control.accept(worker.workerId, hit.HITId!);
    first.control.submit(AssignmentId, { label: 'kept' });
    first.clock.advance(3_600_000);
    const clockBefore = first.clock.now();
    const balanceBefore = await clientFor(first).send(new GetAccountBalanceCommand({}));
    const keys = first.credentials;
    await first.close();

    const second = await startLocalMTurk({ port: 0, dataFile });
    try {
      expect(second.credentials).toEqual(keys);
      expect(second.clock.now()).toBeGreaterThanOrEqual(clockBefore);
      const client = clientFor(second);
      const { HIT: again } = await client.send(new GetHITCommand({ HITId: hit.HITId }));
      expect(again).toMatchObject({ HITId: hit.HITId, HITStatus: 'Reviewable', NumberOfAssignmentsAvailable: 0 });
      const balance = await client.send(new GetAccountBalanceCommand({}));
      expect([balance.AvailableBalance, balance.OnHoldBalance]).toEqual([balanceBefore.AvailableBalance, balanceBefore.OnHoldBalance]);
    } finally {
      await second.close();
    }
  });

  it('repairs a stored clock that is non-finite, negative or beyond the horizon, instead of starting from it', async () => {
    const now = Date.now(); // pinned, but real enough for the SDK's signatures
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      for (const stored of ['1e+300', 'Infinity', 'NaN', '-5', String(101 * 365.25 * 86_400_000)]) {
        const dataFile = join(dir, `clock-${stored}.db`);
        await (await startLocalMTurk({ port: 0, dataFile })).close();
        const db = new Database(dataFile);
        db.prepare("INSERT INTO meta (key, value) VALUES ('clock_offset_ms', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(stored);
        db.close();

        const server = await startLocalMTurk({ port: 0, dataFile, wallClock: () => now });
        try {
          expect(server.clock.now()).toBe(now);
          expect(warn).toHaveBeenLastCalledWith(expect.stringContaining(`stored virtual clock offset (${stored} ms)`));
        } finally {
          await server.close();
        }
        const reopened = await startLocalMTurk({ port: 0, dataFile, wallClock: () => now });
        try {
          expect(reopened.clock.now()).toBe(now);
          const hit = await createHit(clientFor(reopened));
          expect(hit.HITStatus).toBe('Assignable');
        } finally {
          await reopened.close();
        }
      }
      expect(warn).toHaveBeenCalledTimes(5);
    } finally {
      warn.mockRestore();
    }
  });

  it('upgrades a data file whose accounts table predates the on-hold column', async () => {
    const dataFile = join(dir, 'old.db');
    const old = new Database(dataFile);
    old.exec("CREATE TABLE accounts (requester TEXT PRIMARY KEY, balance_cents INTEGER NOT NULL); INSERT INTO accounts VALUES ('AKIAOLD', 4200)");
    old.close();
    const server = await startLocalMTurk({ port: 0, dataFile, credentials: [{ accessKeyId: 'AKIAOLD', secretAccessKey: 'old-secret' }] });
    try {
      const balance = await clientFor(server).send(new GetAccountBalanceCommand({}));
      expect([balance.AvailableBalance, balance.OnHoldBalance]).toEqual(['42.00', '0.00']);
    } finally {
      await server.close();
    }
  });

  it('starts empty in memory without a data file', async () => {
    const server = await startLocalMTurk({ port: 0 });
    try {
      expect((await clientFor(server).send(new ListHITsCommand({}))).NumResults).toBe(0);
    } finally {
      await server.close();
    }
  });
});

/** Spawns the CLI and resolves with its URL and printed keys once it is listening. */
function startCli(args: string[]): Promise<{ child: ChildProcess; url: string; accessKeyId: string; secretAccessKey: string }> {
  const child = spawn('node_modules/.bin/tsx', ['local-mturk/src/cli.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    const lines: string[] = [];
    const timer = setTimeout(() => reject(new Error(`CLI did not start: ${lines.join('\n')}`)), 15_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      lines.push(line);
      const url = /^Local MTurk listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(lines[0] ?? '')?.[1];
      const id = lines.find((l) => l.startsWith('AWS_ACCESS_KEY_ID='))?.split('=')[1];
      const secret = lines.find((l) => l.startsWith('AWS_SECRET_ACCESS_KEY='))?.slice('AWS_SECRET_ACCESS_KEY='.length);
      if (url && id && secret) {
        clearTimeout(timer);
        resolve({ child, url, accessKeyId: id, secretAccessKey: secret });
      }
    });
    child.once('exit', (code) => reject(new Error(`CLI exited with ${code}: ${lines.join('\n')}`)));
  });
}

describe('CLI', () => {
  it('prints the listening line and the keys, serves the API with them, stops on SIGTERM', async () => {
    const cli = await startCli([
      ...['--port', '0', '--access-key-id', 'AKIACLITEST000000000', '--secret-access-key', 'cli-secret', '--balance', '25.00'],
      ...['--allow-host', 'mturk.test'],
    ]);
    try {
      expect(cli.accessKeyId).toBe('AKIACLITEST000000000');
      const client = new MTurkClient({ region: 'us-east-1', endpoint: cli.url, credentials: cli, maxAttempts: 1 });
      expect((await client.send(new GetAccountBalanceCommand({}))).AvailableBalance).toBe('25.00');
      const health = (host: string): Promise<number | undefined> =>
        new Promise((resolve, reject) => {
          const headers = { Host: host, Authorization: 'Bearer cli-secret' };
          request(`${cli.url}/_local/health`, { headers }, (res) => resolve(res.resume().statusCode)).on('error', reject).end();
        });
      expect([await health('mturk.test:9440'), await health('other.test:9440')]).toEqual([200, 403]);
    } finally {
      const exited = new Promise((resolve) => cli.child.once('exit', resolve));
      cli.child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });

  it('refuses bad flags with a usage message', async () => {
    const child = spawn('node_modules/.bin/tsx', ['local-mturk/src/cli.ts', '--fault-rate', '2'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('--fault-rate must be a number from 0 to 1');
  });
});
