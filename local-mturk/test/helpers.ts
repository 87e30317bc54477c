/**
 * Test helpers: a Local MTurk on a free port and a real @aws-sdk/client-mturk client pointed at it.
 */
import { CreateHITCommand, MTurkClient, type CreateHITCommandInput, type HIT } from '@aws-sdk/client-mturk';
import { generateCredential, startLocalMTurk, type LocalMTurk, type LocalMTurkOptions } from '../src/index';

export interface TestServer {
  server: LocalMTurk;
  client: MTurkClient;
}

/** A copy of the keys is handed over: the SDK tags the credentials object it is given. */
export function clientFor(server: LocalMTurk, credentials = server.credentials): MTurkClient {
  const { accessKeyId, secretAccessKey } = credentials;
  return new MTurkClient({ region: 'us-east-1', endpoint: server.url, credentials: { accessKeyId, secretAccessKey }, maxAttempts: 1 });
}

export async function startTestServer(opts: LocalMTurkOptions = {}): Promise<TestServer> {
  const server = await startLocalMTurk({ port: 0, ...opts });
  return { server, client: clientFor(server) };
}

/** A server with two requester accounts: `client` is ours, `other` another requester's (for ownership checks). */
export async function startTwoRequesterServer(): Promise<TestServer & { other: MTurkClient }> {
  const mine = generateCredential();
  const theirs = generateCredential();
  const { server, client } = await startTestServer({ credentials: [mine, theirs] });
  return { server, client, other: clientFor(server, theirs) };
}

export const HTML_QUESTION = `<HTMLQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2011-11-11/HTMLQuestion.xsd">
  <HTMLContent><![CDATA[<!DOCTYPE html><html><body><form name="mturk_form" method="post" action="https://www.mturk.com/mturk/externalSubmit">
  <input type="hidden" name="assignmentId" value=""/><input name="label"/><input type="submit"/></form></body></html>]]></HTMLContent>
  <FrameHeight>600</FrameHeight>
</HTMLQuestion>`;

export const EXTERNAL_QUESTION = `<ExternalQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2006-07-14/ExternalQuestion.xsd">
  <ExternalURL>https://example.org/task</ExternalURL><FrameHeight>0</FrameHeight>
</ExternalQuestion>`;

export function hitInput(overrides: Partial<CreateHITCommandInput> = {}): CreateHITCommandInput {
  return {
    Title: 'Label an image',
    Description: 'Say what the picture shows',
    Reward: '0.50',
    AssignmentDurationInSeconds: 600,
    LifetimeInSeconds: 3600,
    MaxAssignments: 3,
    Question: HTML_QUESTION,
    ...overrides,
  };
}

export async function createHit(client: MTurkClient, overrides: Partial<CreateHITCommandInput> = {}): Promise<HIT> {
  const { HIT: hit } = await client.send(new CreateHITCommand(hitInput(overrides)));
  if (!hit?.HITId) throw new Error('CreateHIT returned no HIT');
  return hit;
}

/** The error a promise rejects with (fails the test if it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error('Expected the call to fail, but it succeeded');
}

/** Control API over HTTP with bearer auth, as a script would call it. */
export async function controlCall(
  server: LocalMTurk,
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  body?: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${server.url}/_local/${path}`, {
    method,
    headers: { Authorization: `Bearer ${server.credentials.secretAccessKey}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}
