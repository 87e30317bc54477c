/**
 * Standalone Local MTurk:
 *   npm run local-mturk -- --port 9440 [--data FILE] [--access-key-id ID --secret-access-key KEY] [--env sandbox|production]
 *     [--balance 10000.00] [--latency-ms N] [--rate-limit RPS] [--fault-rate P] [--drop-rate P] [--seed S] [--no-verify]
 *     [--allow-host NAME]… [--crowd N [--speed X]] [--demo]
 * Prints "Local MTurk listening on http://127.0.0.1:PORT" and the keys to sign with; stops on SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util';
import { parseMoney } from '../../shared/domain/money';
import { DEMO_CROWD, startLocalMTurk, type DemoSummary, type LocalMTurkOptions } from './index';

const USAGE =
  'Usage: local-mturk --port 9440 [--data FILE] [--access-key-id ID --secret-access-key KEY] [--env sandbox|production] ' +
  '[--balance 10000.00] [--latency-ms N] [--rate-limit RPS] [--fault-rate P] [--drop-rate P] [--seed S] [--no-verify] ' +
  '[--allow-host NAME]… [--crowd N [--speed X]] [--demo]';

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

function numberFlag(values: Record<string, unknown>, name: string, min: number, max: number): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (typeof raw !== 'string' || !Number.isFinite(value) || value < min || value > max) {
    fail(`--${name} must be a number from ${min} to ${max} (got ${String(raw)}).`);
  }
  return value;
}

interface CliOptions {
  readonly server: LocalMTurkOptions;
  /** Fill the server with the demo requester account once it listens. */
  readonly demo: boolean;
}

function optionsFromArgs(argv: string[]): CliOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      data: { type: 'string' },
      'access-key-id': { type: 'string' },
      'secret-access-key': { type: 'string' },
      env: { type: 'string' },
      balance: { type: 'string' },
      'latency-ms': { type: 'string' },
      'rate-limit': { type: 'string' },
      'fault-rate': { type: 'string' },
      'drop-rate': { type: 'string' },
      seed: { type: 'string' },
      'no-verify': { type: 'boolean' },
      'allow-host': { type: 'string', multiple: true },
      crowd: { type: 'string' },
      speed: { type: 'string' },
      demo: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const id = values['access-key-id'];
  const secret = values['secret-access-key'];
  if ((id === undefined) !== (secret === undefined)) fail('--access-key-id and --secret-access-key go together.');
  const env = values.env ?? 'sandbox';
  if (env !== 'sandbox' && env !== 'production') fail(`--env must be sandbox or production (got ${env}).`);
  const balance = values.balance === undefined ? undefined : parseMoney(values.balance);
  if (balance === null) fail(`--balance must be an amount such as 10000.00 (got ${values.balance}).`);
  const options: LocalMTurkOptions = {
    port: numberFlag(values, 'port', 0, 65_535) ?? 9440,
    env,
    latencyMs: numberFlag(values, 'latency-ms', 0, 60_000),
    rateLimitPerSecond: numberFlag(values, 'rate-limit', 0, 1_000_000),
    faultRate: numberFlag(values, 'fault-rate', 0, 1),
    dropRate: numberFlag(values, 'drop-rate', 0, 1),
    seed: numberFlag(values, 'seed', 0, 2 ** 32 - 1),
    verifySignatures: !values['no-verify'],
  };
  const crowd = numberFlag(values, 'crowd', 1, 10_000);
  const speed = numberFlag(values, 'speed', 1, 100_000);
  if (speed !== undefined && crowd === undefined) fail('--speed needs --crowd N (the number of simulated workers).');
  if (crowd !== undefined) {
    if (!Number.isInteger(crowd)) fail(`--crowd must be a whole number of workers (got ${crowd}).`);
    options.crowd = { workers: crowd, speed: speed ?? 1 };
  }
  if (values.data) options.dataFile = values.data;
  if (values['allow-host']) options.allowedHosts = values['allow-host'];
  if (id !== undefined && secret !== undefined) options.credentials = [{ accessKeyId: id, secretAccessKey: secret }];
  if (balance !== undefined) options.startingBalanceCents = balance;
  return { server: options, demo: values.demo === true };
}

function describeDemo(summary: DemoSummary): string {
  if (summary.alreadyThere) return `Demo: already there (${summary.hits} HITs); nothing added.`;
  const batches = summary.batches.map((b) => `  ${b.hits} × ${b.title}`).join('\n');
  return (
    `Demo: ${summary.qualificationTypes} qualification types, ${summary.hits} HITs in ${summary.batches.length} batches:\n${batches}\n` +
    `  ${summary.workers} workers submitted ${summary.submitted} assignments (${summary.approved} approved, ${summary.rejected} rejected).`
  );
}

async function main(): Promise<void> {
  const { server: options, demo } = optionsFromArgs(process.argv.slice(2));
  const server = await startLocalMTurk(options);
  console.log(`Local MTurk listening on ${server.url}`);
  console.log(`AWS_ACCESS_KEY_ID=${server.credentials.accessKeyId}`);
  console.log(`AWS_SECRET_ACCESS_KEY=${server.credentials.secretAccessKey}`);
  console.log(`Region: any (us-east-1 or sandbox). Data: ${options.dataFile ?? 'in memory'}. Control API: ${server.url}/_local/`);
  if (demo) {
    console.log(describeDemo(await server.fillDemo()));
    // The demo's crowd keeps working, unless --crowd brought one of its own.
    if (!options.crowd) {
      server.startCrowd({ ...DEMO_CROWD });
      console.log(`Simulated crowd: the ${DEMO_CROWD.workers} demo workers keep working at real-time pace (seed ${DEMO_CROWD.seed}).`);
    }
  }
  if (options.crowd) console.log(`Simulated crowd: ${options.crowd.workers} workers at ${options.crowd.speed}× real time (seed ${options.seed ?? 1}).`);
  const stop = (): void => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`Local MTurk failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
