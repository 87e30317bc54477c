import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { defaultDataDir } from '../electron/core/data-dir';
import { DataFolderBusyError } from '../electron/core/data-folder-lock';
import { createServices, type Services } from '../electron/core/services';
import { fileSink } from '../electron/logging/file-sink';
import { createLogger } from '../electron/logging/logger';
import type { ConnectionContext } from '../electron/services/connections/connection-context';
import { parseCount, type GlobalOptions } from './args';
import type { Output } from './output';
import { CliFailure } from './output';

export interface Session {
  readonly services: Services;
  readonly dataDir: string;
  readonly out: Output;
  /** The connection the command acts on: --connection NAME, else the active one. */
  context(): ConnectionContext;
  /** What a read-only command reads: the kept archive `--archive ID` names, else `context()`. */
  readContext(archive: string | boolean | undefined): ConnectionContext;
  close(): Promise<void>;
}

/**
 * Opens the data folder the way the app does (same services, same journal, same archive) and says what a crash or quit
 * left unfinished. The app holding the folder is refused with a clear message rather than sharing it.
 */
export function openSession(global: GlobalOptions, out: Output, env: NodeJS.ProcessEnv = process.env): Session {
  const dataDir = resolve(global.dataDir ?? defaultDataDir(env));
  const log = createLogger('cli', fileSink(join(dataDir, 'logs', 'turkbench.log')));
  let services: Services;
  try {
    services = createServices({ dataDir, log, keychain: { unavailable: 'the command line cannot reach the OS keychain; use an AWS profile or environment variables.' }, env, homeDir: homedir(), front: 'the turkbench CLI' });
  } catch (cause) {
    if (cause instanceof DataFolderBusyError) throw new CliFailure(cause.message, 1);
    throw cause;
  }
  const interrupted = services.actionJobs.markInterrupted(Date.now());
  const unfinished = services.jobs.list().filter((job) => job.state === 'interrupted');
  if (interrupted > 0 || unfinished.length > 0) {
    out.note(`${unfinished.length} job(s) were left unfinished by a crash or quit: ${unfinished.map((j) => `${j.label} (${j.done}/${j.total})`).join('; ')}.`);
    out.note('Run "turkbench jobs resume" to finish them; nothing already done is done again.');
  }
  return {
    services,
    dataDir,
    out,
    context: () => {
      if (global.connection === undefined) return services.contexts.active();
      const named = services.contexts.byName(global.connection);
      if (!named.ok) throw CliFailure.from(named.error);
      return named.value;
    },
    readContext(archive) {
      if (archive === undefined) return this.context();
      if (global.connection !== undefined) throw new CliFailure('Use --archive ID or --connection NAME, not both: a kept archive is read without a connection.', 2);
      const kept = services.contexts.forArchive(parseCount(typeof archive === 'string' ? archive : undefined, 'archive', 1, Number.MAX_SAFE_INTEGER));
      if (!kept.ok) throw CliFailure.from(kept.error);
      return kept.value;
    },
    close: () => services.dispose(),
  };
}
