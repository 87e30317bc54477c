import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetQualificationScoreCommand } from '@aws-sdk/client-mturk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBuiltCli, runTurkbench, type Ran } from './run-turkbench';
import { createHit, startTestServer, type TestServer } from '../../../local-mturk/test/helpers';
import { buildTestXml } from '../../../shared/qualifications/test-xml';

let lab: TestServer;
let dataDir: string;
let hitTypeId: string;
const participants: string[] = [];

const labKeys = (): Record<string, string> => ({ AWS_ACCESS_KEY_ID: lab.server.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: lab.server.credentials.secretAccessKey });
const turkbench = (...args: string[]): Promise<Ran> => runTurkbench(['--data-dir', dataDir, ...args], labKeys());

beforeAll(async () => {
  requireBuiltCli();
  lab = await startTestServer();
  const hit = await createHit(lab.client, { MaxAssignments: 3 });
  hitTypeId = hit.HITTypeId!;
  for (let i = 0; i < 2; i++) {
    const { workerId } = lab.server.control.createWorker({ country: 'US' });
    lab.server.control.submit(lab.server.control.accept(workerId, hit.HITId!).AssignmentId, { label: `answer ${i}` });
    participants.push(workerId);
  }
  dataDir = mkdtempSync(join(tmpdir(), 'tb-cli-exclude-'));
  expect((await turkbench('connections', 'add', '--name', 'Lab', '--endpoint', lab.server.url, '--requests-per-second', '100')).code).toBe(0);
  expect((await turkbench('connections', 'use', 'Lab')).code).toBe(0);
  expect((await turkbench('sync', '--full')).code).toBe(0);
}, 60_000);
afterAll(() => lab.server.close());

describe('turkbench exclude and a built test', { timeout: 90_000 }, () => {
  it('excludes the submitters of a HIT type into a type, asks first, and exports the registry', async () => {
    const created = await turkbench('quals', 'create', '--name', 'Pilot participants', '--description', 'Took part in the pilot', '--json');
    expect(created.code).toBe(0);
    const typeId = (JSON.parse(created.stdout) as { qualificationTypeId: string }).qualificationTypeId;

    const unconfirmed = await turkbench('exclude', '--from-hit-type', hitTypeId, '--into-type', typeId);
    expect(unconfirmed).toMatchObject({ code: 2, stderr: expect.stringContaining('Add --yes to confirm') });
    const done = await turkbench('exclude', '--from-hit-type', hitTypeId, '--into-type', typeId, '--always', '--yes');
    expect(done.code).toBe(0);
    expect(done.stderr).toContain('2 worker(s) took part in hit-type');
    for (const workerId of participants) {
      const { Qualification } = await lab.client.send(new GetQualificationScoreCommand({ QualificationTypeId: typeId, WorkerId: workerId }));
      expect(Qualification?.IntegerValue).toBe(1);
    }
    expect((await turkbench('exclude', 'rules')).stdout).toContain(hitTypeId);
    const out = join(dataDir, 'registry.csv');
    expect((await turkbench('exclude', 'registry', 'export', '--out', out)).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(`study,worker_id\r\n${[...participants].sort().map((w) => `Pilot participants,${w}\r\n`).join('')}`);
    expect(await turkbench('exclude', '--from-batch', 'B1', '--from-hit-type', hitTypeId, '--into-type', typeId)).toMatchObject({ code: 2, stderr: expect.stringContaining('exactly one of') });
  });

  it('creates a type with a test made by the test builder; Local MTurk scores it as the answer key says', async () => {
    const built = buildTestXml({
      title: 'Quiz',
      overview: '',
      questions: [{ id: 'q1', text: '2 + 2?', style: 'dropdown', options: [{ id: 'four', text: '4', score: 3 }, { id: 'five', text: '5', score: -1 }] }],
      mapping: { kind: 'scale', multiplier: 2 },
    });
    if (!built.ok) throw new Error('the test does not build');
    writeFileSync(join(dataDir, 'test.xml'), built.value.test);
    writeFileSync(join(dataDir, 'key.xml'), built.value.answerKey);
    const created = await turkbench('quals', 'create', '--name', 'Arithmetic', '--description', 'Adds', '--test-file', join(dataDir, 'test.xml'), '--answer-key-file', join(dataDir, 'key.xml'), '--test-duration', '300', '--json');
    expect(created.code).toBe(0);
    const typeId = (JSON.parse(created.stdout) as { qualificationTypeId: string }).qualificationTypeId;
    const [right, wrong] = [lab.server.control.createWorker().workerId, lab.server.control.createWorker().workerId];
    expect(lab.server.control.requestQualification(right, typeId, { q1: ['four'] })).toMatchObject({ outcome: 'Granted', integerValue: 6 });
    expect(lab.server.control.requestQualification(wrong, typeId, { q1: ['five'] })).toMatchObject({ outcome: 'Granted', integerValue: -2 });
  });
});
