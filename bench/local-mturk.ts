/**
 * Local MTurk throughput: a standalone server (the CLI, in its own process, as users run it) driven over loopback
 * with a mix of reads and writes for ~5 s, twice:
 *  - server capacity (the figure for the 2,000 req/s target, which is about the server never being a test's
 *    bottleneck): the mix as pre-signed requests from one light client thread, so the server has a core to itself;
 *  - with real @aws-sdk/client-mturk clients (two worker threads): informational, and bound by the SDK's own CPU
 *    (signing and middleware cost ~3× what the server spends per call) when both share 2 cores.
 * Run alone: npx tsx bench/local-mturk.ts
 */
import {
  CreateHITCommand,
  GetAccountBalanceCommand,
  GetHITCommand,
  ListAssignmentsForHITCommand,
  ListHITsCommand,
  MTurkClient,
} from '@aws-sdk/client-mturk';
import { spawn } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { Agent, request } from 'node:http';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

const TARGET_RPS = 2_000;
const DURATION_MS = 5_000;
const THREADS = 2;
const CLIENTS_PER_THREAD = 8;

const QUESTION = `<ExternalQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2006-07-14/ExternalQuestion.xsd">
<ExternalURL>https://example.org/task</ExternalURL><FrameHeight>0</FrameHeight></ExternalQuestion>`;

const CREATE_HIT = { Title: 'Bench', Description: 'Bench HIT', Reward: '0.01', LifetimeInSeconds: 3600, AssignmentDurationInSeconds: 60, Question: QUESTION };

interface Server {
  url: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** CPU milliseconds the server process has used so far (Linux /proc), or undefined elsewhere. */
  cpuMs(): number | undefined;
  stop(): void;
}

/** utime + stime of a process from /proc/<pid>/stat, in ms (clock ticks are 100 Hz on Linux). */
function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

async function startServer(): Promise<Server> {
  // node itself (not the tsx wrapper) so that the child's pid is the server's, for the CPU figure.
  const child = spawn(process.execPath, ['--import', 'tsx', 'local-mturk/src/cli.ts', '--port', '0', '--balance', '100000000.00'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let url = '';
  let accessKeyId = '';
  let secretAccessKey = '';
  for await (const line of createInterface({ input: child.stdout })) {
    url = /^Local MTurk listening on (.+)$/.exec(line)?.[1] ?? url;
    accessKeyId = /^AWS_ACCESS_KEY_ID=(.+)$/.exec(line)?.[1] ?? accessKeyId;
    secretAccessKey = /^AWS_SECRET_ACCESS_KEY=(.+)$/.exec(line)?.[1] ?? secretAccessKey;
    if (url && accessKeyId && secretAccessKey) break;
  }
  return {
    url,
    credentials: { accessKeyId, secretAccessKey },
    cpuMs: () => processCpuMs(child.pid),
    stop: () => child.kill('SIGTERM'),
  };
}

interface Job {
  mode: 'sdk' | 'raw';
  url: string;
  credentials: Server['credentials'];
  hitIds: string[];
  offset: number;
}

const RAW_CONNECTIONS = 8;

/** An independent SigV4 signer for the raw phase (signed once, valid for every repeat for 15 minutes). */
function signedRequest(job: Job, operation: string, body: string): { headers: Record<string, string>; body: string } {
  const host = new URL(job.url).host;
  // Signed now: the server refuses signatures more than 15 minutes from its real time.
  const amzDate = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const scope = `${day}/us-east-1/mturk-requester/aws4_request`;
  const sha = (data: string): string => createHash('sha256').update(data).digest('hex');
  const mac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data).digest();
  const headers: Record<string, string> = {
    'content-type': 'application/x-amz-json-1.1',
    host,
    'x-amz-date': amzDate,
    'x-amz-target': `MTurkRequesterServiceV20170117.${operation}`,
  };
  const names = Object.keys(headers).sort();
  const canonical = ['POST', '/', '', names.map((n) => `${n}:${headers[n]}\n`).join(''), names.join(';'), sha(body)].join('\n');
  const key = [day, 'us-east-1', 'mturk-requester', 'aws4_request'].reduce<string | Buffer>(
    (k, part) => mac(k, part),
    `AWS4${job.credentials.secretAccessKey}`,
  );
  const signature = createHmac('sha256', key).update(['AWS4-HMAC-SHA256', amzDate, scope, sha(canonical)].join('\n')).digest('hex');
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${job.credentials.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`;
  return { headers, body };
}

/** The server alone: pre-signed read calls over keep-alive sockets, no SDK in the way. */
async function driveRaw(job: Job): Promise<[number, number]> {
  const agent = new Agent({ keepAlive: true, maxSockets: RAW_CONNECTIONS });
  // The same mix as the SDK clients (see oneCall), pre-signed once so the client costs next to nothing.
  const calls = Array.from({ length: 10 * job.hitIds.length }, (_, n) => {
    const hitId = job.hitIds[n % job.hitIds.length];
    const slot = n % 10;
    if (slot < 4) return signedRequest(job, 'GetHIT', JSON.stringify({ HITId: hitId }));
    if (slot < 6) return signedRequest(job, 'ListHITs', '{"MaxResults":10}');
    if (slot < 8) return signedRequest(job, 'GetAccountBalance', '{}');
    if (slot < 9) return signedRequest(job, 'ListAssignmentsForHIT', JSON.stringify({ HITId: hitId }));
    return signedRequest(job, 'CreateHIT', JSON.stringify(CREATE_HIT));
  });
  const send = (n: number): Promise<number> =>
    new Promise((resolve, reject) => {
      const call = calls[n % calls.length]!;
      const req = request(job.url, { method: 'POST', agent, headers: call.headers }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end(call.body);
    });
  let done = 0;
  let failed = 0;
  const deadline = performance.now() + DURATION_MS;
  await Promise.all(
    Array.from({ length: RAW_CONNECTIONS }, async (_, c) => {
      for (let n = c; performance.now() < deadline; n += RAW_CONNECTIONS) {
        const status = await send(n).catch(() => 0);
        if (status === 200) done += 1;
        else failed += 1;
      }
    }),
  );
  agent.destroy();
  return [done, failed];
}

function clientOf(url: string, credentials: Server['credentials']): MTurkClient {
  // The SDK's default Node handler keeps connections alive.
  return new MTurkClient({ region: 'us-east-1', endpoint: url, credentials: { ...credentials }, maxAttempts: 1 });
}

/** One call of the mix: 40 % GetHIT, 20 % ListHITs, 20 % GetAccountBalance, 10 % ListAssignmentsForHIT, 10 % CreateHIT. */
async function oneCall(client: MTurkClient, hitIds: readonly string[], n: number): Promise<void> {
  const hitId = hitIds[n % hitIds.length];
  const slot = n % 10;
  if (slot < 4) await client.send(new GetHITCommand({ HITId: hitId }));
  else if (slot < 6) await client.send(new ListHITsCommand({ MaxResults: 10 }));
  else if (slot < 8) await client.send(new GetAccountBalanceCommand({}));
  else if (slot < 9) await client.send(new ListAssignmentsForHITCommand({ HITId: hitId }));
  else await client.send(new CreateHITCommand(CREATE_HIT));
}

/** Runs CLIENTS_PER_THREAD clients until the deadline; returns [succeeded, failed]. */
async function drive(job: Job): Promise<[number, number]> {
  const clients = Array.from({ length: CLIENTS_PER_THREAD }, () => clientOf(job.url, job.credentials));
  for (let n = 0; n < 50; n += 1) await oneCall(clients[n % clients.length]!, job.hitIds, n); // warm-up
  let done = 0;
  let failed = 0;
  const deadline = performance.now() + DURATION_MS;
  await Promise.all(
    clients.map(async (client, c) => {
      for (let n = job.offset + c; performance.now() < deadline; n += CLIENTS_PER_THREAD) {
        await oneCall(client, job.hitIds, n).then(
          () => (done += 1),
          () => (failed += 1),
        );
      }
    }),
  );
  return [done, failed];
}

function runThread(job: Job): Promise<[number, number]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: job });
    worker.once('message', (result: [number, number]) => resolve(result));
    worker.once('error', reject);
  });
}

async function seedHits(server: Server): Promise<string[]> {
  const client = clientOf(server.url, server.credentials);
  const hitIds: string[] = [];
  for (let i = 0; i < 20; i += 1) {
    const { HIT } = await client.send(
      new CreateHITCommand({ Title: `Seed ${i}`, Description: 'Seed', Reward: '0.05', LifetimeInSeconds: 3600, AssignmentDurationInSeconds: 60, Question: QUESTION }),
    );
    hitIds.push(HIT!.HITId!);
  }
  return hitIds;
}

interface PhaseResult {
  rps: number;
  done: number;
  failed: number;
  /** Server CPU per call, ms (undefined off Linux). */
  serverCpuMs?: number;
  /** Client (this process, all threads) CPU per call, ms. */
  clientCpuMs: number;
}

async function phase(server: Server, hitIds: string[], mode: Job['mode']): Promise<PhaseResult> {
  const serverBefore = server.cpuMs();
  const clientBefore = process.cpuUsage();
  const results = await Promise.all(
    Array.from({ length: mode === 'raw' ? 1 : THREADS }, (_, t) => runThread({ mode, url: server.url, credentials: server.credentials, hitIds, offset: t * 7 })),
  );
  const done = results.reduce((sum, [d]) => sum + d, 0);
  const failed = results.reduce((sum, [, f]) => sum + f, 0);
  const serverAfter = server.cpuMs();
  const client = process.cpuUsage(clientBefore);
  const perCall = (ms: number): number => ms / Math.max(1, done + failed);
  return {
    rps: done / (DURATION_MS / 1000),
    done,
    failed,
    ...(serverBefore !== undefined && serverAfter !== undefined ? { serverCpuMs: perCall(serverAfter - serverBefore) } : {}),
    clientCpuMs: perCall((client.user + client.system) / 1000),
  };
}

const ratio = (rps: number): string => `${rps.toFixed(0)} req/s — ${(rps / TARGET_RPS).toFixed(2)}× the ${TARGET_RPS} req/s target`;

/** CPU cost per call, and the throughput one core of server CPU would sustain — steadier than req/s on a busy machine. */
function costLine(result: PhaseResult): string {
  const server =
    result.serverCpuMs === undefined
      ? 'server CPU n/a'
      : `server ${result.serverCpuMs.toFixed(3)} ms CPU/call (≈ ${(1000 / result.serverCpuMs).toFixed(0)} req/s per core)`;
  return `${server}, client ${result.clientCpuMs.toFixed(3)} ms CPU/call`;
}

export async function benchLocalMTurk(): Promise<void> {
  const server = await startServer();
  try {
    const hitIds = await seedHits(server);
    const raw = await phase(server, hitIds, 'raw');
    console.log(
      `local-mturk (server capacity): ${raw.done} pre-signed calls of the mix (GetHIT 40%, ListHITs 20%, GetAccountBalance 20%, ` +
        `ListAssignmentsForHIT 10%, CreateHIT 10%) from 1 light client thread over ${RAW_CONNECTIONS} keep-alive sockets, ${raw.failed} failed: ${ratio(raw.rps)}`,
    );
    console.log(`local-mturk (server capacity): ${costLine(raw)}; load average ${loadavg()[0]?.toFixed(2)} on ${availableParallelism()} cores`);
    const sdk = await phase(server, hitIds, 'sdk');
    console.log(
      `local-mturk (SDK clients): ${sdk.done} calls of the same mix in ${DURATION_MS / 1000} s from ${THREADS}×${CLIENTS_PER_THREAD} SDK clients ` +
        `sharing the 2 cores with the server, ${sdk.failed} failed: ${sdk.rps.toFixed(0)} req/s (informational: bound by the SDK's CPU, see below)`,
    );
    console.log(`local-mturk (SDK clients): ${costLine(sdk)}`);
  } finally {
    server.stop();
  }
}

if (!isMainThread) {
  const job = workerData as Job;
  (job.mode === 'raw' ? driveRaw(job) : drive(job)).then((result) => parentPort?.postMessage(result));
} else if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  benchLocalMTurk().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
