import { GetAssignmentCommand, GetHITCommand } from '@aws-sdk/client-mturk';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHit, startTestServer, type TestServer } from '../../../local-mturk/test/helpers';
import { parseCsv } from '../../../shared/domain/csv';
import { requireBuiltCli, runTurkbench, type Ran } from './run-turkbench';

let lab: TestServer;
let dataDir: string;
let hitTypeId: string;
/** Two HITs of one type, five workers each; worker 4 disagrees on both. */
const work: { hitId: string; assignmentId: string; workerId: string }[] = [];
const LABELS = [
  ['cat', 'cat', 'cat', 'dog', 'cat'],
  ['dog', 'dog', 'bird', 'dog', 'cat'],
];

const turkbench = (...args: string[]): Promise<Ran> =>
  runTurkbench(['--data-dir', dataDir, ...args], { AWS_ACCESS_KEY_ID: lab.server.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: lab.server.credentials.secretAccessKey });
const statusOf = async (id: string): Promise<string> => (await lab.client.send(new GetAssignmentCommand({ AssignmentId: id }))).Assignment!.AssignmentStatus!;

function csvFile(name: string, lines: readonly string[]): string {
  const file = join(dataDir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

beforeAll(async () => {
  requireBuiltCli();
  lab = await startTestServer();
  const workers = Array.from({ length: 5 }, () => lab.server.control.createWorker({ country: 'US' }).workerId);
  for (const labels of LABELS) {
    const hit = await createHit(lab.client, { MaxAssignments: 5 });
    hitTypeId = hit.HITTypeId!;
    labels.forEach((label, i) => {
      const { AssignmentId } = lab.server.control.accept(workers[i]!, hit.HITId!);
      lab.server.control.submit(AssignmentId, { label, comment: `free text ${i} ${label}` });
      work.push({ hitId: hit.HITId!, assignmentId: AssignmentId, workerId: workers[i]! });
    });
  }
  dataDir = mkdtempSync(join(tmpdir(), 'tb-cli-quality-'));
  expect((await turkbench('connections', 'add', '--name', 'Lab', '--endpoint', lab.server.url, '--requests-per-second', '100')).code).toBe(0);
  expect((await turkbench('connections', 'use', 'Lab')).code).toBe(0);
  expect((await turkbench('sync', '--full')).code).toBe(0);
}, 60_000);
afterAll(() => lab.server.close());

describe('turkbench review agreement', { timeout: 60_000 }, () => {
  it('gives one object per HIT and field with the consensus and its confidence, plus per-worker estimates', async () => {
    const ran = await turkbench('review', 'agreement', '--hit-type', hitTypeId, '--method', 'mv', '--json');
    expect(ran.code).toBe(0);
    const out = JSON.parse(ran.stdout) as { fields: string[]; labels: Record<string, unknown>[]; workers: { workerId: string; answers: number; agreement: number }[] };
    expect(out.fields).toEqual(['label']);
    expect(out.labels).toHaveLength(2);
    expect(out.labels).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ HITId: work[0]!.hitId, field: 'label', label: 'cat', confidence: 0.8 }),
        expect.objectContaining({ HITId: work[5]!.hitId, field: 'label', label: 'dog', confidence: 0.6 }),
      ]),
    );
    const agreement = Object.fromEntries(out.workers.map((w) => [w.workerId, w.agreement]));
    expect(agreement).toEqual({ [work[0]!.workerId]: 1, [work[1]!.workerId]: 1, [work[2]!.workerId]: 0.5, [work[3]!.workerId]: 0.5, [work[4]!.workerId]: 0.5 });

    const ds = await turkbench('review', 'agreement', '--hit-type', hitTypeId, '--out', join(dataDir, 'labels.csv'));
    expect(ds.code).toBe(0);
    expect(ds.stdout).toContain('10 assignments, fields label; consensus by Dawid–Skene.');
    expect(ds.stdout).toMatch(/WORKER\s+ANSWERS\s+AGREEMENT\s+EST\. ACCURACY\s+GOLD/);
    const csv = parseCsv(readFileSync(join(dataDir, 'labels.csv'), 'utf8'));
    if (!csv.ok) throw new Error(csv.error.message);
    const [header, ...rows] = csv.value.records.map((r) => r.cells.slice(0, 3));
    expect(header).toEqual(['HITId', 'field', 'label']);
    expect(rows.sort()).toEqual([[work[0]!.hitId, 'label', 'cat'], [work[5]!.hitId, 'label', 'dog']].sort());
  });

  it('writes the doubtful HITs only with --below, and that file adds assignments to exactly them through the engine', async () => {
    const file = join(dataDir, 'disputed.csv');
    const ran = await turkbench('review', 'agreement', '--hit-type', hitTypeId, '--method', 'mv', '--below', '70%', '--out', file);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain('1 of 2 HIT labels below 70% confidence.');
    const added = await turkbench('hits', 'add-assignments', '--count', '1', '--from-file', file, '--yes');
    expect(added.code).toBe(0);
    expect(added.stderr).toMatch(/Cost: \$0\.50 in rewards \+ \$0\.10 MTurk fees = \$0\.60/);
    const maxOf = async (hitId: string): Promise<number> => (await lab.client.send(new GetHITCommand({ HITId: hitId }))).HIT!.MaxAssignments!;
    expect([await maxOf(work[0]!.hitId), await maxOf(work[5]!.hitId)]).toEqual([5, 6]);
  });

  it('lists the queue rows that disagree with the other workers on their HIT', async () => {
    const ran = await turkbench('review', 'list', '--agreement-below', '50%', '--json');
    expect(ran.code).toBe(0);
    const rows = JSON.parse(ran.stdout) as { assignmentId: string; quality: { agreement: number; gold: null } }[];
    // Worker 3 says "dog" on the cat HIT; workers 2 and 4 say "bird" and "cat" on the dog HIT.
    expect(rows.map((r) => r.assignmentId).sort()).toEqual([work[3]!, work[7]!, work[9]!].map((w) => w.assignmentId).sort());
    expect(rows.find((r) => r.assignmentId === work[3]!.assignmentId)!.quality).toEqual({ agreement: 0, gold: null });
    expect((await turkbench('review', 'list', '--gold-below', '2')).stderr).toContain('--gold-below 2: give a share from 0 to 1');
  });

  it('refuses a call without a scope, a bad method and an unknown HIT type', async () => {
    expect((await turkbench('review', 'agreement')).stderr).toContain('Name either --batch ID or --hit-type ID.');
    expect((await turkbench('review', 'agreement', '--hit-type', hitTypeId, '--method', 'vote')).stderr).toContain('--method vote: use mv');
    expect((await turkbench('review', 'agreement', '--hit-type', 'NOSUCHTYPE')).stderr).toContain('No assignment of HIT type NOSUCHTYPE is archived');
  });
});

describe('turkbench review apply (the website review format)', { timeout: 90_000 }, () => {
  const header = 'HITId,HITTypeId,AssignmentId,WorkerId,AssignmentStatus,Answer.label,Approve,Reject';
  const row = (i: number, approve: string, reject: string): string => {
    const w = work[i]!;
    return `${w.hitId},${hitTypeId},${w.assignmentId},${w.workerId},Submitted,${LABELS[Math.floor(i / 5)]![i % 5]},${approve},${reject}`;
  };

  it('lists every bad row (unknown or no longer submitted assignments) and sends nothing', async () => {
    expect((await turkbench('review', 'approve', work[9]!.assignmentId, '--yes')).code).toBe(0);
    const bad = csvFile('bad.csv', [header, row(0, 'x', ''), `${work[0]!.hitId},${hitTypeId},A0000000000000000000000UNKNOWN,W1,Submitted,cat,x,`, row(9, '', 'Wrong'), row(1, 'ok', '')]);
    const ran = await turkbench('review', 'apply', bad, '--yes');
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain(`bad.csv: Row 3, column AssignmentId: A0000000000000000000000UNKNOWN is not an assignment of Lab in the archive`);
    expect(ran.stderr).toContain(`bad.csv: Row 4, column AssignmentId: ${work[9]!.assignmentId} is Approved, not Submitted: it cannot be rejected.`);
    expect(ran.stderr).toContain('bad.csv: Row 5, column Approve: "ok": mark x to approve');
    expect(ran.stderr).toContain('Nothing was sent');
    expect(await statusOf(work[0]!.assignmentId)).toBe('Submitted');
  });

  it('shows what it will do, asks, then approves and rejects with the reason in one journaled job', async () => {
    const good = csvFile('good.csv', [header, row(0, 'x', ''), row(1, 'x', ''), row(3, '', '"Not a dog, please look again"'), row(2, '', '')]);
    const unconfirmed = await turkbench('review', 'apply', good);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toContain('Approve 2, reject 1 on Lab: 3 assignment(s) of 3 worker(s); 0 left alone.');
    expect(await statusOf(work[0]!.assignmentId)).toBe('Submitted');

    const applied = await turkbench('review', 'apply', good, '--yes', '--json');
    expect(applied.code).toBe(0);
    expect(applied.stderr).toContain('1 row(s) with neither Approve nor Reject are left alone.');
    expect(JSON.parse(applied.stdout)).toMatchObject({ plan: { approve: 2, reject: 1 }, job: { state: 'succeeded', done: 3, failed: 0 } });
    expect([await statusOf(work[0]!.assignmentId), await statusOf(work[1]!.assignmentId), await statusOf(work[2]!.assignmentId), await statusOf(work[3]!.assignmentId)]).toEqual(['Approved', 'Approved', 'Submitted', 'Rejected']);
    const rejected = await lab.client.send(new GetAssignmentCommand({ AssignmentId: work[3]!.assignmentId }));
    expect(rejected.Assignment!.RequesterFeedback).toBe('Not a dog, please look again');

    // Applying the same file again: its assignments are decided, so every row is reported and nothing is sent.
    const again = await turkbench('review', 'apply', good, '--yes');
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`Row 2, column AssignmentId: ${work[0]!.assignmentId} is Approved, not Submitted`);
  });

  it('reads a file Excel saved as Windows-1252, says so, and sends the accented reason intact', async () => {
    const file = join(dataDir, 'excel.csv');
    writeFileSync(file, Buffer.from(`${header}\r\n${row(4, '', '"Réponse incomplète, merci"')}\r\n`, 'latin1'));
    const applied = await turkbench('review', 'apply', file, '--yes');
    expect(applied.code).toBe(0);
    expect(applied.stderr).toContain(`${file}: Read as Windows-1252 (Western European): the file is not UTF-8.`);
    const rejected = await lab.client.send(new GetAssignmentCommand({ AssignmentId: work[4]!.assignmentId }));
    expect(rejected.Assignment).toMatchObject({ AssignmentStatus: 'Rejected', RequesterFeedback: 'Réponse incomplète, merci' });
  });
});
