/**
 * createGateway: one connection's MTurk port. Wires the SDK client, the connection's single
 * scheduler and the read/write methods together; the composition root calls this once per
 * connection and hands the result to services.
 */
import { appError } from '../../shared/errors';
import { endpointFor, type ConnectionConfig } from '../../shared/domain/connections';
import { err, ok, type Result } from '../../shared/result';
import type { AwsCredentials } from './credentials';
import { classifyFailure } from './errors';
import { GatewayCore, type GatewayLog } from './gateway-core';
import { readMethods } from './gateway-reads';
import { notificationMethods } from './gateway-notifications';
import { workerMethods } from './gateway-workers';
import { writeMethods } from './gateway-writes';
import { toCents } from './mappers';
import { Scheduler, type SchedulerOptions } from './scheduler';
import { createSdkClient } from './sdk';
import type { CallOptions, ConnectionCheck, MTurkGateway } from './types';

export interface CreateGatewayOptions {
  readonly connection: ConnectionConfig;
  readonly credentials: AwsCredentials;
  /** Defaults are safe for AWS (2 req/s, 2 in flight); pass faster ones for Local MTurk. */
  readonly scheduler?: SchedulerOptions;
  readonly log?: GatewayLog;
  readonly connectTimeoutMs?: number;
  readonly requestTimeoutMs?: number;
}

export function createGateway(options: CreateGatewayOptions): Result<MTurkGateway> {
  const { connection } = options;
  const endpoint = endpointFor(connection);
  if (endpoint === null) {
    return err(
      appError('validation', `Connection '${connection.label}' has no endpoint URL; start the Local MTurk or enter its URL.`, {
        field: 'endpoint',
        delivery: 'not-sent',
      }),
    );
  }
  const client = createSdkClient({
    endpoint,
    region: connection.region,
    credentials: options.credentials,
    connectTimeoutMs: options.connectTimeoutMs,
    requestTimeoutMs: options.requestTimeoutMs,
  });
  const scheduler = new Scheduler(classifyFailure, options.scheduler);
  const core = new GatewayCore(endpoint, client, scheduler, options.log);
  return ok({
    endpoint,
    ...readMethods(core),
    ...writeMethods(core),
    ...workerMethods(core),
    ...notificationMethods(core),
    testConnection: (callOptions = {}) => testConnection(core, callOptions),
    stats: () => scheduler.stats(),
    close: () => client.destroy(),
  });
}

/**
 * Asks for the balance once, without transient retries, so the answer comes fast. Latency is
 * the round trip alone, not time queued behind other calls. The AppError messages already
 * tell a bad key, a wrong region or endpoint, and no network apart.
 */
async function testConnection(core: GatewayCore, options: CallOptions): Promise<Result<ConnectionCheck>> {
  return core.call(
    'GetAccountBalance',
    {},
    (out, latencyMs) => ({
      balanceCents: toCents(out.AvailableBalance, 'AvailableBalance'),
      endpoint: core.endpoint,
      latencyMs: Math.round(latencyMs),
    }),
    { ...options, retry: 'once' },
  );
}
