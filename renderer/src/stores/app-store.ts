import { create } from 'zustand';
import type { AppInfo, ConnectionStatus } from '../../../shared/contract/app';
import type { AppError } from '../../../shared/errors';
import type { AreaId, Preferences, PreferencesPatch } from '../../../shared/preferences';
import { DEFAULT_PREFERENCES } from '../../../shared/preferences';
import { bridge } from '../api/bridge';

interface AppState {
  readonly status: 'loading' | 'ready' | 'no-session' | 'failed';
  readonly info: AppInfo | null;
  readonly connection: ConnectionStatus | null;
  readonly prefs: Preferences;
  readonly error: AppError | null;
  load(): Promise<void>;
  updatePrefs(patch: PreferencesPatch): Promise<void>;
  goTo(area: AreaId): void;
}

export const useAppStore = create<AppState>((set, get) => ({
  status: 'loading',
  info: null,
  connection: null,
  prefs: DEFAULT_PREFERENCES,
  error: null,

  async load() {
    if (!bridge) {
      set({ status: 'no-session' });
      return;
    }
    const [info, prefs, connection] = await Promise.all([
      bridge.api['app.info'](),
      bridge.api['prefs.get'](),
      bridge.api['connection.status'](),
    ]);
    if (!info.ok) return set({ status: 'failed', error: info.error });
    if (!prefs.ok) return set({ status: 'failed', error: prefs.error });
    set({
      status: 'ready',
      info: info.value,
      prefs: prefs.value,
      connection: connection.ok ? connection.value : null,
    });
    bridge.on('prefs.changed', (next) => set({ prefs: next }));
    bridge.on('connection.changed', (next) => set({ connection: next }));
  },

  async updatePrefs(patch) {
    // Optimistic: the UI answers at once; the main process's answer is the truth.
    set({ prefs: { ...get().prefs, ...patch } });
    const result = await bridge?.api['prefs.set'](patch);
    if (result?.ok) set({ prefs: result.value, error: null });
    else if (result) set({ error: result.error });
  },

  goTo(area) {
    if (get().prefs.lastArea !== area) void get().updatePrefs({ lastArea: area });
  },
}));
