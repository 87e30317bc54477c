import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SecretStore, StoredKeys } from '../../mturk/credentials';

/** Turns text into ciphertext and back using the OS keychain (Electron's safeStorage in the app). */
export interface Cipher {
  encrypt(plain: string): Buffer;
  decrypt(cipher: Buffer): string;
}

export type KeychainAvailability = { readonly available: true } | { readonly available: false; readonly reason: string };

export interface SecretVault extends SecretStore {
  availability(): KeychainAvailability;
  has(connectionId: string): boolean;
  set(connectionId: string, keys: StoredKeys): void;
  delete(connectionId: string): void;
}

export class KeychainUnavailableError extends Error {}

/**
 * Keys typed into the app, each encrypted separately with the OS keychain and kept in one file.
 * Without a real keychain there is no vault at all: storing keys "encrypted" with a key that sits
 * next to them would only pretend to protect them, so we refuse and say why.
 */
export function createEncryptedFileVault(file: string, keychain: { cipher: Cipher } | { unavailable: string }): SecretVault {
  const read = (): Record<string, string> => {
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    } catch {
      return {};
    }
  };
  const write = (entries: Record<string, string>): void => {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(`${file}.tmp`, JSON.stringify(entries), { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
  };
  const cipher = 'cipher' in keychain ? keychain.cipher : null;

  return {
    availability: () => (cipher ? { available: true } : { available: false, reason: 'unavailable' in keychain ? keychain.unavailable : '' }),
    has: (id) => cipher !== null && typeof read()[id] === 'string',
    get(id) {
      const sealed = read()[id];
      if (!cipher || !sealed) return null;
      return JSON.parse(cipher.decrypt(Buffer.from(sealed, 'base64'))) as StoredKeys;
    },
    set(id, keys) {
      if (!cipher) throw new KeychainUnavailableError('unavailable' in keychain ? keychain.unavailable : 'No keychain');
      write({ ...read(), [id]: cipher.encrypt(JSON.stringify({ accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey })).toString('base64') });
    },
    delete(id) {
      const entries = read();
      if (!(id in entries)) return;
      delete entries[id];
      write(entries);
    },
  };
}
