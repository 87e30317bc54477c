import { bridge } from '../api/bridge';
import { createConnectionsStore } from './create-connections-store';

export type { TestState } from './create-connections-store';

/** The window's connections list and actions, bound to its bridge. */
export const useConnectionsStore = createConnectionsStore(bridge);
