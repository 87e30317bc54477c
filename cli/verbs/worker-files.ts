import { parseWorkerList, type WorkerListEntry } from '../../shared/domain/worker-list';
import { CliFailure, type Output } from '../output';
import { readUserText } from '../user-files';

/** Reads the file an option names (see `readUserText`); a missing or unreadable one is a clear failure naming it. */
export function readUserFile(path: string, option: string, out: Pick<Output, 'note'>): string {
  return readUserText(path, `--${option} ${path}`, out);
}

/** Workers from `--workers-file` (ids one per line, or a CSV with a Worker ID column and maybe scores) and/or words. */
export function workersFrom(words: readonly string[], file: string | boolean | undefined, out: Pick<Output, 'note'>): WorkerListEntry[] {
  const entries = new Map<string, WorkerListEntry>();
  if (typeof file === 'string') {
    const parsed = parseWorkerList(readUserFile(file, 'workers-file', out), file);
    if (!parsed.ok) throw CliFailure.from(parsed.error);
    for (const entry of parsed.value) entries.set(entry.workerId, entry);
  }
  if (words.length > 0) {
    const parsed = parseWorkerList(words.join('\n'), 'the command line');
    if (!parsed.ok) throw CliFailure.from(parsed.error);
    for (const entry of parsed.value) if (!entries.has(entry.workerId)) entries.set(entry.workerId, entry);
  }
  if (entries.size === 0) throw new CliFailure('Name the workers: WORKER_ID... or --workers-file FILE.', 2);
  return [...entries.values()];
}
