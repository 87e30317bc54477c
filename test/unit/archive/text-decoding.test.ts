import { describe, expect, it } from 'vitest';
import { decodeImportBytes } from '../../../shared/domain/text-decoding';

const TEXT = '€uro,日本語,Zürich\r\nprice,"1,50 €",naïve\r\n';
const utf16be = (text: string): Buffer => Buffer.from(text, 'utf16le').swap16();

describe('decodeImportBytes without a byte order mark', () => {
  it.each([
    ['UTF-16LE', Buffer.from(TEXT, 'utf16le')],
    ['UTF-16BE', utf16be(TEXT)],
  ])('recognises %s whose first character has no zero byte (€), by the zero bytes of the rest', (encoding, bytes) => {
    const decoded = decodeImportBytes(bytes);
    expect(decoded).toMatchObject({ ok: true, value: { text: TEXT, encoding } });
  });

  it('recognises UTF-16LE text that is mostly not Latin, as long as a third of it is', () => {
    const text = `${'日本語のテキスト'.repeat(20)}\r\n${'plain ascii line\r\n'.repeat(10)}`;
    expect(decodeImportBytes(Buffer.from(text, 'utf16le'))).toMatchObject({ ok: true, value: { text, encoding: 'UTF-16LE' } });
  });

  it('never reads zero bytes as Windows-1252 text: bytes it cannot place are refused, naming what to do', () => {
    const bytes = Buffer.from([0x80, 0x41, 0x00, 0x42, 0xe9, 0x00, 0x43, 0x0a, 0x44, 0x00, 0x45, 0xe8]);
    const decoded = decodeImportBytes(bytes);
    expect(decoded).toMatchObject({ ok: false, error: { field: 'encoding', message: expect.stringMatching(/^The file is not UTF-8 text .* does not look like Windows-1252 either/) } });
  });

  it('still reads plain Windows-1252 and UTF-8', () => {
    expect(decodeImportBytes(Buffer.from('a,café\n', 'latin1'))).toMatchObject({ ok: true, value: { text: 'a,café\n', encoding: 'Windows-1252' } });
    expect(decodeImportBytes(Buffer.from('a,café\n'))).toMatchObject({ ok: true, value: { text: 'a,café\n', encoding: 'UTF-8', note: null } });
  });
});
