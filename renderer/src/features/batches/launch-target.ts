import { appError } from '../../../../shared/errors';
import type { Result } from '../../../../shared/result';
import { bridge } from '../../api/bridge';

/**
 * Where a launch goes: the active connection ("Publish…"), or the built-in Local MTurk to try the folder out first,
 * whatever connection is active. The main process does the launching on the connection named; the window only names it.
 */
export type LaunchTarget = 'active' | 'local-mturk';

/** The connection id to send for a target: none for the active one, the built-in Local MTurk's for a trial. */
export async function connectionIdFor(target: LaunchTarget): Promise<Result<string | undefined>> {
  if (target === 'active') return { ok: true, value: undefined };
  const listed = await bridge?.api['connections.list']();
  if (!listed) return { ok: false, error: appError('internal', 'Not connected to Turkbench.') };
  if (!listed.ok) return listed;
  const builtIn = listed.value.connections.find((c) => c.builtIn);
  return builtIn ? { ok: true, value: builtIn.config.id } : { ok: false, error: appError('not-found', 'The built-in Local MTurk connection is missing; restart Turkbench to restore it.') };
}
