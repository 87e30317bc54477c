import type { AppInfo, ConnectionStatus } from '../../shared/contract/app';
import { ok } from '../../shared/result';
import type { EventBus } from '../core/event-bus';
import type { Handler } from '../core/handlers';
import type { PrefsStore } from '../prefs/prefs-store';

export interface AppHandlerDeps {
  readonly info: AppInfo;
  readonly prefs: PrefsStore;
  readonly events: EventBus;
  readonly connectionStatus: () => ConnectionStatus;
}

export function createAppHandlers(deps: AppHandlerDeps) {
  const info: Handler<'app.info'> = async () => ok(deps.info);
  const status: Handler<'connection.status'> = async () => ok(deps.connectionStatus());
  const getPrefs: Handler<'prefs.get'> = async () => ok(deps.prefs.get());
  const setPrefs: Handler<'prefs.set'> = async (patch) => {
    const next = deps.prefs.set(patch);
    deps.events.emit('prefs.changed', next);
    return ok(next);
  };
  return {
    'app.info': info,
    'connection.status': status,
    'prefs.get': getPrefs,
    'prefs.set': setPrefs,
  } as const;
}
