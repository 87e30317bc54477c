import { ListBonusPaymentsCommand, MTurkClient } from '@aws-sdk/client-mturk';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { listUnfinished } from '../../../electron/archive/repos/journal';
import { startLocalMTurk, type LocalMTurk } from '../../../local-mturk/src/index';
import { mulberry32 } from '../../../local-mturk/src/server/faults';
import { createHit } from '../../../local-mturk/test/helpers';
import { startLossyProxy } from '../../helpers/lossy-proxy';
import { syncFully, workbenchFor } from '../actions/workbench';

const ROOT = join(__dirname, '..', '..', '..');
const HITS = 100;
const PER_HIT = 10;
const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** A client that keeps asking through injected faults. */
const patientClient = (server: Pick<LocalMTurk, 'url' | 'credentials'>): MTurkClient =>
  new MTurkClient({ region: 'us-east-1', endpoint: server.url, credentials: { ...server.credentials }, maxAttempts: 20 });

/** 1,000 submitted assignments: 100 HITs, each done by the same 10 workers. */
async function seedAssignments(server: LocalMTurk): Promise<{ workerId: string; assignmentId: string; hitId: string }[]> {
  const client = patientClient(server);
  const workers = Array.from({ length: PER_HIT }, () => server.control.createWorker({ country: 'US', approvalRatePercent: 99 }).workerId);
  const hits = await Promise.all(Array.from({ length: HITS }, () => createHit(client, { MaxAssignments: PER_HIT })));
  return hits.flatMap((hit) =>
    workers.map((workerId) => {
      const accepted = server.control.accept(workerId, hit.HITId!);
      server.control.submit(accepted.AssignmentId, { label: 'done' });
      return { workerId, assignmentId: accepted.AssignmentId, hitId: hit.HITId! };
    }),
  );
}

describe('a 1,000-row bonus ledger through faults, lost answers and two SIGKILLs', () => {
  it('ends with exactly one payment per row, of the right amount; sending the file again pays nothing', { timeout: 300_000 }, async () => {
    const dataFile = join(mkdtempSync(join(tmpdir(), 'tb-bonus-faults-')), 'lab.sqlite');
    const clean = await startLocalMTurk({ port: 0, dataFile });
    const rows = await seedAssignments(clean);
    const amountOf = (i: number): string => `0.${String((i % 99) + 1).padStart(2, '0')}`;
    const ledger = join(mkdtempSync(join(tmpdir(), 'tb-bonus-ledger-')), 'thousand.csv');
    writeFileSync(ledger, ['WorkerId,AssignmentId,Amount,Reason', ...rows.map((r, i) => `${r.workerId},${r.assignmentId},${amountOf(i)},Row ${i + 1} bonus`)].join('\n'));

    // Once the faults are on, the proxy loses 5 % of SendBonus answers after MTurk paid: the case a re-send would double.
    const random = mulberry32(5);
    let losing = false;
    const lossy = await startLossyProxy(clean.url, (request) => (losing && request.operation === 'SendBonus' && random() < 0.05 ? 'lose-answer' : 'answer'));
    cleanups.push(() => lossy.close());
    const endpoint = { ...clean, url: lossy.url };
    const loader = workbenchFor(endpoint);
    await syncFully(loader);
    await loader.dispose();
    await clean.close();
    const faulty = await startLocalMTurk({ port: clean.port, dataFile, credentials: [clean.credentials], faultRate: 0.1, dropRate: 0.05, seed: 3 });
    cleanups.push(() => faulty.close());
    losing = true;

    const env = { ...process.env, AWS_ACCESS_KEY_ID: clean.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: clean.credentials.secretAccessKey };
    const sendAndKill = async (killAt: number): Promise<void> => {
      const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'support', 'send-child.ts'), loader.dataDir, lossy.url, ledger], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], env });
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
      await new Promise<void>((resolve) => {
        createInterface({ input: child.stdout! }).on('line', (line) => {
          if (Number(/^done (\d+)$/.exec(line)?.[1] ?? 0) >= killAt) resolve();
        });
      });
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
    };
    await sendAndKill(150);
    await sendAndKill(600);

    const bench = workbenchFor(endpoint, { dataDir: loader.dataDir });
    cleanups.push(() => bench.dispose());
    bench.actionJobs.markInterrupted(Date.now());
    const file = { fileName: 'thousand.csv', bytes: readFileSync(ledger) };
    const resumed = await bench.bonuses.send(file);
    if (!resumed.ok) throw new Error(resumed.error.message);
    expect(resumed.value.resumed).toBe(true);
    if (resumed.value.job) await bench.jobs.whenDone(resumed.value.job.id);
    // Whatever is still unknown (MTurk could not be asked through the faults) is settled by reconciliation.
    const archiveId = bench.contexts.active().archiveId!;
    for (let round = 0; round < 5 && listUnfinished(bench.archiveDb.read, archiveId).length > 0; round++) await bench.reconciler.run(bench.contexts.active());
    expect(listUnfinished(bench.archiveDb.read, archiveId)).toEqual([]);
    // Rows a refusal left unpaid (a fault on every attempt) go out with a second send of the same file.
    const status = bench.bonuses.status(resumed.value.ledgerId);
    if (!status.ok) throw new Error(status.error.message);
    if (status.value.counts.paid < rows.length) {
      const rest = await bench.bonuses.send(file);
      if (rest.ok && rest.value.job) await bench.jobs.whenDone(rest.value.job.id);
    }

    // MTurk's own payments, read back through the faults: exactly one per row, of the row's amount.
    const reader = patientClient(faulty);
    const byAssignment = new Map<string, string[]>();
    for (let i = 0; i < HITS; i += 20) {
      const hitIds = [...new Set(rows.map((r) => r.hitId))].slice(i, i + 20);
      const pages = await Promise.all(hitIds.map((id) => reader.send(new ListBonusPaymentsCommand({ HITId: id, MaxResults: 100 }))));
      for (const payment of pages.flatMap((p) => p.BonusPayments ?? [])) byAssignment.set(payment.AssignmentId!, [...(byAssignment.get(payment.AssignmentId!) ?? []), payment.BonusAmount!]);
    }
    expect(rows.filter((r, i) => JSON.stringify(byAssignment.get(r.assignmentId)) !== JSON.stringify([amountOf(i)]))).toEqual([]);
    expect(byAssignment.size).toBe(rows.length);
    // The faults did bite: some SendBonus calls went out more than once — only where MTurk had not paid.
    expect(lossy.forwarded.filter((r) => r.operation === 'SendBonus').length).toBeGreaterThan(rows.length);

    // A second send of the same file pays nothing, and reconciliation proves every row paid once.
    const again = await bench.bonuses.send(file);
    expect(again.ok && again.value.job).toBeNull();
    const reconciled = await bench.bonuses.reconcile(resumed.value.ledgerId);
    if (!reconciled.ok) throw new Error(reconciled.error.message);
    expect(reconciled.value.counts).toEqual({ paid: rows.length, 'paid-twice': 0, failed: 0, missing: 0, 'already-paid': 0 });
    expect(reconciled.value.unexplained).toEqual([]);
  });
});
