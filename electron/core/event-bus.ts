import type { EventName, EventPayload } from '../../shared/contract';

type AnyListener = (name: EventName, payload: unknown) => void;

/**
 * Main→renderer events. Services emit typed events here; each transport subscribes once and
 * forwards (IPC to each window, SSE to each open stream).
 */
export class EventBus {
  readonly #listeners = new Set<AnyListener>();

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const listener of this.#listeners) listener(name, payload);
  }

  /** Returns the function that removes the subscription. */
  subscribe(listener: AnyListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  get size(): number {
    return this.#listeners.size;
  }
}
