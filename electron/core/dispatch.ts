import type { z } from 'zod';
import { isMethodName, methods, type MethodName } from '../../shared/contract';
import { appError } from '../../shared/errors';
import { err, type Result } from '../../shared/result';
import type { Logger } from '../logging/logger';
import type { Handlers } from './handlers';
import { checkInput } from './input-check';

/**
 * The single entry point behind every transport: name check → zod parse → handler → Result.
 * A handler that throws is a bug; it is logged and turned into an `internal` error so the
 * renderer always receives a Result and never a raw exception text.
 */
export async function dispatch(handlers: Handlers, name: string, rawInput: unknown, log: Logger): Promise<Result<unknown>> {
  if (!isMethodName(name)) {
    return err(appError('not-found', `Unknown method "${name}".`));
  }
  const spec = methods[name];
  const parsed = checkInput(spec.input as z.ZodType, rawInput ?? undefined, name);
  if (!parsed.ok) return parsed;
  try {
    const handler = handlers[name] as (input: unknown) => Promise<Result<unknown>>;
    return await handler(parsed.value);
  } catch (cause) {
    log.error(`handler ${name} threw`, cause);
    return err(appError('internal', `Turkbench hit an unexpected problem in ${name}. Details are in logs/turkbench.log in the data folder.`));
  }
}

export type Dispatch = (name: MethodName | string, rawInput: unknown) => Promise<Result<unknown>>;
