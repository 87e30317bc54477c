import { ApproveAssignmentCommand, DeleteHITCommand } from '@aws-sdk/client-mturk';
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHit, startTestServer, type TestServer } from '../../../local-mturk/test/helpers';
import { startGatedProxy, type GatedProxy } from '../../helpers/gated-proxy';
import { requireBuiltCli, runTurkbench, type Ran } from './run-turkbench';

const ROOT = join(__dirname, '..', '..', '..');
let lab: TestServer;
let gate: GatedProxy;
const env = () => ({ AWS_ACCESS_KEY_ID: lab.server.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: lab.server.credentials.secretAccessKey });
const turkbench = (dataDir: string, ...args: string[]): Promise<Ran> => runTurkbench(['--data-dir', dataDir, ...args], env());

beforeAll(async () => {
  requireBuiltCli();
  lab = await startTestServer();
  gate = await startGatedProxy(lab.server.url);
});
afterAll(async () => {
  await gate?.close();
  await lab?.server.close();
});

/** One value from the data folder's archive, read as another process would while the CLI runs. */
function archiveValue(dataDir: string, sql: string, ...params: string[]): string | null {
  const file = readdirSync(dataDir, { recursive: true, encoding: 'utf8' }).find((f) => f.endsWith('archive.sqlite') || f.endsWith('archive.db'));
  if (!file) return null;
  const db = new Database(join(dataDir, file), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare(sql).pluck().get(...params) as string | undefined) ?? null;
  } finally {
    db.close();
  }
}
const bonusCallState = (dataDir: string, assignmentId: string) =>
  archiveValue(dataDir, `SELECT state FROM operations_journal WHERE kind = 'send-bonus' AND request_json LIKE ?`, `%${assignmentId}%`);

describe('a bonus job finished by "turkbench jobs resume" after a crash', { timeout: 90_000 }, () => {
  it("records MTurk's refusal on the ledger row, though no ledger send is waiting for the job", async () => {
    const work = [];
    for (let i = 0; i < 2; i++) {
      const hit = await createHit(lab.client, { MaxAssignments: 1 });
      const workerId = lab.server.control.createWorker({ country: 'US' }).workerId;
      const accepted = lab.server.control.accept(workerId, hit.HITId!);
      lab.server.control.submit(accepted.AssignmentId, { label: 'done' });
      work.push({ hitId: hit.HITId!, workerId, assignmentId: accepted.AssignmentId });
    }
    const [kept, gone] = work as [(typeof work)[number], (typeof work)[number]];
    const dataDir = mkdtempSync(join(tmpdir(), 'tb-cli-bonus-resume-'));
    expect((await turkbench(dataDir, 'connections', 'add', '--name', 'Lab', '--endpoint', gate.url, '--requests-per-second', '100')).code).toBe(0);
    expect((await turkbench(dataDir, 'connections', 'use', 'Lab')).code).toBe(0);
    expect((await turkbench(dataDir, 'sync', '--full')).code).toBe(0);
    // After the sync, the second HIT is deleted on MTurk: the archive still offers its assignment, MTurk refuses to pay on it.
    await lab.client.send(new ApproveAssignmentCommand({ AssignmentId: gone.assignmentId }));
    await lab.client.send(new DeleteHITCommand({ HITId: gone.hitId }));
    const ledger = join(mkdtempSync(join(tmpdir(), 'tb-ledger-')), 'ledger.csv');
    writeFileSync(ledger, `WorkerId,AssignmentId,Amount,Reason\n${kept.workerId},${kept.assignmentId},0.50,Thanks\n${gone.workerId},${gone.assignmentId},0.40,Thanks\n`);

    // The send is cut off (SIGKILL) once MTurk refused one payment while the answer for the other is still on its way.
    gate.shut((request) => request.operation === 'SendBonus' && request.body.AssignmentId === kept.assignmentId);
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'turkbench.mjs'), '--data-dir', dataDir, 'bonus', 'send', ledger, '--name', 'Cut off', '--yes'], { cwd: ROOT, env: { ...process.env, ...env() }, stdio: 'ignore' });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await gate.whenHolding(1);
    await expect.poll(() => bonusCallState(dataDir, gone.assignmentId), { timeout: 20_000 }).toBe('failed');
    child.kill('SIGKILL');
    await exited;
    gate.open();

    const resumed = await turkbench(dataDir, 'jobs', 'resume', '--yes');
    expect(resumed.code).not.toBe(0); // a job that ends with a refusal is reported as failed
    expect(resumed.stderr + resumed.stdout).toContain('Bonus ledger Cut off');
    const ledgerId = archiveValue(dataDir, `SELECT id FROM bonus_ledgers`)!;
    const status = JSON.parse((await turkbench(dataDir, 'bonus', 'status', ledgerId, '--json')).stdout) as { rows: { rowNumber: number; state: string; error: string | null }[] };
    expect(status.rows.map((r) => [r.rowNumber, r.state])).toEqual([[1, 'paid'], [2, 'failed']]);
    expect(status.rows[1]!.error).toContain(`its HIT ${gone.hitId} has been deleted`);
  });
});
