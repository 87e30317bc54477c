import type { z } from 'zod';

/**
 * Building blocks of the contract. A method pairs a zod input schema (checked at runtime on the
 * trusted side, because the renderer is the untrusted side) with an output type (types only: the
 * main process is trusted to produce what it declares).
 */
export interface MethodSpec<I extends z.ZodType, O> {
  readonly input: I;
  readonly description: string;
  /** Phantom: carries the output type; never read at runtime. */
  readonly output?: O;
}

export function method<O>() {
  return <I extends z.ZodType>(input: I, description: string): MethodSpec<I, O> => ({ input, description });
}

/** An event the main process pushes to the renderer; the payload type is phantom like a method's output. */
export interface EventSpec<P> {
  readonly description: string;
  readonly payload?: P;
}

export function event<P>(description: string): EventSpec<P> {
  return { description };
}
