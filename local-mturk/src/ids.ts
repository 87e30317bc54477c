/**
 * Identifiers in MTurk's observed formats: 30-char [A-Z0-9] entity ids starting with '3',
 * 'A' + 13 chars for workers. Random (not seeded): ids only need to be unique, never reproducible.
 */
import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function randomChars(count: number): string {
  const bytes = randomBytes(count);
  let out = '';
  // 252 = 7 × 36: rejecting bytes ≥ 252 would be unbiased, but the tiny bias is irrelevant for ids.
  for (const byte of bytes) out += ALPHABET[byte % ALPHABET.length];
  return out;
}

export function newEntityId(): string {
  return `3${randomChars(29)}`;
}

export function newWorkerId(): string {
  return `A${randomChars(13)}`;
}

export function newRequestId(): string {
  return crypto.randomUUID();
}
