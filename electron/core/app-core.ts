import type { AppInfo, ConnectionStatus } from '../../shared/contract/app';
import { createAppHandlers } from '../handlers/app-handlers';
import type { Logger } from '../logging/logger';
import type { PrefsStore } from '../prefs/prefs-store';
import { dispatch, type Dispatch } from './dispatch';
import { EventBus } from './event-bus';
import type { Handlers } from './handlers';

export interface AppCoreDeps {
  readonly info: AppInfo;
  readonly prefs: PrefsStore;
  readonly log: Logger;
}

export interface AppCore {
  readonly handlers: Handlers;
  readonly events: EventBus;
  readonly dispatch: Dispatch;
  dispose(): Promise<void>;
}

/**
 * Everything behind the contract, with no Electron in sight: the Electron shell and serve mode both
 * build one of these and put their transport in front of it. This is where services get wired.
 */
export function createAppCore(deps: AppCoreDeps): AppCore {
  const events = new EventBus();
  const connectionStatus = (): ConnectionStatus => ({
    kind: 'local',
    label: 'Local MTurk',
    state: 'not-configured',
    detail: 'The built-in Local MTurk arrives with the connections feature.',
  });

  // `satisfies` makes a contract method without a handler a compile error.
  const handlers = {
    ...createAppHandlers({ info: deps.info, prefs: deps.prefs, events, connectionStatus }),
  } satisfies Handlers;

  return {
    handlers,
    events,
    dispatch: (name, input) => dispatch(handlers, name, input, deps.log.child('dispatch')),
    dispose: async () => {},
  };
}
