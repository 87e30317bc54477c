/**
 * The bytes of an imported file → text, strictly: a byte sequence that is not valid in the encoding chosen is an
 * error, never a replacement character. UTF-8 (with or without BOM) is read silently; UTF-16 and UTF-32 (either
 * byte order, with a BOM or recognised by the NUL bytes ASCII leaves in them) and Windows-1252 are converted and
 * named in the result, so the import can say how the file was read.
 */
import { appError } from '../errors';
import { err, ok, type Result } from '../result';

export type ImportEncoding = 'UTF-8' | 'UTF-16LE' | 'UTF-16BE' | 'UTF-32LE' | 'UTF-32BE' | 'Windows-1252';

export interface DecodedFile {
  readonly text: string;
  readonly encoding: ImportEncoding;
  /** Plain words for the import result when the file was not plain UTF-8; null when it was. */
  readonly note: string | null;
}

/** The advice at the end of a refusal or a conversion note: an import's, unless the caller reads another kind of file. */
export interface DecodeWording {
  /** After "not valid …" refusals. */
  readonly saveAsUtf8: string;
  /** After "damaged UTF-8". */
  readonly damaged: string;
  /** After "Read as Windows-1252". */
  readonly checkWestern: string;
}

export const IMPORT_WORDING: DecodeWording = {
  saveAsUtf8: 'Save it as "CSV UTF-8" (in Excel: File → Save As → CSV UTF-8) and import it again.',
  damaged: 'Download or export it again and import the new file.',
  checkWestern: 'Check accented letters in the archive; if they look wrong, save the file as CSV UTF-8 and import it again.',
};

function refuse(message: string): Result<DecodedFile> {
  return err(appError('validation', message, { field: 'encoding' }));
}

/** The encoding a BOM announces, and how many bytes it takes. UTF-32LE first: its BOM begins like UTF-16LE's. */
function bomOf(b: Uint8Array): { encoding: ImportEncoding; length: number } | null {
  if (b[0] === 0xff && b[1] === 0xfe && b[2] === 0x00 && b[3] === 0x00) return { encoding: 'UTF-32LE', length: 4 };
  if (b[0] === 0x00 && b[1] === 0x00 && b[2] === 0xfe && b[3] === 0xff) return { encoding: 'UTF-32BE', length: 4 };
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'UTF-8', length: 3 };
  if (b[0] === 0xff && b[1] === 0xfe) return { encoding: 'UTF-16LE', length: 2 };
  if (b[0] === 0xfe && b[1] === 0xff) return { encoding: 'UTF-16BE', length: 2 };
  return null;
}

/** How many bytes from the start are looked at to recognise UTF-16/32 without a BOM. */
const SAMPLE_BYTES = 4096;

/**
 * Without a BOM, UTF-16 and UTF-32 text is recognised by its zero bytes: mostly-ASCII text leaves a zero in every
 * high byte, at fixed places (odd bytes for UTF-16LE, even for UTF-16BE; the top two of each four for UTF-32). The
 * whole sample is counted, not just the first character, which may be one (€, 中) without a zero byte. Text in one
 * byte per character (UTF-8, Windows-1252) has almost no zero bytes at all.
 */
function wideEncodingOf(b: Uint8Array): ImportEncoding | null {
  const length = Math.min(b.length, SAMPLE_BYTES) & ~3;
  if (length < 4) return null;
  const zeros = [0, 0, 0, 0];
  for (let at = 0; at < length; at++) if (b[at] === 0) zeros[at & 3]!++;
  const [z0, z1, z2, z3] = zeros as [number, number, number, number];
  const perPlace = length / 4;
  const mostly = (count: number): boolean => count >= 0.9 * perPlace;
  const rarely = (count: number): boolean => count <= 0.1 * perPlace;
  if (mostly(z2) && mostly(z3) && rarely(z0)) return 'UTF-32LE';
  if (mostly(z0) && mostly(z1) && rarely(z3)) return 'UTF-32BE';
  const odd = (z1 + z3) / (2 * perPlace);
  const even = (z0 + z2) / (2 * perPlace);
  if (odd >= 0.3 && even <= 0.05) return 'UTF-16LE';
  if (even >= 0.3 && odd <= 0.05) return 'UTF-16BE';
  return null;
}

/** TextDecoder has no UTF-32; code points are read here and checked like a strict decoder would. */
function decodeUtf32(bytes: Uint8Array, littleEndian: boolean): string | null {
  if (bytes.length % 4 !== 0) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: string[] = [];
  const chunk: number[] = [];
  for (let at = 0; at < bytes.length; at += 4) {
    const point = view.getUint32(at, littleEndian);
    if (point > 0x10ffff || (point >= 0xd800 && point <= 0xdfff)) return null;
    chunk.push(point);
    if (chunk.length === 8192) parts.push(String.fromCodePoint(...chunk.splice(0)));
  }
  parts.push(String.fromCodePoint(...chunk));
  return parts.join('');
}

function strict(label: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

function decodeAs(encoding: ImportEncoding, bytes: Uint8Array): string | null {
  switch (encoding) {
    case 'UTF-8': return strict('utf-8', bytes);
    case 'UTF-16LE': return strict('utf-16le', bytes);
    case 'UTF-16BE': return strict('utf-16be', bytes);
    case 'UTF-32LE': return decodeUtf32(bytes, true);
    case 'UTF-32BE': return decodeUtf32(bytes, false);
    case 'Windows-1252': return strict('windows-1252', bytes);
  }
}

/** 1-based line of the first byte that is not valid UTF-8, so the refusal can say where to look. */
function firstBadUtf8Line(bytes: Uint8Array): number {
  let line = 1;
  let at = 0;
  while (at < bytes.length) {
    const b = bytes[at]!;
    if (b === 0x0a) line++;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0 || strict('utf-8', bytes.subarray(at, at + length)) === null) return line;
    at += length;
  }
  return line;
}

/**
 * Mostly valid multi-byte UTF-8 with a few invalid bytes means a damaged UTF-8 file: reading it all as Windows-1252
 * would garble every accented letter ("é" as "Ã©"). Other encodings form valid sequences only now and then by chance,
 * so they have more invalid bytes than valid sequences.
 */
function looksLikeDamagedUtf8(bytes: Uint8Array): boolean {
  const continuation = (at: number): boolean => bytes[at] !== undefined && bytes[at]! >= 0x80 && bytes[at]! <= 0xbf;
  let valid = 0;
  let invalid = 0;
  for (let at = 0; at < bytes.length; ) {
    const b = bytes[at]!;
    if (b < 0x80) {
      at++;
      continue;
    }
    const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    const second = bytes[at + 1] ?? 0;
    // The second byte's narrower ranges after E0, ED, F0 and F4 exclude overlong forms and surrogates.
    let ok = length > 0 && (b === 0xe0 ? second >= 0xa0 : b === 0xed ? second <= 0x9f : b === 0xf0 ? second >= 0x90 : b === 0xf4 ? second <= 0x8f : true);
    for (let k = 1; ok && k < length; k++) ok = continuation(at + k);
    if (ok) {
      valid++;
      at += length;
    } else {
      invalid++;
      at++;
    }
  }
  return valid > invalid;
}

/**
 * Windows-1252 is what Excel writes as "CSV" on Western Windows machines. Bytes it leaves undefined (read as C1
 * controls) or long runs of high bytes (how CJK encodings look) mean it is some other encoding: refused, not guessed.
 */
function looksLikeWindows1252(bytes: Uint8Array, text: string): boolean {
  // A zero byte is no character of a Windows text file; C1 controls are bytes Windows-1252 leaves undefined.
  if (/[\u0000\u0080-\u009f]/.test(text)) return false;
  let run = 0;
  for (const b of bytes) {
    run = b >= 0x80 ? run + 1 : 0;
    if (run >= 4) return false;
  }
  return true;
}

export function decodeImportBytes(bytes: Uint8Array, wording: DecodeWording = IMPORT_WORDING): Result<DecodedFile> {
  const bom = bomOf(bytes);
  if (bom) {
    const text = decodeAs(bom.encoding, bytes.subarray(bom.length));
    if (text === null) return refuse(`The file starts with a ${bom.encoding} byte order mark but is not valid ${bom.encoding} text. ${wording.saveAsUtf8}`);
    // A UTF-8 BOM stays in the text: the CSV reader records it so an export can write the file back the same way.
    if (bom.encoding === 'UTF-8') return ok({ text: `\uFEFF${text}`, encoding: 'UTF-8', note: null });
    return ok({ text, encoding: bom.encoding, note: `Read as ${bom.encoding} (the file's byte order mark says so).` });
  }
  const wide = wideEncodingOf(bytes);
  if (wide) {
    const text = decodeAs(wide, bytes);
    if (text === null) return refuse(`The file looks like ${wide} text (it has the zero bytes of that encoding) but is not valid ${wide}. ${wording.saveAsUtf8}`);
    return ok({ text, encoding: wide, note: `Read as ${wide}: the file has no byte order mark, but its zero bytes are those of ${wide}.` });
  }
  const utf8 = decodeAs('UTF-8', bytes);
  if (utf8 !== null) return ok({ text: utf8, encoding: 'UTF-8', note: null });
  if (looksLikeDamagedUtf8(bytes)) {
    return refuse(
      `The file is UTF-8 text with invalid bytes in it (the first is on line ${firstBadUtf8Line(bytes)}), as if it was damaged or cut short. ${wording.damaged}`,
    );
  }
  const western = decodeAs('Windows-1252', bytes);
  if (western !== null && looksLikeWindows1252(bytes, western)) {
    return ok({
      text: western,
      encoding: 'Windows-1252',
      note: `Read as Windows-1252 (Western European): the file is not UTF-8. ${wording.checkWestern}`,
    });
  }
  return refuse(
    `The file is not UTF-8 text (the first invalid byte is on line ${firstBadUtf8Line(bytes)}) and does not look like Windows-1252 either, so Turkbench cannot tell which encoding it uses. ${wording.saveAsUtf8}`,
  );
}

/**
 * A file the user chose to read text from (a worker list, a review file), not an import kept for re-export: its text
 * without a byte order mark, and a note or a refusal that names the file.
 */
export function decodeUserFile(
  fileName: string,
  bytes: Uint8Array,
  wording: DecodeWording,
): { readonly ok: true; readonly text: string; readonly note: string | null } | { readonly ok: false; readonly problem: string } {
  const decoded = decodeImportBytes(bytes, wording);
  if (!decoded.ok) return { ok: false, problem: `${fileName}: ${decoded.error.message}` };
  const { text, note } = decoded.value;
  return { ok: true, text: text.replace(/^\uFEFF/, ''), note: note === null ? null : `${fileName}: ${note}` };
}
