/**
 * Text files the user names on the command line (id lists, review files, message bodies, qualification tests) are
 * read as imports are: strictly. UTF-8 as it is; UTF-16/32 and Windows-1252 converted, and said; anything else
 * refused naming the file, never read with replacement characters into text that is sent to workers.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { decodeUserFile, type DecodeWording } from '../shared/domain/text-decoding';
import { CliFailure, type Output } from './output';

const CLI_WORDING: DecodeWording = {
  saveAsUtf8: 'Save it as UTF-8 (in Excel: File → Save As → CSV UTF-8; in a text editor: save with the encoding UTF-8) and run the command again.',
  damaged: 'Save or export it again and run the command with the new file.',
  checkWestern: 'Check its accented letters in what is shown before you confirm; if they look wrong, save the file as UTF-8 and run the command again.',
};

/** `name` is how the user gave it (e.g. "--from-file ids.csv"); a conversion is noted on stderr. */
export function readUserText(path: string, name: string, out: Pick<Output, 'note'>): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new CliFailure(`Cannot read ${name}.`, 1);
  }
  const decoded = decodeUserFile(path, bytes, CLI_WORDING);
  if (!decoded.ok) throw new CliFailure(decoded.problem, 2);
  if (decoded.note !== null) out.note(decoded.note);
  return decoded.text;
}

/** Writes a file the user asked for; a folder that does not exist or cannot be written is a clear failure naming it. */
export function writeUserFile(path: string, content: string | Uint8Array, name: string): void {
  try {
    writeFileSync(path, content);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'its folder does not exist'
      : code === 'EISDIR' ? 'it is a folder; name a file in it'
      : code === 'EACCES' || code === 'EPERM' ? 'Turkbench may not write there'
      : (cause as Error).message;
    throw new CliFailure(`Cannot write ${name}: ${why}.`, 1);
  }
}
