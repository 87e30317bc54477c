import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readUserText, writeUserFile } from '../../../cli/user-files';

const dir = mkdtempSync(join(tmpdir(), 'tb-user-files-'));
const fileOf = (name: string, bytes: Uint8Array): string => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};
const read = (path: string): { text: string; notes: string[] } => {
  const notes: string[] = [];
  return { text: readUserText(path, `--from-file ${path}`, { note: (line) => notes.push(line) }), notes };
};
const failure = (path: string): string => {
  try {
    read(path);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a failure');
};

describe('files named on the command line', () => {
  it('reads UTF-8 as it is, without its byte order mark, and says nothing', () => {
    const path = fileOf('utf8.csv', Buffer.from('\uFEFFAssignmentId,Feedback\nA1,Réponse incomplète\n'));
    expect(read(path)).toEqual({ text: 'AssignmentId,Feedback\nA1,Réponse incomplète\n', notes: [] });
  });

  it('converts Windows-1252 (what Excel saves as CSV) and says so: accented feedback is never sent as replacement characters', () => {
    const path = fileOf('excel.csv', Buffer.from('AssignmentId,Feedback\nA1,Réponse incomplète\n', 'latin1'));
    const { text, notes } = read(path);
    expect(text).toBe('AssignmentId,Feedback\nA1,Réponse incomplète\n');
    expect(text).not.toContain('\uFFFD');
    expect(notes).toEqual([`${path}: Read as Windows-1252 (Western European): the file is not UTF-8. Check its accented letters in what is shown before you confirm; if they look wrong, save the file as UTF-8 and run the command again.`]);
  });

  it('converts UTF-16 with a byte order mark (Excel\'s "Unicode text") and says so', () => {
    const path = fileOf('utf16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('A1\r\nA2\r\n', 'utf16le')]));
    expect(read(path)).toEqual({ text: 'A1\r\nA2\r\n', notes: [`${path}: Read as UTF-16LE (the file's byte order mark says so).`] });
  });

  it('refuses text it cannot tell the encoding of, naming the file and the line, with advice for the command line', () => {
    const path = fileOf('mixed.txt', Buffer.from([0x41, 0x0a, 0xe4, 0xb8, 0x0a, 0x81, 0x82, 0x83, 0x84, 0x85, 0x0a]));
    const message = failure(path);
    expect(message).toContain(`${path}: The file is`);
    expect(message).toMatch(/line 2/);
    expect(message).toMatch(/run the command again\.$/);
  });

  it('names the option and the file it cannot read', () => {
    expect(failure(join(dir, 'missing.csv'))).toBe(`Cannot read --from-file ${join(dir, 'missing.csv')}.`);
  });

  it('says why it cannot write a file, naming it, instead of a stack trace', () => {
    const missing = join(dir, 'no-such-folder', 'out.csv');
    expect(() => writeUserFile(missing, 'x', `--out ${missing}`)).toThrow(`Cannot write --out ${missing}: its folder does not exist.`);
    expect(() => writeUserFile(dir, 'x', `--out ${dir}`)).toThrow(`Cannot write --out ${dir}: it is a folder; name a file in it.`);
  });
});
