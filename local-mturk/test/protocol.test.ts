import { GetAccountBalanceCommand, GetHITCommand, ListHITsCommand, MTurkClient, RequestError } from '@aws-sdk/client-mturk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalMTurk } from '../src/index';
import { clientFor, createHit, hitInput, rejection, startTestServer } from './helpers';

const TARGET = 'MTurkRequesterServiceV20170117.';

describe('wire protocol (signed, real SDK)', () => {
  let server: LocalMTurk;
  let client: MTurkClient;
  beforeAll(async () => ({ server, client } = await startTestServer()));
  afterAll(() => server.close());

  it('answers a signed call with JSON 1.1, a request id and a Date header', async () => {
    const response = await client.send(new GetAccountBalanceCommand({}));
    expect(response.AvailableBalance).toBe('10000.00');
    expect(response.$metadata.httpStatusCode).toBe(200);
    expect(response.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('hands the SDK timestamps it parses as dates', async () => {
    const hit = await createHit(client);
    expect(hit.CreationTime).toBeInstanceOf(Date);
    expect(Math.abs((hit.CreationTime as Date).getTime() - server.clock.now())).toBeLessThan(5_000);
  });

  it('renders a RequestError with TurkErrorCode and an epoch-ms stamped message', async () => {
    const error = await rejection(client.send(new GetHITCommand({ HITId: '3NOSUCHHIT' })));
    expect(error).toBeInstanceOf(RequestError);
    expect(error.TurkErrorCode).toBe('AWS.MechanicalTurk.HITDoesNotExist');
    expect(error.message).toMatch(/^Hit 3NOSUCHHIT does not exist\. \(\d{13}\)$/);
    expect((error.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(400);
  });

  it('refuses an invalid member with the validator message', async () => {
    const error = await rejection(client.send(new GetHITCommand({ HITId: 'abc' })));
    expect(error.name).toBe('RequestError');
    expect(error.message).toContain("'hITId'");
  });

  it('refuses an unknown access key with UnrecognizedClientException', async () => {
    const stranger = clientFor(server, { accessKeyId: 'AKIAUNKNOWN000000000', secretAccessKey: 'x'.repeat(40) });
    const error = await rejection(stranger.send(new ListHITsCommand({})));
    expect(error.name).toBe('UnrecognizedClientException');
    expect(error.message).toBe('The security token included in the request is invalid.');
  });

  it('refuses a bad signature with InvalidSignatureException', async () => {
    const forger = clientFor(server, { accessKeyId: server.credentials.accessKeyId, secretAccessKey: 'wrong'.repeat(8) });
    const error = await rejection(forger.send(new ListHITsCommand({})));
    expect(error.name).toBe('InvalidSignatureException');
    expect(error.message).toContain('The request signature we calculated does not match');
  });

  it('signs correctly in the sandbox pseudo-region too', async () => {
    const sandbox = new MTurkClient({ region: 'sandbox', endpoint: server.url, credentials: { ...server.credentials }, maxAttempts: 1 });
    await expect(sandbox.send(new GetAccountBalanceCommand({}))).resolves.toMatchObject({ AvailableBalance: expect.any(String) });
  });

  it('refuses an unsigned request', async () => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'X-Amz-Target': `${TARGET}ListHITs`, 'Content-Type': 'application/x-amz-json-1.1' },
      body: '{}',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { __type: string }).__type).toBe('MissingAuthenticationTokenException');
  });
});

describe('wire framing (signature checks off)', () => {
  let server: LocalMTurk;
  beforeAll(async () => ({ server } = await startTestServer({ verifySignatures: false })));
  afterAll(() => server.close());

  const post = (headers: Record<string, string>, body: string): Promise<Response> =>
    fetch(server.url, { method: 'POST', headers: { 'Content-Type': 'application/x-amz-json-1.1', ...headers }, body });

  it('routes on the target header whatever its case', async () => {
    for (const name of ['X-Amz-Target', 'x-amz-target', 'X-AMZ-TARGET']) {
      const response = await post({ [name]: `${TARGET}GetAccountBalance` }, '{}');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/x-amz-json-1.1');
      expect(response.headers.get('x-amzn-requestid')).toBeTruthy();
      expect(response.headers.get('date')).toBeTruthy();
    }
  });

  it('emits timestamps as epoch-second numbers, money as two-decimal strings and no nulls', async () => {
    const response = await post(
      { 'X-Amz-Target': `${TARGET}CreateHIT` },
      JSON.stringify(hitInput({ Reward: '1.5', Keywords: undefined })),
    );
    const { HIT: hit } = (await response.json()) as { HIT: Record<string, unknown> };
    expect(typeof hit.CreationTime).toBe('number');
    expect(hit.CreationTime).toBeGreaterThan(1_600_000_000);
    expect(hit.CreationTime).toBeLessThan(10_000_000_000);
    expect(hit.Expiration).toBe((hit.CreationTime as number) + 3600);
    expect(hit.Reward).toBe('1.50');
    expect(hit.MaxAssignments).toBe(3);
    expect(hit).not.toHaveProperty('Keywords');
    expect(JSON.stringify(hit)).not.toContain('null');
  });

  it('accepts an empty body as {}', async () => {
    const response = await post({ 'X-Amz-Target': `${TARGET}ListWorkerBlocks` }, '');
    expect(await response.json()).toEqual({ NumResults: 0, WorkerBlocks: [] });
  });

  it('answers an unknown or missing operation with UnknownOperationException', async () => {
    for (const headers of [{ 'X-Amz-Target': `${TARGET}LaunchRocket` }, {}] as Record<string, string>[]) {
      const response = await post(headers, '{}');
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ __type: 'UnknownOperationException' });
    }
  });

  it('answers malformed JSON with SerializationException', async () => {
    for (const body of ['{"HITId":', '[1,2]']) {
      const response = await post({ 'X-Amz-Target': `${TARGET}GetHIT` }, body);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { __type: string }).__type).toBe('SerializationException');
    }
  });

  it('refuses a body that is not UTF-8 rather than storing replacement characters', async () => {
    const bytes = Buffer.concat([Buffer.from('{"Name":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('","Description":"d","QualificationTypeStatus":"Active"}')]);
    const response = await fetch(server.url, { method: 'POST', headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': `${TARGET}CreateQualificationType` }, body: bytes });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ __type: 'SerializationException', message: 'The request body is not valid UTF-8.' });
  });

  it('answers a member nested thousands of levels deep with RequestError, not ServiceFault', async () => {
    const response = await post({ 'X-Amz-Target': `${TARGET}GetHIT` }, `{"HITId":${'['.repeat(10_000)}${']'.repeat(10_000)}}`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { __type: string }).__type).toBe('RequestError');
  });

  it('reports missing required members as RequestError', async () => {
    const response = await post({ 'X-Amz-Target': `${TARGET}CreateHIT` }, '{}');
    const body = (await response.json()) as Record<string, string>;
    expect(response.status).toBe(400);
    expect(body.__type).toBe('RequestError');
    expect(body.TurkErrorCode).toMatch(/^AWS\./);
    expect(body.Message).toMatch(/\(\d{13}\)$/);
  });
});
