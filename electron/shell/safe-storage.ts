import { safeStorage } from 'electron';
import type { Cipher } from '../services/connections/secret-vault';

/**
 * The OS keychain via safeStorage. On Linux without a secret service, Electron falls back to a
 * hard-coded password ("basic_text"): that is not protection, so we report no keychain instead.
 */
export function osKeychain(): { cipher: Cipher } | { unavailable: string } {
  if (!safeStorage.isEncryptionAvailable()) {
    return { unavailable: 'this system offers no keychain to encrypt them with.' };
  }
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
    return { unavailable: 'no secret service (GNOME Keyring or KWallet) is running, so they could only be stored in plain text.' };
  }
  return {
    cipher: {
      encrypt: (plain) => safeStorage.encryptString(plain),
      decrypt: (sealed) => safeStorage.decryptString(sealed),
    },
  };
}
