import { mkdtempSync } from 'node:fs';
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
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:turk-topic';

describe('turkbench notifications', { timeout: 120_000 }, () => {
  it('refuses a wrong destination in words, sets a topic, switches it off and sends a test event', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tb-cli-notifications-'));
    const tb = (...args: string[]): Promise<Ran> => runTurkbench(['--data-dir', dataDir, ...args], keys());
    expect((await tb('connections', 'add', '--name', 'Lab', '--endpoint', lab.server.url, '--requests-per-second', '100')).code).toBe(0);
    expect((await tb('connections', 'use', 'Lab')).code).toBe(0);
    const hit = await createHit(lab.client);
    expect((await tb('sync')).code).toBe(0);
    const type = hit.HITTypeId!;

    const wrong = await tb('notifications', 'set', '--hit-type-id', type, '--transport', 'SNS', '--destination', 'https://sqs.us-east-1.amazonaws.com/123456789012/q', '--events', 'AssignmentSubmitted,Pong');
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain('is not an SNS topic ARN');
    expect(wrong.stderr).toContain('Unknown event type: Pong.');
    expect(lab.server.control.events()).toEqual([]);

    const set = await tb('notifications', 'set', '--hit-type-id', type, '--transport', 'SNS', '--destination', TOPIC, '--events', 'AssignmentSubmitted,HITReviewable', '--json');
    expect(set.code).toBe(0);
    expect(JSON.parse(set.stdout)).toMatchObject({ destination: TOPIC, transport: 'SNS', active: true, eventTypes: ['AssignmentSubmitted', 'HITReviewable'] });
    const listed = await tb('notifications', 'list');
    expect(listed.stdout).toContain(`on: SNS ${TOPIC} (AssignmentSubmitted, HITReviewable)`);

    expect((await tb('notifications', 'off', '--hit-type-id', type)).stdout).toContain('are off');
    expect((await tb('notifications', 'list', '--json')).stdout).toContain('"active": false');
    expect((await tb('notifications', 'test', '--hit-type-id', type, '--event', 'AssignmentSubmitted')).code).toBe(0);
    expect(lab.server.control.events()).toEqual([expect.objectContaining({ eventType: 'AssignmentSubmitted', destination: TOPIC, test: true })]);
  });
});
