/**
 * SigV4 as botocore / the AWS CLI sign (content-type;host;x-amz-date;x-amz-target, no x-amz-content-sha256),
 * produced by an independent signer written here from the SigV4 definition.
 */
import { createHash, createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalMTurk } from '../src/index';
import { startTestServer } from './helpers';

let server: LocalMTurk;
beforeAll(async () => ({ server } = await startTestServer({ credentials: [{ accessKeyId: 'AKIABOTO', secretAccessKey: 'wJal/rXUtnFEMI+K7MDENG' }] })));
afterAll(() => server.close());

const sha = (data: string): string => createHash('sha256').update(data, 'utf8').digest('hex');
const mac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data, 'utf8').digest();

interface SignOptions {
  operation: string;
  body: string;
  secret?: string;
  region?: string;
  service?: string;
  signedBody?: string;
}

function botocoreRequest(o: SignOptions): { headers: Record<string, string>; body: string } {
  const amzDate = '20261123T120000Z';
  const date = amzDate.slice(0, 8);
  const region = o.region ?? 'us-east-1';
  const service = o.service ?? 'mturk-requester';
  const headers: Record<string, string> = {
    'Content-Type': 'application/x-amz-json-1.1',
    Host: new URL(server.url).host,
    'X-Amz-Date': amzDate,
    'X-Amz-Target': `MTurkRequesterServiceV20170117.${o.operation}`,
  };
  const names = Object.keys(headers).map((h) => h.toLowerCase()).sort();
  const value = (name: string): string => Object.entries(headers).find(([h]) => h.toLowerCase() === name)![1];
  const canonical = ['POST', '/', '', names.map((n) => `${n}:${value(n)}\n`).join(''), names.join(';'), sha(o.signedBody ?? o.body)].join('\n');
  const scope = `${date}/${region}/${service}/aws4_request`;
  const key = mac(mac(mac(mac(`AWS4${o.secret ?? 'wJal/rXUtnFEMI+K7MDENG'}`, date), region), service), 'aws4_request');
  const signature = createHmac('sha256', key).update(['AWS4-HMAC-SHA256', amzDate, scope, sha(canonical)].join('\n')).digest('hex');
  headers.Authorization = `AWS4-HMAC-SHA256 Credential=AKIABOTO/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`;
  return { headers, body: o.body };
}

async function send(o: SignOptions): Promise<{ status: number; json: Record<string, unknown> }> {
  const { headers, body } = botocoreRequest(o);
  const response = await fetch(server.url, { method: 'POST', headers, body });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

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
});
