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
import { batchFolderVerb, batchVerb, FOLDER_ONLY_BATCH_VERBS } from './verbs/batch';
import { bonusVerb } from './verbs/bonus';
import { connectionsVerb } from './verbs/connections';
import { hitsVerb } from './verbs/hits';
import { jobsVerb } from './verbs/jobs';
import { reviewVerb } from './verbs/review';
import { localVerb } from './verbs/local';
import { messageVerb } from './verbs/message';
import { notificationsVerb } from './verbs/notifications';
import { qualsVerb } from './verbs/quals';
import { excludeVerb } from './verbs/exclude';
import { spendVerb } from './verbs/spend';
import { payVerb } from './verbs/pay';
import { syncVerb } from './verbs/sync';
import { workersVerb } from './verbs/workers';

export const HELP = `turkbench — the Turkbench requester workbench from the command line

Usage: turkbench <verb> [options]

  connections list                     the connections (* = active)
  connections add --name N (--endpoint URL [--region R] | --kind sandbox|production)
                  [--requests-per-second N] [--profile P | --access-key-id-env VAR --secret-access-key-env VAR]
  connections test [NAME]              check the keys and show the balance
  connections use NAME                 make NAME the active connection
  connections edit NAME [--name N] [--endpoint URL] [--region R] [--requests-per-second N] [--profile P | --access-key-id-env VAR --secret-access-key-env VAR]
  connections remove NAME              forget a connection (not the one in use) and its stored keys; its archive is kept
  sync [--full]                        copy the account into the archive (progress on stderr)
  archive list                         every archive on this computer, and which connection uses it
  archive import FILE                  a Requester-website results CSV into the archive
  archive export --format csv|json --out FILE [--archive ID]
  hits list [--status S] [--limit N] [--archive ID]   archived HITs
        (--archive ID reads a kept archive from "archive list", e.g. of a removed connection: no connection or keys needed)
  hits expire HIT_ID...                expire now
  hits extend --by 3d | --to 2026-12-24[T18:00Z] HIT_ID...
  hits add-assignments --count N HIT_ID...   (spends money: shows the cost and asks)
  hits set-reviewing [--revert] HIT_ID...
  hits change-type --hit-type-id ID HIT_ID...
  hits delete HIT_ID...
        (every hits verb also takes --from-file FILE: one HIT id per line, or a CSV with a HITId column)
  review list [--status Submitted|Approved|Rejected] [--hit-type-id ID] [--hit-id ID] [--worker-id ID] [--batch ID] [--due-within 24h|3d] [--group hit|worker] [--limit N] [--archive ID]
                                       the review queue, soonest auto-approval first
        [--agreement-below SHARE] [--gold-below SHARE]   only assignments that agree with fewer of the other workers
                                       on their HIT / are right on fewer gold rows than that (0.6 or 60%); --json
                                       rows carry quality: {agreement, gold}
  review approve ASSIGNMENT_ID... [--feedback TEXT]
  review reject ASSIGNMENT_ID... --feedback TEXT   (the worker reads the feedback; nothing is rejected automatically)
  review override ASSIGNMENT_ID... [--feedback TEXT]   approve a rejected assignment (within 30 days of submission)
        (every review verb that sends also takes --from-file FILE: one id per line, or a CSV with an AssignmentId
         column and optionally a Feedback column; shows the plan — workers, cost, rejections today — and asks)
  review draft approve|reject ASSIGNMENT_ID... [--feedback TEXT] [--from-file FILE]
  review draft clear [ASSIGNMENT_ID...]   draft verdicts, as the app's review queue keeps them; nothing is sent
  review send-drafts                   sends every draft verdict as one job (the plan is shown and asked, as above)
  review apply FILE.csv                the website's review format: x in Approve, a reason in Reject; every row
                                       problem (unknown or non-Submitted assignment) is listed and nothing is sent
  review agreement --batch ID | --hit-type ID [--method ds|mv] [--field NAME,...] [--below CONFIDENCE] [--out FILE.csv|.json]
                                       consensus label per HIT and field (Dawid–Skene or majority vote), and per worker
                                       agreement, estimated accuracy and accuracy on gold_<field> rows; --below keeps the
                                       doubtful labels only: then "hits add-assignments --count N --from-file FILE.csv"
  batch new DIR                        a new batch folder: batch.json, template.html, input.csv
  batch check DIR                      properties, files, lint and cost (exits 1 on errors)
  batch preview DIR [--row N] --out FILE   one row's question, substituted, to open in a browser
  batch launch DIR [--new]             check, show the cost, ask, then create one HIT per row exactly once;
                                       on a folder whose batch is unfinished it resumes that batch
  batch list                           every batch: status, progress, spend and wage (from the archive)
  batch status BATCH_ID                how far a batch's launch got
  batch results BATCH_ID --out FILE.csv|FILE.json   the batch's archived results: the website's CSV layout with
                                       Input.<column> from its rows and Answer.<field>[.<sub>]; JSON keeps answers nested
  batch pause BATCH_ID                 expire its open HITs (and publish no more sub-HITs)
  batch resume BATCH_ID                reopen them for the batch's lifetime from now
  batch add-assignments BATCH_ID --count N   N more assignments on each of its HITs (shows the cost and asks)
  batch run BATCH_ID [--once] [--every SECONDS]   keep it going until done: sync its HITs, exclude workers who
                                       submitted, publish the next sub-HITs of micro-batched rows (every 60 s)
  batch simulate BATCH_ID              the built-in Local MTurk's simulated crowd works a batch tried there, until done
  bonus check FILE.csv [--cap 20.00] [--allow-rejected]
                                       validate a ledger (WorkerId, AssignmentId, Amount, Reason) and show the
                                       dry run: totals with the 20 % fee per worker, balance after (exits 1 on errors)
  bonus send FILE.csv [--name N]       check, ask, then pay every row exactly once (the same file again pays nothing new)
  spend [--by day|week|batch] [--archive ID]   approved rewards, bonuses and MTurk's fees per UTC day, week or batch
  bonus rule --batch ID --per-gold 0.10 | --agreement-at-least 0.8 --amount 0.50 --out FILE.csv
                                       a ledger file from a rule over a batch's quality report (who gets what; pays nothing)
  bonus status LEDGER                  each row of a ledger: paid, failed (MTurk's message), unsent, already paid
  bonus reconcile [LEDGER]             compare ledgers with MTurk's payments: paid / failed / missing, and strangers
  pay compensate --workers W1,W2 --amount 1.00 --reason TEXT [--message TEXT]
                                       a HIT only those workers can see, paying the amount (repeating it pays nobody twice)
  pay settle                           approve what compensated workers submitted (also done after every sync in the app)
  pay status                           every compensation: its HIT and who has been paid
  workers list [--search PREFIX] [--workers-file FILE] [--limit N]   everyone who worked for you, with counts,
                                       approval rate for you, earnings, last seen, blocked
  workers show WORKER_ID               the dossier: work and answers, bonuses, messages, scores, blocks, notes
  workers block | unblock WORKER_ID... --reason TEXT [--soft] [--workers-file FILE]
                                       hard block (CreateWorkerBlock; counts against the worker) or --soft: a private
                                       exclusion qualification (add a DoesNotExist requirement on it to your HITs)
  workers note WORKER_ID TEXT          a private note in the dossier
  workers quality                      every worker's agreement with the consensus and accuracy on gold
  workers tag WORKER_ID [TAG...]       set the worker's private tags (none clears them)
  message send --workers-file FILE --subject S --body-file F   NotifyWorkers in chunks of 100; {worker_id} in the
                                       subject or body is replaced; limits checked first; each delivery is stored
  quals list                           qualification types
  quals create --name N --description D [--test-file F --answer-key-file F --test-duration S] [--retry-delay S]
               [--auto-grant SCORE] [--keywords K]
  quals update TYPE_ID [--description D] [--status Active|Inactive] [--test-file F …] [--retry-delay S]
  quals delete TYPE_ID                 says which archived HIT types and open HITs require it, asks, deletes
  quals grant | revoke --type ID --workers-file FILE [--score N] [--notify] [--reason TEXT]
                                       ids one per line, or a CSV with a "Worker ID" column (the website's worker CSV;
                                       a Score or UPDATE-… column gives each worker's score); no e-mail unless --notify;
                                       a negative score is written --score=-3
  quals requests [--type ID]           open qualification requests with their test answers
  quals accept REQUEST_ID... [--score N] | quals reject REQUEST_ID... [--reason TEXT]
  notifications list                   each HIT type and where its events go (as last set from Turkbench)
  notifications set --hit-type-id ID --transport SQS|SNS|Email --destination D --events E1,E2 [--version V] [--inactive]
                                       checked first (queue URL, topic ARN or address; event names), then set on MTurk
  notifications on | off --hit-type-id ID   switch a HIT type's notifications on or off
  notifications test --hit-type-id ID [--event Ping|AssignmentSubmitted|…]   one test event to its destination
  notifications feed [--after SEQ]     what the built-in Local MTurk would have sent (its event log)
  exclude --from-batch ID | --from-hit-type ID | --from-study NAME --into-type TYPE_ID [--always | --never]
                                       grant the exclusion type to everyone who submitted there (journaled, no e-mail;
                                       your new HITs require it absent); --always repeats it after every sync
  exclude rules                        batches and HIT types that exclude their workers after every sync
  exclude registry [export [--study S] [--out FILE] | import FILE]   participants per study (named after the
                                       exclusion type), as CSV study,worker_id, to keep across accounts
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
  review: reviewVerb,
  jobs: jobsVerb,
  batch: batchVerb,
  local: localVerb,
  bonus: bonusVerb,
  workers: workersVerb,
  message: messageVerb,
  quals: qualsVerb,
  notifications: (command, session) => notificationsVerb(command, session),
  exclude: excludeVerb,
  spend: (command, session) => spendVerb(command, session),
  pay: payVerb,
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
    if (verb === 'batch' && FOLDER_ONLY_BATCH_VERBS.has(command.words[1] ?? '')) {
      await batchFolderVerb(command, createOutput(json));
      return 0;
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
