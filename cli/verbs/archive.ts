import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { allowOnly, type ParsedCommand } from '../args';
import { CliFailure, table } from '../output';
import type { Session } from '../session';
import { writeUserFile } from '../user-files';

export async function archiveVerb(command: ParsedCommand, session: Session): Promise<void> {
  const [, sub, file] = command.words;
  const { services, out } = session;
  switch (sub) {
    case 'list':
      allowOnly(command, 'archive list', []);
      return listArchives(session);
    case 'import': {
      allowOnly(command, 'archive import', []);
      const context = session.context();
      if (!file) throw new CliFailure('Say which file: turkbench archive import FILE.csv', 2);
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch (cause) {
        throw new CliFailure(`Cannot read ${file}: ${(cause as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(cause)}.`, 1);
      }
      const imported = await services.archive.importBatchFile(basename(file), bytes.toString('base64'), context);
      if (!imported.ok) throw CliFailure.from(imported.error);
      out.result(imported.value, () =>
        [`Imported ${imported.value.rows} rows of ${imported.value.fileName}: ${imported.value.hits} HITs, ${imported.value.assignments} assignments.`, ...imported.value.notes].join('\n'),
      );
      return;
    }
    case 'export': {
      allowOnly(command, 'archive export', ['format', 'out', 'archive']);
      const context = session.readContext(command.options.archive);
      const format = command.options.format ?? 'csv';
      if (format !== 'csv' && format !== 'json') throw new CliFailure('--format is csv or json.', 2);
      const target = command.options.out;
      if (typeof target !== 'string') throw new CliFailure('archive export needs --out FILE.', 2);
      const exported = await services.archive.exportFile(format, undefined, context);
      if (!exported.ok) throw CliFailure.from(exported.error);
      writeUserFile(target, exported.value.text, `--out ${target}`);
      out.result({ file: target, rows: exported.value.rows }, () => `Wrote ${exported.value.rows} assignments to ${target}.`);
      return;
    }
    default:
      throw new CliFailure(`Unknown "archive ${sub ?? ''}". Use: archive list | archive import FILE | archive export --format csv|json --out FILE [--archive ID]`, 2);
  }
}

function listArchives(session: Session): void {
  const listed = session.services.archive.list();
  if (!listed.ok) throw CliFailure.from(listed.error);
  const archives = listed.value;
  session.out.result(archives, () =>
    archives.length === 0
      ? 'No archive on this computer yet: run "turkbench sync" or "turkbench archive import FILE".'
      : table(
          ['ID', 'LABEL', 'KIND', 'ENDPOINT', 'HITS', 'ASSIGNMENTS', 'LAST SYNC (UTC)', 'USED BY'],
          archives.map((a) => [
            String(a.archiveId),
            a.label.slice(0, 40),
            a.kind,
            a.kind === 'local' ? 'built-in' : a.endpoint,
            String(a.counts.hits),
            String(a.counts.assignments),
            a.lastSync ? `${new Date(a.lastSync.startedAt).toISOString().slice(0, 16).replace('T', ' ')} ${a.lastSync.status}` : 'never',
            a.usedBy.length > 0 ? a.usedBy.map((c) => c.label).join(', ') : '— (read with --archive ID)',
          ]),
        ),
  );
}
