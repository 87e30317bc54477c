/**
 * The usual way in for the composition root and the connections service: resolve the
 * connection's credentials, then build its gateway with a pace suited to where it points.
 */
import type { ConnectionConfig } from '../../shared/domain/connections';
import type { Result } from '../../shared/result';
import { resolveCredentials, type CredentialContext } from './credentials';
import { createGateway, type CreateGatewayOptions } from './gateway';
import { LOCAL_MTURK_SCHEDULER } from './scheduler';
import type { MTurkGateway } from './types';

export type OpenGatewayOptions = Omit<CredentialContext, 'connectionId'> &
  Omit<CreateGatewayOptions, 'connection' | 'credentials'>;

export async function openGateway(connection: ConnectionConfig, options: OpenGatewayOptions): Promise<Result<MTurkGateway>> {
  const credentials = await resolveCredentials(connection.credentials, { ...options, connectionId: connection.id });
  if (!credentials.ok) return credentials;
  // AWS gets the safe default pace; the built-in Local MTurk has no real limit.
  const scheduler = options.scheduler ?? (connection.kind === 'local' ? LOCAL_MTURK_SCHEDULER : undefined);
  return createGateway({ ...options, connection, credentials: credentials.value, scheduler });
}
