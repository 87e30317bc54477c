import { bridge } from '../api/bridge';
import { createAppStore } from './create-app-store';

/** The window's shell state (info, preferences, active connection), bound to its bridge. */
export const useAppStore = createAppStore(bridge);
