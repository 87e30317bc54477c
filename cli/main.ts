/**
 * `turkbench`: the workbench from a terminal or a script, over the same services, journal and archive as the app.
 * Results go to stdout (human text, or JSON with --json), progress and notices to stderr; a failure exits non-zero
 * with the same message the app would show.
 */
import { parseCommand, type ParsedCommand } from './args';
import { terminalAsker, type Asker } from './confirm';
import { CliFailure, createOutput } from './output';
import { openSession, type Session } from './session';
import { archiveVerb } from './verbs/archive';
import { connectionsVerb } from './verbs/connections';
import { hitsVerb } from './verbs/hits';
import { jobsVerb } from './verbs/jobs';
import { localVerb } from './verbs/local';
import { syncVerb } from './verbs/sync';

export const HELP = `turkbench — the Turkbench requester workbench from the command line

Usage: turkbench <verb> [options]

  connections list                     the connections (* = active)
  connections add --name N (--endpoint URL [--region R] | --kind sandbox|production)
                  [--requests-per-second N] [--profile P | --access-key-id-env VAR --secret-access-key-env VAR]
  connections test [NAME]              check the keys and show the balance
  connections use NAME                 make NAME the active connection
  sync [--full]                        copy the account into the archive (progress on stderr)
  archive import FILE                  a Requester-website results CSV into the archive
  archive export --format csv|json --out FILE
  hits list [--status S] [--limit N]   archived HITs
  hits expire HIT_ID...                expire now
  hits extend --by 3d | --to DATE HIT_ID...
  hits add-assignments --count N HIT_ID...   (spends money: shows the cost and asks)
  hits set-reviewing [--revert] HIT_ID...
  hits change-type --hit-type-id ID HIT_ID...
  hits delete HIT_ID...
        (every hits verb also takes --from-file FILE: one HIT id per line, or a CSV with a HITId column)
  jobs list                            running, recent and unfinished jobs
  jobs resume [JOB_ID]                 finish what a crash or quit left; nothing is done twice
  jobs retry JOB_ID                    run a job's failed items again
  local info [--show-secret]           the built-in Local MTurk's endpoint, region and keys, with boto3 / AWS CLI snippets
  local demo                           fill the built-in Local MTurk with a demo account and sync it
  local crowd start|stop               the demo's simulated crowd in the built-in Local MTurk (kept across starts)

Options everywhere:
  --data-dir DIR      the data folder (default: the app's; TURKBENCH_DATA_DIR)
  --connection NAME   act on NAME instead of the active connection
  --json              machine-readable output
  --yes, -y           confirm without asking (Production also needs --confirm-name NAME)
`;

type Verb = (command: ParsedCommand, session: Session, asker: Asker) => Promise<void>;

const VERBS: Record<string, Verb> = {
  connections: connectionsVerb,
  sync: (command, session) => syncVerb(command, session),
  archive: (command, session) => archiveVerb(command, session),
  hits: hitsVerb,
  jobs: jobsVerb,
  local: localVerb,
};

export async function runCli(argv: readonly string[], options: { asker?: Asker; env?: NodeJS.ProcessEnv } = {}): Promise<number> {
  let json = argv.includes('--json');
  let session: Session | null = null;
  try {
    const command = parseCommand(argv);
    json = command.global.json;
    const verb = command.words[0];
    if (verb === undefined || verb === 'help' || command.options.help === true) {
      process.stdout.write(HELP);
      return verb === undefined && command.options.help !== true ? 2 : 0;
    }
    const run = VERBS[verb];
    if (!run) throw new CliFailure(`Unknown verb "${verb}". Run "turkbench help".`, 2);
    session = openSession(command.global, createOutput(json), options.env);
    await run(command, session, options.asker ?? terminalAsker);
    return 0;
  } catch (cause) {
    if (cause instanceof CliFailure) {
      if (json) process.stdout.write(`${JSON.stringify({ error: cause.message })}\n`);
      process.stderr.write(`turkbench: ${cause.message}\n`);
      return cause.exitCode;
    }
    process.stderr.write(`turkbench: unexpected problem: ${cause instanceof Error ? (cause.stack ?? cause.message) : String(cause)}\n`);
    return 1;
  } finally {
    await session?.close();
  }
}

// Run when executed (tsx cli/main.ts, or the built out/main/cli.js through bin/turkbench.mjs), not when imported by tests.
if (process.argv[1] && /(?:cli[\\/]main\.ts|out[\\/]main[\\/]cli\.js)$/.test(process.argv[1])) {
  void runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
