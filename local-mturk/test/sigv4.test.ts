/**
 * SigV4 as botocore / the AWS CLI sign (content-type;host;x-amz-date;x-amz-target, no x-amz-content-sha256),
 * produced by an independent signer written here from the SigV4 definition. The server's real time is pinned to
 * 2026-11-23 12:00:00 UTC so the ±15-minute window can be probed to the second.
 */
import { createHash, createHmac } from 'node:crypto';
import { GetAccountBalanceCommand } from '@aws-sdk/client-mturk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalMTurk } from '../src/index';
import { startTestServer } from './helpers';

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);
const MINUTE = 60_000;

let server: LocalMTurk;
beforeAll(
  async () =>
    ({ server } = await startTestServer({ credentials: [{ accessKeyId: 'AKIABOTO', secretAccessKey: 'wJal/rXUtnFEMI+K7MDENG' }], wallClock: () => NOW })),
);
afterAll(() => server.close());

const sha = (data: string): string => createHash('sha256').update(data, 'utf8').digest('hex');
const mac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data, 'utf8').digest();
const amzDateOf = (ms: number): string => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

interface SignOptions {
  operation: string;
  body: string;
  secret?: string;
  region?: string;
  service?: string;
  signedBody?: string;
  /** When the request is signed (default: the server's now). */
  signedAt?: number;
  /** Lower-case names of the headers to sign (default: all four botocore signs). */
  sign?: string[];
}

function botocoreRequest(o: SignOptions): { headers: Record<string, string>; body: string } {
  const amzDate = amzDateOf(o.signedAt ?? NOW);
  const date = amzDate.slice(0, 8);
  const region = o.region ?? 'us-east-1';
  const service = o.service ?? 'mturk-requester';
  const headers: Record<string, string> = {
    'Content-Type': 'application/x-amz-json-1.1',
    Host: new URL(server.url).host,
    'X-Amz-Date': amzDate,
    'X-Amz-Target': `MTurkRequesterServiceV20170117.${o.operation}`,
  };
  const names = o.sign ?? Object.keys(headers).map((h) => h.toLowerCase()).sort();
  const value = (name: string): string => Object.entries(headers).find(([h]) => h.toLowerCase() === name)![1];
  const canonical = ['POST', '/', '', names.map((n) => `${n}:${value(n)}\n`).join(''), names.join(';'), sha(o.signedBody ?? o.body)].join('\n');
  const scope = `${date}/${region}/${service}/aws4_request`;
  const key = mac(mac(mac(mac(`AWS4${o.secret ?? 'wJal/rXUtnFEMI+K7MDENG'}`, date), region), service), 'aws4_request');
  const signature = createHmac('sha256', key).update(['AWS4-HMAC-SHA256', amzDate, scope, sha(canonical)].join('\n')).digest('hex');
  headers.Authorization = `AWS4-HMAC-SHA256 Credential=AKIABOTO/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`;
  return { headers, body: o.body };
}

async function sendSigned(headers: Record<string, string>, body: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(server.url, { method: 'POST', headers, body });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

const send = (o: SignOptions): Promise<{ status: number; json: Record<string, unknown> }> => {
  const { headers, body } = botocoreRequest(o);
  return sendSigned(headers, body);
};

describe('SigV4 verification', () => {
  it('accepts botocore-style signatures, any region, non-ASCII bodies and secrets with / and +', async () => {
    expect((await send({ operation: 'GetAccountBalance', body: '{}' })).status).toBe(200);
    expect((await send({ operation: 'GetAccountBalance', body: '{}', region: 'sandbox' })).status).toBe(200);
    const block = await send({ operation: 'CreateWorkerBlock', body: JSON.stringify({ WorkerId: 'AWORKER1', Reason: 'Spam — ünïcode ✓' }) });
    expect(block).toEqual({ status: 200, json: {} });
  });

  it('refuses a body that differs from the signed one, a wrong secret and another service', async () => {
    const tampered = await send({ operation: 'GetAccountBalance', body: '{ }', signedBody: '{}' });
    expect(tampered).toMatchObject({ status: 400, json: { __type: 'InvalidSignatureException' } });
    const wrongSecret = await send({ operation: 'GetAccountBalance', body: '{}', secret: 'other' });
    expect(wrongSecret.json.__type).toBe('InvalidSignatureException');
    const otherService = await send({ operation: 'GetAccountBalance', body: '{}', service: 'sqs' });
    expect(otherService.json).toEqual({ __type: 'InvalidSignatureException', message: "Credential should be scoped to correct service: 'mturk-requester'." });
  });

  it('refuses a malformed Authorization header', async () => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'X-Amz-Target': 'MTurkRequesterServiceV20170117.ListHITs', Authorization: 'AWS4-HMAC-SHA256 garbage' },
      body: '{}',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { __type: string }).__type).toBe('IncompleteSignatureException');
  });

  it('accepts signatures made up to 15 minutes either side of the server\'s real time, and refuses older or newer ones', async () => {
    for (const signedAt of [NOW - 15 * MINUTE, NOW + 15 * MINUTE]) {
      expect((await send({ operation: 'GetAccountBalance', body: '{}', signedAt })).status).toBe(200);
    }
    const expired = await send({ operation: 'GetAccountBalance', body: '{}', signedAt: NOW - 15 * MINUTE - 1000 });
    expect(expired).toEqual({
      status: 400,
      json: {
        __type: 'InvalidSignatureException',
        message: 'Signature expired: 20261123T114459Z is now earlier than 20261123T114500Z (20261123T120000Z - 15 min.)',
      },
    });
    const early = await send({ operation: 'GetAccountBalance', body: '{}', signedAt: NOW + 15 * MINUTE + 1000 });
    expect(early.json).toEqual({
      __type: 'InvalidSignatureException',
      message: 'Signature not yet current: 20261123T121501Z is still later than 20261123T121500Z (20261123T120000Z + 15 min.)',
    });
    for (const year of [2019, 2099]) {
      const stale = await send({ operation: 'GetAccountBalance', body: '{}', signedAt: Date.UTC(year, 0, 1) });
      expect(stale).toMatchObject({ status: 400, json: { __type: 'InvalidSignatureException' } });
    }
  });

  it('requires host and x-amz-target among the signed headers, so a captured request cannot be replayed as another operation', async () => {
    const dateOnly = await send({ operation: 'GetAccountBalance', body: '{}', sign: ['x-amz-date'] });
    expect(dateOnly.json).toEqual({
      __type: 'IncompleteSignatureException',
      message: "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
    });
    const captured = botocoreRequest({ operation: 'GetAccountBalance', body: '{}', sign: ['host', 'x-amz-date'] });
    const replayed = { ...captured.headers, 'X-Amz-Target': 'MTurkRequesterServiceV20170117.ListWorkerBlocks' };
    expect(await sendSigned(replayed, captured.body)).toEqual({
      status: 400,
      json: { __type: 'IncompleteSignatureException', message: "'X-Amz-Target' must be a 'SignedHeader' in the AWS Authorization." },
    });
    const signedTarget = botocoreRequest({ operation: 'GetAccountBalance', body: '{}' });
    const retargeted = { ...signedTarget.headers, 'X-Amz-Target': 'MTurkRequesterServiceV20170117.ListWorkerBlocks' };
    expect((await sendSigned(retargeted, signedTarget.body)).json.__type).toBe('InvalidSignatureException');
  });

  it('refuses a request without X-Amz-Date or with a malformed one', async () => {
    const { headers, body } = botocoreRequest({ operation: 'GetAccountBalance', body: '{}' });
    const withoutDate = Object.fromEntries(Object.entries(headers).filter(([name]) => name !== 'X-Amz-Date'));
    expect((await sendSigned(withoutDate, body)).json).toEqual({
      __type: 'IncompleteSignatureException',
      message: "Authorization header requires existence of an 'X-Amz-Date' header.",
    });
    for (const malformed of ['2026-11-23T12:00:00Z', '20261123T126100Z']) {
      expect((await sendSigned({ ...headers, 'X-Amz-Date': malformed }, body)).json).toEqual({
        __type: 'IncompleteSignatureException',
        message: `X-Amz-Date must be in the ISO-8601 basic format YYYYMMDD'T'HHMMSS'Z'; got '${malformed}'.`,
      });
    }
  });
});

describe('SigV4 with the real clock', () => {
  it('accepts the AWS SDK for JavaScript, which signs with the current time', async () => {
    const { server: live, client } = await startTestServer();
    try {
      expect((await client.send(new GetAccountBalanceCommand({}))).AvailableBalance).toBe('10000.00');
    } finally {
      await live.close();
    }
  });
});
