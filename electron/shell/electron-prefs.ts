import Store from 'electron-store';
import { DEFAULT_PREFERENCES, normalizePreferences, type Preferences } from '../../shared/preferences';
import type { PrefsStore } from '../prefs/prefs-store';

/** Desktop preferences via electron-store (in the userData folder); validated on every read. */
export function createElectronPrefs(): PrefsStore {
  const store = new Store<Preferences>({ name: 'preferences', defaults: DEFAULT_PREFERENCES });
  return {
    get: () => normalizePreferences(store.store),
    set(patch) {
      const next = normalizePreferences({ ...store.store, ...patch });
      store.store = next;
      return next;
    },
  };
}
