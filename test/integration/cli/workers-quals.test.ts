import { ApproveAssignmentCommand, ListAssignmentsForHITCommand } from '@aws-sdk/client-mturk';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHit, startTestServer, type TestServer } from '../../../local-mturk/test/helpers';
import { requireBuiltCli, runTurkbench, type Ran } from './run-turkbench';

let lab: TestServer;
beforeAll(async () => {
  requireBuiltCli();
  lab = await startTestServer();
});
afterAll(() => lab.server.close());

const keys = (): Record<string, string> => ({ AWS_ACCESS_KEY_ID: lab.server.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: lab.server.credentials.secretAccessKey });

describe('turkbench workers | message | quals', { timeout: 180_000 }, () => {
  it('lists workers, shows a dossier, soft-blocks, notes, messages, and administers a qualification end to end', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tb-cli-workers-'));
    const tb = (...args: string[]): Promise<Ran> => runTurkbench(['--data-dir', dataDir, ...args], keys());
    const json = <T>(ran: Ran): T => {
      expect(ran.stderr).not.toMatch(/unexpected problem/);
      expect(ran.code).toBe(0);
      return JSON.parse(ran.stdout) as T;
    };
    expect((await tb('connections', 'add', '--name', 'Lab', '--endpoint', lab.server.url, '--requests-per-second', '100')).code).toBe(0);
    expect((await tb('connections', 'use', 'Lab')).code).toBe(0);

    const hit = await createHit(lab.client, { MaxAssignments: 3 });
    lab.server.control.setTruth(hit.HITId!, { label: 'cat' });
    await lab.server.control.simulate({ workers: 10, seed: 5, until: 'done' });
    const { Assignments = [] } = await lab.client.send(new ListAssignmentsForHITCommand({ HITId: hit.HITId! }));
    for (const a of Assignments) await lab.client.send(new ApproveAssignmentCommand({ AssignmentId: a.AssignmentId! }));
    const crowd = Assignments.map((a) => a.WorkerId!).sort();
    expect(crowd).toHaveLength(3);
    expect((await tb('sync')).code).toBe(0);

    const listed = json<{ workerId: string; approved: number; approvalRatePercent: number; earnedCents: number }[]>(await tb('workers', 'list', '--json'));
    expect(listed.map((w) => w.workerId)).toEqual(crowd);
    expect(listed[0]).toMatchObject({ approved: 1, approvalRatePercent: 100, earnedCents: 50 });
    expect((await tb('workers', 'list', '--search', crowd[1]!.slice(0, 12))).stdout).toContain(crowd[1]);

    // Gold and agreement across the archive: this HIT has no gold column, and no one can agree more often than they answered.
    const quality = json<{ workerId: string; labels: number; agreed: number; goldAnswers: number }[]>(await tb('workers', 'quality', '--json'));
    for (const q of quality) expect(crowd.includes(q.workerId) && q.agreed <= q.labels && q.goldAnswers === 0).toBe(true);
    expect((await tb('workers', 'quality')).stdout).toMatch(quality.length ? /WORKER ID\s+LABELS\s+AGREES WITH CONSENSUS\s+RIGHT ON GOLD/ : /No worker has categorical answers/);

    const [first, second, third] = crowd as [string, string, string];
    const blocked = await tb('workers', 'block', first, '--reason', 'Pilot participant', '--soft', '--json');
    expect(blocked.code).toBe(0);
    expect((await tb('workers', 'note', first, 'Fast and careful')).code).toBe(0);
    expect(json<string[]>(await tb('workers', 'tag', first, 'pilot', 'careful', 'pilot', '--json'))).toEqual(['careful', 'pilot']);
    // The app's limit holds from the CLI too: more tags than the app could ever save back are refused.
    const many = await tb('workers', 'tag', first, ...Array.from({ length: 51 }, (_, i) => `t${i}`));
    expect(many).toMatchObject({ code: 2 });
    expect(many.stderr).toContain('A worker has at most 50 tags; these are 51.');
    const dossier = json<{ softBlocked: boolean; assignments: { status: string; answers: Record<string, string> }[]; notes: { kind: string; text: string }[] }>(await tb('workers', 'show', first, '--json'));
    expect(dossier).toMatchObject({ tags: ['careful', 'pilot'], softBlocked: true, assignments: [{ status: 'Approved' }], notes: [{ kind: 'soft-block', text: 'Pilot participant' }, { kind: 'note', text: 'Fast and careful' }] });
    const shown = await tb('workers', 'show', first);
    expect(shown.stdout).toMatch(/soft-blocked/);
    expect(shown.stdout).toMatch(/Fast and careful/);

    // Messages: refused before sending when over the limit, asked for confirmation, then every delivery stored.
    const workersFile = join(dataDir, 'workers.txt');
    writeFileSync(workersFile, `${crowd.join('\n')}\nA0000NOBODY00\n`);
    const body = join(dataDir, 'body.txt');
    writeFileSync(body, 'Hello {worker_id}, thank you.\n');
    expect(await tb('message', 'send', '--workers-file', workersFile, '--subject', 'x'.repeat(201), '--body-file', body, '--yes')).toMatchObject({ code: 2, stderr: expect.stringMatching(/201 characters; MTurk allows at most 200/) });
    expect(await tb('message', 'send', '--workers-file', workersFile, '--subject', 'Thanks', '--body-file', body)).toMatchObject({ code: 2, stderr: expect.stringMatching(/--yes/) });
    const sent = await tb('message', 'send', '--workers-file', workersFile, '--subject', 'Thanks', '--body-file', body, '--yes');
    expect(sent.code).toBe(0);
    expect(sent.stderr).toMatch(/Message 4 worker\(s\) on Lab in 4 NotifyWorkers call\(s\)/);
    expect((await tb('workers', 'show', second)).stdout).toMatch(/"Thanks"\s+Sent/);

    // A qualification: create, grant from a website-style CSV with scores, revoke, answer a request, delete.
    const type = json<{ qualificationTypeId: string }>(await tb('quals', 'create', '--name', 'Careful', '--description', 'Passed our check', '--json'));
    expect((await tb('quals', 'list')).stdout).toContain(type.qualificationTypeId);
    expect(await tb('quals', 'create', '--name', 'Careful', '--description', 'Again')).toMatchObject({ code: 1, stderr: expect.stringMatching(/named "Careful" already exists/) });
    const scores = join(dataDir, 'scores.csv');
    writeFileSync(scores, `Worker ID,UPDATE-Careful\n${first},80\n${second},65\n`);
    expect((await tb('quals', 'grant', '--type', type.qualificationTypeId, '--workers-file', scores)).code).toBe(0);
    expect(json<{ qualifications: { qualificationTypeId: string; integerValue: number }[] }>(await tb('workers', 'show', second, '--json')).qualifications).toContainEqual(expect.objectContaining({ qualificationTypeId: type.qualificationTypeId, integerValue: 65 }));
    expect((await tb('quals', 'revoke', '--type', type.qualificationTypeId, second)).code).toBe(0);
    expect(json<{ qualifications: { qualificationTypeId: string; status: string }[] }>(await tb('workers', 'show', second, '--json')).qualifications).toContainEqual(expect.objectContaining({ qualificationTypeId: type.qualificationTypeId, status: 'Revoked' }));
    const badFile = join(dataDir, 'bad.csv');
    writeFileSync(badFile, `Worker ID\n${first}\nnot an id\n`);
    expect(await tb('quals', 'grant', '--type', type.qualificationTypeId, '--workers-file', badFile, '--score', '1')).toMatchObject({ code: 2, stderr: expect.stringMatching(/bad\.csv, line 3: "not an id" is not a worker id/) });

    const asked = lab.server.control.requestQualification(third, type.qualificationTypeId);
    expect(asked.outcome).toBe('Pending');
    expect((await tb('sync')).code).toBe(0);
    const requests = json<{ qualificationRequestId: string; workerId: string }[]>(await tb('quals', 'requests', '--type', type.qualificationTypeId, '--json'));
    expect(requests).toEqual([expect.objectContaining({ qualificationRequestId: asked.qualificationRequestId, workerId: third })]);
    expect((await tb('quals', 'accept', asked.qualificationRequestId, '--score', '90')).code).toBe(0);
    expect(json<unknown[]>(await tb('quals', 'requests', '--json'))).toEqual([]);
    expect(json<{ qualifications: { qualificationTypeId: string; integerValue: number }[] }>(await tb('workers', 'show', third, '--json')).qualifications).toContainEqual(expect.objectContaining({ qualificationTypeId: type.qualificationTypeId, integerValue: 90 }));

    const deleted = await tb('quals', 'delete', type.qualificationTypeId, '--yes');
    expect(deleted).toMatchObject({ code: 0, stdout: expect.stringContaining('No archived HIT type or open HIT requires it') });
    expect((await tb('quals', 'list')).stdout).not.toContain(type.qualificationTypeId);
  });
});
