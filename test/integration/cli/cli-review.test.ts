import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetAssignmentCommand } from '@aws-sdk/client-mturk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBuiltCli, runTurkbench, type Ran } from './run-turkbench';
import { createHit, startTestServer, type TestServer } from '../../../local-mturk/test/helpers';

let lab: TestServer;
let dataDir: string;
let hitTypeId: string;
const submitted: string[] = [];

const labKeys = (): Record<string, string> => ({ AWS_ACCESS_KEY_ID: lab.server.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: lab.server.credentials.secretAccessKey });
const turkbench = (...args: string[]): Promise<Ran> => runTurkbench(['--data-dir', dataDir, ...args], labKeys());

const statusOf = async (id: string) => (await lab.client.send(new GetAssignmentCommand({ AssignmentId: id }))).Assignment!;

beforeAll(async () => {
  requireBuiltCli();
  lab = await startTestServer();
  const hit = await createHit(lab.client, { MaxAssignments: 5 });
  hitTypeId = hit.HITTypeId!;
  for (let i = 0; i < 5; i++) {
    const { workerId } = lab.server.control.createWorker({ country: 'US' });
    const { AssignmentId } = lab.server.control.accept(workerId, hit.HITId!);
    lab.server.control.submit(AssignmentId, { label: `answer ${i}` });
    submitted.push(AssignmentId);
  }
  dataDir = mkdtempSync(join(tmpdir(), 'tb-cli-review-'));
  expect((await turkbench('connections', 'add', '--name', 'Lab', '--endpoint', lab.server.url, '--requests-per-second', '100')).code).toBe(0);
  expect((await turkbench('connections', 'use', 'Lab')).code).toBe(0);
  expect((await turkbench('sync', '--full')).code).toBe(0);
}, 60_000);
afterAll(() => lab.server.close());

describe('turkbench review', { timeout: 90_000 }, () => {
  it('lists the queue, approves and rejects with the plan shown, then overrides', async () => {
    const listed = await turkbench('review', 'list', '--status', 'Submitted', '--hit-type-id', hitTypeId, '--json');
    expect(listed.code).toBe(0);
    const rows = JSON.parse(listed.stdout) as { assignmentId: string }[];
    expect(rows.map((r) => r.assignmentId).sort()).toEqual([...submitted].sort());
    expect((await turkbench('review', 'list')).stdout).toMatch(/ASSIGNMENT ID\s+WORKER\s+HIT ID\s+STATUS/);
    // The deadline strip's windows and the batch filter: nothing is due within an hour, all of it within 31 days.
    expect(JSON.parse((await turkbench('review', 'list', '--due-within', '1h', '--json')).stdout)).toEqual([]);
    expect(JSON.parse((await turkbench('review', 'list', '--due-within', '31d', '--json')).stdout)).toHaveLength(submitted.length);
    expect(JSON.parse((await turkbench('review', 'list', '--batch', 'nobatch1', '--json')).stdout)).toEqual([]);
    expect(await turkbench('review', 'list', '--due-within', 'soon')).toMatchObject({ code: 2, stderr: expect.stringContaining('--due-within soon: write a duration') });
    // Grouped by worker: each worker's rows together, with their record.
    const grouped = JSON.parse((await turkbench('review', 'list', '--group', 'worker', '--json')).stdout) as { workerId: string; workerHistory: { approved: number } }[];
    const workersInOrder = grouped.map((r) => r.workerId).filter((w, i, all) => i === 0 || all[i - 1] !== w);
    expect(new Set(workersInOrder).size).toBe(workersInOrder.length);
    expect(grouped.every((r) => r.workerHistory.approved === 0)).toBe(true);
    expect((await turkbench('review', 'list', '--group', 'worker')).stdout).toMatch(/WORKER APPROVED \/ REJECTED/);
    expect(await turkbench('review', 'list', '--group', 'batch')).toMatchObject({ code: 2, stderr: expect.stringContaining('--group batch: use hit or worker.') });

    // No terminal to ask on and no --yes: nothing is sent.
    const unconfirmed = await turkbench('review', 'approve', submitted[0]!);
    expect(unconfirmed).toMatchObject({ code: 2, stderr: expect.stringContaining('Add --yes to confirm') });
    expect((await statusOf(submitted[0]!)).AssignmentStatus).toBe('Submitted');

    const approved = await turkbench('review', 'approve', submitted[0]!, submitted[1]!, '--feedback', 'Great, thanks!', '--yes');
    expect(approved.code).toBe(0);
    expect(approved.stderr).toContain('Approve 2 on Lab: 2 assignment(s) of 2 worker(s); 0 left alone.');
    expect(approved.stderr).toContain('Approving pays $1.00 in rewards + $0.20 MTurk fees = $1.20');
    expect(approved.stdout).toMatch(/2 done, 0 failed, 0 unknown, of 2/);
    expect(await statusOf(submitted[1]!)).toMatchObject({ AssignmentStatus: 'Approved', RequesterFeedback: 'Great, thanks!' });

    // A rejection without feedback is refused before anything is planned or sent.
    const bare = await turkbench('review', 'reject', submitted[2]!, '--yes');
    expect(bare).toMatchObject({ code: 2, stderr: expect.stringContaining('a rejection needs feedback the worker reads') });
    const file = join(dataDir, 'rejects.csv');
    writeFileSync(file, `AssignmentId,Feedback\n${submitted[2]},"Empty, sorry"\n${submitted[3]},\n`);
    const rejected = await turkbench('review', 'reject', '--from-file', file, '--feedback', 'Did not follow the instructions.', '--yes');
    expect(rejected.code).toBe(0);
    expect(rejected.stderr).toMatch(/Rejections each worker would have from you today \(UTC\), with this send:\n {2}\S+: 1 \(1 in this send\)/);
    expect(await statusOf(submitted[2]!)).toMatchObject({ AssignmentStatus: 'Rejected', RequesterFeedback: 'Empty, sorry' });
    expect(await statusOf(submitted[3]!)).toMatchObject({ AssignmentStatus: 'Rejected', RequesterFeedback: 'Did not follow the instructions.' });

    // The queue knows without a sync.
    const rejectedRows = JSON.parse((await turkbench('review', 'list', '--status', 'Rejected', '--json')).stdout) as { assignmentId: string; overridableUntil: number }[];
    expect(rejectedRows.map((r) => r.assignmentId).sort()).toEqual([submitted[2], submitted[3]].sort());
    expect(rejectedRows.every((r) => r.overridableUntil > Date.now() + 29 * 86_400_000)).toBe(true);

    const overridden = await turkbench('review', 'override', submitted[2]!, '--yes', '--json');
    expect(overridden.code).toBe(0);
    expect(JSON.parse(overridden.stdout)).toMatchObject({ plan: { override: 1, overrideCost: { totalCents: 60 } }, job: { state: 'succeeded', failed: 0 } });
    expect(overridden.stderr).toMatch(/Overriding pays \$0\.50 in rewards \+ \$0\.10 MTurk fees = \$0\.60 from the available balance, since a rejection releases what MTurk held: \$[\d,]+\.\d\d → \$[\d,]+\.\d\d after\./);
    expect(overridden.stderr).not.toContain('already holds');
    expect((await statusOf(submitted[2]!)).AssignmentStatus).toBe('Approved');
  });

  it('says per assignment what it leaves alone, and refuses bad feedback naming it', async () => {
    const again = await turkbench('review', 'approve', submitted[0]!, '--yes');
    expect(again).toMatchObject({ code: 1, stderr: expect.stringContaining(`skipped ${submitted[0]}: is already Approved`) });
    const override = await turkbench('review', 'override', submitted[4]!, '--yes');
    expect(override).toMatchObject({ code: 1, stderr: expect.stringContaining('is Submitted, not Rejected: there is no rejection to override') });
    const bell = await turkbench('review', 'approve', submitted[4]!, '--feedback', 'ding\u0007', '--yes');
    expect(bell).toMatchObject({ code: 2, stderr: expect.stringContaining('--feedback: feedback has control character 7 at character 5') });
    const long = await turkbench('review', 'approve', submitted[4]!, '--feedback', 'x'.repeat(1025), '--yes');
    expect(long).toMatchObject({ code: 2, stderr: expect.stringContaining('at most 1024 characters (this is 1025)') });
    expect((await turkbench('review', 'approve', 'lowercase', '--yes')).stderr).toContain('"lowercase": not an assignment id');
    expect((await statusOf(submitted[4]!)).AssignmentStatus).toBe('Submitted');
  });

  it('keeps draft verdicts as the app does, undoes one, and sends the drafts as one job', async () => {
    const hit = await createHit(lab.client, { MaxAssignments: 2, Title: 'Drafts' });
    const [a, b] = [0, 1].map(() => {
      const { workerId } = lab.server.control.createWorker({ country: 'US' });
      const { AssignmentId } = lab.server.control.accept(workerId, hit.HITId!);
      lab.server.control.submit(AssignmentId, { label: 'x' });
      return AssignmentId;
    });
    expect((await turkbench('sync')).code).toBe(0);

    expect(await turkbench('review', 'draft', 'approve', a!)).toMatchObject({ code: 0, stdout: expect.stringContaining('Drafts on Lab: 1 to approve, 0 to reject. Nothing is sent') });
    expect(await turkbench('review', 'draft', 'reject', b!)).toMatchObject({ code: 2, stderr: expect.stringContaining('a rejection needs feedback the worker reads') });
    expect((await turkbench('review', 'draft', 'reject', b!, '--feedback', 'The label is empty.')).stdout).toContain('1 to approve, 1 to reject');
    const drafts = JSON.parse((await turkbench('review', 'list', '--json')).stdout) as { assignmentId: string; draft: { verdict: string; feedback: string | null } | null }[];
    expect(drafts.find((r) => r.assignmentId === b)?.draft).toMatchObject({ verdict: 'reject', feedback: 'The label is empty.' });
    expect((await turkbench('review', 'draft', 'clear', b!)).stdout).toContain('1 to approve, 0 to reject');
    expect(await turkbench('review', 'draft', 'approve', '3NOTARCHIVED0000000000000000001')).toMatchObject({ code: 1, stderr: expect.stringContaining('not in the archive of Lab') });
    expect(await turkbench('review', 'draft', 'undo')).toMatchObject({ code: 2, stderr: expect.stringContaining('Unknown "review draft undo"') });
    expect((await statusOf(a!)).AssignmentStatus).toBe('Submitted');

    const sent = await turkbench('review', 'send-drafts', '--yes');
    expect(sent.code).toBe(0);
    expect(sent.stderr).toContain('Approve 1 on Lab: 1 assignment(s) of 1 worker(s)');
    expect((await statusOf(a!)).AssignmentStatus).toBe('Approved');
    expect((await statusOf(b!)).AssignmentStatus).toBe('Submitted');
  });
});
