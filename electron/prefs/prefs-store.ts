import type { Preferences, PreferencesPatch } from '../../shared/preferences';

/** The preferences port: electron-store in the desktop app, a JSON file in serve mode, memory in tests. */
export interface PrefsStore {
  get(): Preferences;
  set(patch: PreferencesPatch): Preferences;
}
