import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { allowOnly, type ParsedCommand } from '../args';
import { CliFailure } from '../output';
import type { Session } from '../session';

export async function archiveVerb(command: ParsedCommand, session: Session): Promise<void> {
  const [, sub, file] = command.words;
  const { services, out } = session;
  const context = session.context();
  switch (sub) {
    case 'import': {
      allowOnly(command, 'archive import', []);
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
      allowOnly(command, 'archive export', ['format', 'out']);
      const format = command.options.format ?? 'csv';
      if (format !== 'csv' && format !== 'json') throw new CliFailure('--format is csv or json.', 2);
      const target = command.options.out;
      if (typeof target !== 'string') throw new CliFailure('archive export needs --out FILE.', 2);
      const exported = await services.archive.exportFile(format, undefined, context);
      if (!exported.ok) throw CliFailure.from(exported.error);
      writeFileSync(target, exported.value.text);
      out.result({ file: target, rows: exported.value.rows }, () => `Wrote ${exported.value.rows} assignments to ${target}.`);
      return;
    }
    default:
      throw new CliFailure(`Unknown "archive ${sub ?? ''}". Use: archive import FILE | archive export --format csv|json --out FILE`, 2);
  }
}
