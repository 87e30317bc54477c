import { z } from 'zod';
import { connectionConfigSchema, type ConnectionConfig } from '../domain/connections';
import { event, method } from './define';
import type { ConnectionStatus } from './app';

/** A connection as the renderer sees it: its configuration and facts about its keys, never the keys. */
export interface ConnectionView {
  readonly config: ConnectionConfig;
  readonly active: boolean;
  readonly production: boolean;
  /** For `stored` credentials: whether keys are saved in the keychain. */
  readonly hasStoredKeys: boolean;
  /** The built-in Local MTurk cannot be removed. */
  readonly builtIn: boolean;
}

export interface ConnectionsOverview {
  readonly connections: readonly ConnectionView[];
  readonly activeId: string;
  /** Whether keys typed into the app can be stored here (an OS keychain exists), and why not. */
  readonly keychain: { readonly available: boolean; readonly reason?: string };
}

export interface ConnectionTestResult {
  readonly balanceCents: number;
  readonly endpoint: string;
  readonly latencyMs: number;
}

const id = z.object({ id: z.string().trim().min(1) }).strict();

/** Keys travel renderer → main exactly once, here; nothing sends them back. */
export const storeKeysSchema = z
  .object({
    id: z.string().trim().min(1),
    accessKeyId: z.string().trim().regex(/^[A-Z0-9]{16,128}$/, 'An access key id is 16–128 capital letters and digits (it starts with AKIA…)'),
    secretAccessKey: z.string().trim().min(16, 'The secret access key looks too short').max(128),
  })
  .strict();

export const connectionMethods = {
  'connections.list': method<ConnectionsOverview>()(z.object({}).strict().optional(), 'All connections and which is active.'),
  'connections.save': method<ConnectionView>()(
    z.object({ config: connectionConfigSchema }).strict(),
    'Add or update a connection (keys are stored separately with connections.storeKeys).',
  ),
  'connections.remove': method<ConnectionsOverview>()(id, 'Remove a connection and forget its stored keys.'),
  'connections.activate': method<ConnectionStatus>()(
    z.object({ id: z.string().trim().min(1), confirmProduction: z.boolean().optional() }).strict(),
    'Switch the workbench to a connection. Production needs confirmProduction: true.',
  ),
  'connections.test': method<ConnectionTestResult>()(id, 'Call MTurk once: the balance, or a precise error.'),
  'connections.storeKeys': method<ConnectionView>()(storeKeysSchema, 'Encrypt and keep keys typed into the app.'),
  'connections.forgetKeys': method<ConnectionView>()(id, 'Delete stored keys of a connection.'),
} as const;

export const connectionEvents = {
  'connections.changed': event<ConnectionsOverview>('The list of connections or the active one changed.'),
} as const;
