import { create } from 'zustand';
import type { AppInfo, ConnectionStatus } from '../../../shared/contract/app';
import type { AppError } from '../../../shared/errors';
import type { AreaId, Preferences, PreferencesPatch } from '../../../shared/preferences';
import { DEFAULT_PREFERENCES } from '../../../shared/preferences';
import type { TurkbenchBridge } from '../../../shared/contract';
import { LiveQuery } from '../data/live-query';

export interface AppState {
  readonly status: 'loading' | 'ready' | 'no-session' | 'failed';
  readonly info: AppInfo | null;
  readonly connection: ConnectionStatus | null;
  readonly prefs: Preferences;
  readonly error: AppError | null;
  /** Reads everything the shell needs and follows its changes; a second call replaces the first one's listeners. */
  load(): Promise<void>;
  /** Stops following preferences and the connection (the window closes, or a test ends). */
  dispose(): void;
  updatePrefs(patch: PreferencesPatch): Promise<void>;
  goTo(area: AreaId): void;
}

/** The shell's store over a bridge (null: the page was opened without a session). */
export function createAppStore(bridge: TurkbenchBridge | null) {
  let followers: LiveQuery<unknown>[] = [];
  const stopFollowing = (): void => {
    followers.forEach((live) => live.dispose());
    followers = [];
  };

  return create<AppState>((set, get) => ({
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
      stopFollowing();
      const api = bridge.api;
      // Each follows its event from before its first answer, so a change that overtakes the answer is not lost.
      const prefs = new LiveQuery<Preferences>(bridge, () => api['prefs.get'](), { patches: { 'prefs.changed': (_, next) => next } }, (state) => {
        if (state.value) set({ prefs: state.value });
      });
      const connection = new LiveQuery<ConnectionStatus>(bridge, () => api['connection.status'](), { patches: { 'connection.changed': (_, next) => next } }, (state) =>
        set({ connection: state.value }),
      );
      followers = [prefs, connection] as LiveQuery<unknown>[];
      const [info] = await Promise.all([api['app.info'](), prefs.start(), connection.start()]);
      if (!info.ok) return set({ status: 'failed', error: info.error });
      if (prefs.state.error) return set({ status: 'failed', error: prefs.state.error });
      set({ status: 'ready', info: info.value });
    },

    dispose() {
      stopFollowing();
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
}
