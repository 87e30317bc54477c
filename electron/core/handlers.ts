import type { MethodName, MethodOutput, ParsedInput } from '../../shared/contract';
import type { Result } from '../../shared/result';

/**
 * The handler table both transports dispatch into. It is a mapped type over the contract, so a
 * contract method without a handler (or with the wrong types) is a compile error, not a runtime surprise.
 */
export type Handler<M extends MethodName> = (input: ParsedInput<M>) => Promise<Result<MethodOutput<M>>>;
export type Handlers = { readonly [M in MethodName]: Handler<M> };
