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

type Merge<Parts extends readonly object[]> = Parts extends readonly [infer Head, ...infer Rest extends readonly object[]] ? Head & Merge<Rest> : unknown;

/** The names two or more parts both define, or never. */
type Duplicates<Parts extends readonly object[], Seen extends PropertyKey = never> = Parts extends readonly [infer Head, ...infer Rest extends readonly object[]]
  ? (keyof Head & Seen) | Duplicates<Rest, Seen | keyof Head>
  : never;

/**
 * Joins the areas' tables into one. A name defined twice is a compile error naming it (and, should types be bypassed,
 * a thrown error at load): with a plain spread the later definition would silently replace the earlier one.
 */
export function combine<const Parts extends readonly object[]>(
  ...parts: [Duplicates<Parts>] extends [never] ? Parts : { readonly 'defined twice': Duplicates<Parts> }[]
): Merge<Parts> {
  const joined: Record<string, unknown> = {};
  for (const part of parts as readonly object[]) {
    for (const [name, spec] of Object.entries(part)) {
      if (name in joined) throw new Error(`Contract name "${name}" is defined twice`);
      joined[name] = spec;
    }
  }
  return joined as Merge<Parts>;
}
