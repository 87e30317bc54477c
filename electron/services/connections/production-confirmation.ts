/**
 * On Production a write that touches workers' standing or money waits for the connection's name, typed by the
 * requester: one check for every service, so each says the same thing and none forgets it.
 */
import { isProduction, type ConnectionConfig } from '../../../shared/domain/connections';
import { appError } from '../../../shared/errors';
import { err, ok, type Result } from '../../../shared/result';

/** The name to type on this connection, or null where nothing needs typing. */
export const nameToType = (config: ConnectionConfig): string | null => (isProduction(config) ? config.label.trim() : null);

/** `doing` completes "This would … on PRODUCTION", e.g. "grant the type to 12 workers". */
export function confirmProduction(config: ConnectionConfig, typed: string | undefined, doing: string): Result<void> {
  const expected = nameToType(config);
  if (expected === null || typed?.trim() === expected) return ok(undefined);
  return err(appError('validation', `This would ${doing} on PRODUCTION. Type the connection's name, "${expected}", to confirm.`, { field: 'typedConnectionName' }));
}
