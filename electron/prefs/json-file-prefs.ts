import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { normalizePreferences, type Preferences, type PreferencesPatch } from '../../shared/preferences';
import type { Logger } from '../logging/logger';
import type { PrefsStore } from './prefs-store';

/**
 * Serve-mode preferences in a JSON file (the desktop app uses electron-store with the same schema).
 * Writes go to a temp file and are renamed over the old one, so a crash never leaves half a file.
 */
export function createJsonFilePrefs(file: string, log: Logger): PrefsStore {
  let current = load();

  function load(): Preferences {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code !== 'ENOENT') {
        log.warn(`preferences at ${file} could not be read; using defaults`, cause);
      }
      return normalizePreferences({});
    }
    return normalizePreferences(raw);
  }

  return {
    get: () => current,
    set(patch: PreferencesPatch): Preferences {
      current = normalizePreferences({ ...current, ...patch });
      mkdirSync(dirname(file), { recursive: true });
      const tmp = `${file}.tmp`;
      writeFileSync(tmp, JSON.stringify(current, null, 2));
      renameSync(tmp, file);
      return current;
    },
  };
}

export function createMemoryPrefs(initial: unknown = {}): PrefsStore {
  let current = normalizePreferences(initial);
  return {
    get: () => current,
    set: (patch) => (current = normalizePreferences({ ...current, ...patch })),
  };
}
