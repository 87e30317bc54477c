import { z } from 'zod';
import { method, event } from './define';
import { preferencesPatchSchema, type Preferences } from '../preferences';
import type { ConnectionKind } from '../domain/connections';

export type RuntimeMode = 'electron' | 'serve';

export interface AppInfo {
  readonly name: string;
  readonly version: string;
  readonly mode: RuntimeMode;
  /** Where the archive, preferences and Local MTurk data live. */
  readonly dataDir: string;
  readonly platform: string;
  readonly versions: { readonly node: string; readonly electron?: string; readonly chrome?: string };
}

export type ConnectionState = 'online' | 'offline' | 'connecting' | 'not-configured';

export interface ConnectionStatus {
  readonly id: string;
  readonly kind: ConnectionKind;
  readonly label: string;
  readonly state: ConnectionState;
  /** Human detail: endpoint, or why it is offline. Never credentials. */
  readonly detail: string;
  /** The account's available balance, read when the connection was last checked; absent until then or when offline. */
  readonly balanceCents?: number;
}

const none = z.object({}).strict().optional();

export const appMethods = {
  'app.info': method<AppInfo>()(none, 'Name, version, runtime mode and data folder.'),
  'connection.status': method<ConnectionStatus>()(none, 'The active MTurk connection and whether it is reachable.'),
  'prefs.get': method<Preferences>()(none, 'The current preferences.'),
  'prefs.set': method<Preferences>()(preferencesPatchSchema, 'Change some preferences; returns the result.'),
} as const;

export const appEvents = {
  'prefs.changed': event<Preferences>('Preferences changed (by this or another window).'),
  'connection.changed': event<ConnectionStatus>('The active connection or its reachability changed.'),
} as const;
