import { create } from 'zustand';
import type { ConnectionsOverview, ConnectionTestResult } from '../../../shared/contract/connections';
import type { ConnectionConfig } from '../../../shared/domain/connections';
import type { AppError } from '../../../shared/errors';
import type { Result } from '../../../shared/result';
import type { TurkbenchBridge } from '../../../shared/contract';
import { LiveQuery } from '../data/live-query';

export type TestState = { readonly state: 'running' } | { readonly state: 'done'; readonly result: Result<ConnectionTestResult> };

export interface ConnectionsState {
  readonly overview: ConnectionsOverview | null;
  readonly tests: Readonly<Record<string, TestState>>;
  readonly error: AppError | null;
  /** Fetches the list and follows `connections.changed`; calling it again refetches, it never subscribes twice. */
  load(): Promise<void>;
  /** Stops following (tests, teardown). */
  dispose(): void;
  save(config: ConnectionConfig, keys?: { accessKeyId: string; secretAccessKey: string }): Promise<Result<unknown>>;
  remove(id: string): Promise<void>;
  activate(id: string, confirmProduction: boolean): Promise<Result<unknown>>;
  test(id: string): Promise<void>;
  forgetKeys(id: string): Promise<void>;
}

const noBridge: AppError = { kind: 'internal', message: 'Not connected to Turkbench.' };

/** The connections list and its actions over a bridge (null: no session). */
export function createConnectionsStore(bridge: TurkbenchBridge | null) {
  let live: LiveQuery<ConnectionsOverview> | null = null;

  return create<ConnectionsState>((set, get) => ({
    overview: null,
    tests: {},
    error: null,

    async load() {
      if (!bridge) return set({ error: noBridge });
      const api = bridge.api;
      live ??= new LiveQuery<ConnectionsOverview>(
        bridge,
        () => api['connections.list'](),
        { patches: { 'connections.changed': (_, overview) => overview } },
        (state) => set(state.error ? { error: state.error } : state.value ? { overview: state.value, error: null } : {}),
      );
      return live.start();
    },

    dispose() {
      live?.dispose();
      live = null;
    },

    async save(config, keys) {
      if (!bridge) return { ok: false, error: noBridge };
      const saved = await bridge.api['connections.save']({ config });
      if (!saved.ok || !keys) return saved;
      // Keys go to the main process once and are encrypted there; the form forgets them right after.
      return bridge.api['connections.storeKeys']({ id: config.id, ...keys });
    },

    async remove(id) {
      const result = await bridge?.api['connections.remove']({ id });
      if (result && !result.ok) set({ error: result.error });
    },

    async activate(id, confirmProduction) {
      if (!bridge) return { ok: false, error: noBridge };
      return bridge.api['connections.activate']({ id, confirmProduction });
    },

    async test(id) {
      set({ tests: { ...get().tests, [id]: { state: 'running' } } });
      const result = (await bridge?.api['connections.test']({ id })) ?? { ok: false, error: noBridge };
      set({ tests: { ...get().tests, [id]: { state: 'done', result } } });
    },

    async forgetKeys(id) {
      const result = await bridge?.api['connections.forgetKeys']({ id });
      if (result && !result.ok) set({ error: result.error });
    },
  }));
}
