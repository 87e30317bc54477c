import { afterEach, describe, expect, it } from 'vitest';
import { classifyFailure, deliveryOf, stripEpochSuffix, toAppError } from '../../../electron/mturk/errors';
import { createSdkClient, sendOperation, type SdkClient } from '../../../electron/mturk/sdk';
import { startCannedServer, TEST_CREDENTIALS, type CannedResponse } from './canned-server';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function clientFor(url: string, requestTimeoutMs?: number): SdkClient {
  const client = createSdkClient({ endpoint: url, region: 'us-east-1', credentials: TEST_CREDENTIALS, requestTimeoutMs });
  cleanups.push(() => client.destroy());
  return client;
}

/** Makes the real SDK throw the error a server response produces. */
async function sdkErrorFor(response: CannedResponse): Promise<{ error: unknown; url: string }> {
  const server = await startCannedServer(() => response);
  cleanups.push(server.close);
  const error: unknown = await sendOperation(clientFor(server.url), 'GetHIT', { HITId: '3ABC' }).then(
    () => new Error('expected the call to fail'),
    (thrown: unknown) => thrown,
  );
  return { error, url: server.url };
}

function requestError(turkCode: string, message: string): CannedResponse {
  return { status: 400, body: { __type: 'RequestError', Message: message, TurkErrorCode: turkCode } };
}

describe('toAppError for MTurk RequestErrors (real SDK instances)', () => {
  const cases: Array<[string, string]> = [
    ['AWS.MechanicalTurk.HITDoesNotExist', 'not-found'],
    ['AWS.MechanicalTurk.AssignmentDoesNotExist', 'not-found'],
    ['AWS.MechanicalTurk.InsufficientFunds', 'insufficient-funds'],
    ['AWS.MechanicalTurk.HitAlreadyExists', 'conflict'],
    ['AWS.MechanicalTurk.QualificationAlreadyExists', 'conflict'],
    ['AWS.MechanicalTurk.InvalidAssignmentState', 'validation'],
    ['AWS.ParameterOutOfRange', 'validation'],
    ['AWS.AccountNotLinked', 'auth'],
    ['AWS.BadCredentialSupplied', 'auth'],
  ];
  it.each(cases)('maps %s to %s, keeps the code and strips the server time', async (turkCode, kind) => {
    const { error, url } = await sdkErrorFor(requestError(turkCode, 'Hit 3ABC does not exist. (1619128282649)'));
    expect((error as Error).name).toBe('RequestError');
    expect(classifyFailure(error)).toBe('permanent');
    expect(toAppError(error, url)).toEqual({ kind, message: 'Hit 3ABC does not exist.', mturkCode: turkCode, delivery: 'refused' });
  });
});

describe('toAppError and classifyFailure for service-level errors', () => {
  it('treats ThrottlingException as throttled', async () => {
    const { error, url } = await sdkErrorFor({ status: 400, body: { __type: 'ThrottlingException', message: 'Rate exceeded' } });
    expect(classifyFailure(error)).toBe('throttled');
    expect(toAppError(error, url)).toMatchObject({ kind: 'throttled', mturkCode: 'ThrottlingException', delivery: 'refused' });
  });

  it('treats ServiceFault as a transient internal problem', async () => {
    const { error, url } = await sdkErrorFor({
      status: 500,
      body: { __type: 'ServiceFault', Message: 'Internal (1619128282649)', TurkErrorCode: 'AWS.ServiceUnavailable' },
    });
    expect(classifyFailure(error)).toBe('transient');
    expect(toAppError(error, url)).toEqual({
      kind: 'internal',
      message: 'MTurk had a temporary problem; try again.',
      mturkCode: 'AWS.ServiceUnavailable',
      delivery: 'maybe-executed',
    });
  });

  it('tells a bad key ID from a bad secret and from a wrong region', async () => {
    const badKey = await sdkErrorFor({ status: 400, body: { __type: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.' } });
    expect(toAppError(badKey.error, badKey.url)).toMatchObject({ kind: 'auth', mturkCode: 'UnrecognizedClientException' });
    expect(toAppError(badKey.error, badKey.url).message).toContain('does not recognise this access key ID');
    const badSecret = await sdkErrorFor({ status: 400, body: { __type: 'InvalidSignatureException', message: 'The request signature we calculated does not match the signature you provided.' } });
    expect(toAppError(badSecret.error, badSecret.url).message).toContain('secret access key does not match');
    const region = await sdkErrorFor({ status: 400, body: { __type: 'InvalidSignatureException', message: "Credential should be scoped to a valid region, not 'eu-west-1'." } });
    expect(toAppError(region.error, region.url).message).toContain('MTurk only runs in us-east-1');
    expect(classifyFailure(badKey.error)).toBe('permanent');
    expect(deliveryOf(badKey.error)).toBe('refused');
  });

  it('reports a server that is not MTurk (HTML 404) as a wrong endpoint', async () => {
    const { error, url } = await sdkErrorFor({ status: 404, body: '<html>Not Found</html>', contentType: 'text/html' });
    const mapped = toAppError(error, url);
    expect(mapped.kind).toBe('network');
    expect(mapped.message).toContain('did not answer like an MTurk endpoint (HTTP 404');
    expect(classifyFailure(error)).toBe('permanent');
    expect(mapped.delivery).toBe('refused');
  });

  it('counts an unreadable 200 answer as maybe executed', async () => {
    const { error } = await sdkErrorFor({ status: 200, body: '<html>Welcome</html>', contentType: 'text/html' });
    expect(deliveryOf(error)).toBe('maybe-executed');
  });
});

describe('network failures', () => {
  it('names the endpoint when nothing listens there', async () => {
    const server = await startCannedServer(() => ({ status: 200, body: {} }));
    await server.close();
    const error: unknown = await sendOperation(clientFor(server.url), 'GetAccountBalance', {}).catch((e: unknown) => e);
    expect(classifyFailure(error)).toBe('unreachable');
    const mapped = toAppError(error, server.url);
    expect(mapped).toMatchObject({ kind: 'network', mturkCode: 'ECONNREFUSED', delivery: 'not-sent' });
    expect(mapped.message).toContain(`Nothing is listening at ${server.url}`);
  });

  it('turns an unanswered request into a timeout after the configured limit', async () => {
    const server = await startCannedServer(() => ({ status: 200, body: {}, hang: true }));
    cleanups.push(server.close);
    const started = Date.now();
    const error: unknown = await sendOperation(clientFor(server.url, 300), 'GetAccountBalance', {}).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(classifyFailure(error)).toBe('transient');
    expect(toAppError(error, server.url)).toMatchObject({ kind: 'network', delivery: 'maybe-executed' });
    expect(toAppError(error, server.url).message).toContain('did not answer in time');
  });

  it('maps unresolvable hosts and dropped sockets by their Node codes', () => {
    const notFound = Object.assign(new Error('getaddrinfo ENOTFOUND nowhere.invalid'), { code: 'ENOTFOUND' });
    expect(toAppError(notFound, 'https://nowhere.invalid').message).toContain('Cannot resolve the host of https://nowhere.invalid');
    const hangUp = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    expect(toAppError(hangUp, 'x')).toMatchObject({ kind: 'network', mturkCode: 'ECONNRESET', delivery: 'maybe-executed' });
    expect(classifyFailure(hangUp)).toBe('transient');
    expect(classifyFailure(notFound)).toBe('unreachable');
    expect(deliveryOf(notFound)).toBe('not-sent');
  });

  it('tells a connect timeout (nothing sent) from a request timeout (maybe executed)', () => {
    // The shapes @smithy/node-http-handler produces for its two timeouts.
    const connect = Object.assign(
      new Error('@smithy/node-http-handler - the request socket did not establish a connection with the server within the configured timeout of 5000 ms.'),
      { name: 'TimeoutError' },
    );
    const request = Object.assign(new Error('@smithy/node-http-handler - [ERROR] a request has exceeded the configured 30000 ms requestTimeout.'), {
      name: 'TimeoutError',
      code: 'ETIMEDOUT',
    });
    const reset = Object.assign(new Error('read ECONNRESET'), { name: 'TimeoutError', code: 'ECONNRESET' });
    expect([classifyFailure(connect), deliveryOf(connect)]).toEqual(['unreachable', 'not-sent']);
    expect(toAppError(connect, 'x').message).toContain('Could not connect to x in time');
    expect([classifyFailure(request), deliveryOf(request)]).toEqual(['transient', 'maybe-executed']);
    expect([classifyFailure(reset), deliveryOf(reset)]).toEqual(['transient', 'maybe-executed']);
  });

  it('reports a cancellation as cancelled, not internal', () => {
    const aborted = Object.assign(new Error('Request aborted'), { name: 'AbortError' });
    expect(toAppError(aborted, 'x')).toMatchObject({ kind: 'cancelled', delivery: 'not-sent' });
    expect(classifyFailure(aborted)).toBe('permanent');
  });
});

describe('stripEpochSuffix', () => {
  it('removes the millisecond and "s" variants MTurk appends', () => {
    expect(stripEpochSuffix('This operation can be called with a status of: Submitted (1537741087056)')).toBe(
      'This operation can be called with a status of: Submitted',
    );
    expect(stripEpochSuffix("In the state 'Reviewable'.  Call with: Reviewing (1567366957231 s)")).toBe(
      "In the state 'Reviewable'. Call with: Reviewing",
    );
    expect(stripEpochSuffix('Reward (100) too high')).toBe('Reward (100) too high');
  });
});
