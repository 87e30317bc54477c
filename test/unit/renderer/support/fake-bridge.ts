import type { EventName, EventPayload, MethodName, MethodOutput, TurkbenchApi, TurkbenchBridge } from '../../../../shared/contract';
import type { Result } from '../../../../shared/result';

type Handler = (input: unknown) => Promise<Result<unknown>>;

/** A deferred answer the test releases when it chooses, to put answers out of order on purpose. */
export interface Pending<T> {
  readonly promise: Promise<Result<T>>;
  answer(value: T): void;
}

export function pending<T>(): Pending<T> {
  let resolve!: (result: Result<T>) => void;
  const promise = new Promise<Result<T>>((r) => (resolve = r));
  return { promise, answer: (value) => resolve({ ok: true, value }) };
}

/**
 * The bridge's shape with every listener visible: the tests count what is subscribed, emit events, and decide
 * what each method answers. Nothing here imitates the main process's logic.
 */
export class FakeBridge implements TurkbenchBridge {
  readonly listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  readonly calls: { name: MethodName; input: unknown }[] = [];
  readonly #handlers = new Map<MethodName, Handler>();

  readonly api = new Proxy({} as TurkbenchApi, {
    get: (_, name: string) => (input?: unknown) => {
      this.calls.push({ name: name as MethodName, input });
      const handler = this.#handlers.get(name as MethodName);
      if (!handler) throw new Error(`FakeBridge: no answer set for ${name}`);
      return handler(input);
    },
  });

  answer<M extends MethodName>(name: M, handler: (input: unknown) => Promise<Result<MethodOutput<M>>> | Result<MethodOutput<M>>): void {
    this.#handlers.set(name, async (input) => handler(input));
  }

  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
    const set = this.listeners.get(name) ?? new Set();
    const wrapped = listener as (payload: unknown) => void;
    set.add(wrapped);
    this.listeners.set(name, set);
    return () => set.delete(wrapped);
  }

  readonly resyncListeners = new Set<() => void>();

  onResync(listener: () => void): () => void {
    this.resyncListeners.add(listener);
    return () => this.resyncListeners.delete(listener);
  }

  /** What browser mode's event stream does on (re)opening: events may have been missed. */
  resync(): void {
    this.resyncListeners.forEach((listener) => listener());
  }

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    this.listeners.get(name)?.forEach((listener) => listener(payload));
  }

  /** Listeners still subscribed, for one event or all of them. */
  count(name?: EventName): number {
    if (name) return this.listeners.get(name)?.size ?? 0;
    return [...this.listeners.values()].reduce((sum, set) => sum + set.size, this.resyncListeners.size);
  }
}

/** Lets every already-resolved promise continuation run. */
export const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
