import {
  METHOD_NAMES,
  type EventListener,
  type EventName,
  type TurkbenchApi,
  type TurkbenchBridge,
} from '../../../shared/contract';
import { appError } from '../../../shared/errors';
import { err, type Result } from '../../../shared/result';

/**
 * Authentication is the HttpOnly session cookie the sign-in page obtained: page scripts never see a
 * secret, and nothing secret is ever in the address bar or the browser's history.
 */
async function call(name: string, input: unknown): Promise<Result<unknown>> {
  try {
    const response = await fetch(`/api/${encodeURIComponent(name)}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: input === undefined ? '' : JSON.stringify(input),
    });
    return (await response.json()) as Result<unknown>;
  } catch {
    return err(appError('network', 'Lost contact with the Turkbench server. Is `npm run serve` still running?'));
  }
}

/** The serve-mode twin of the preload bridge: the same methods over fetch, events over SSE. */
export function createHttpBridge(): TurkbenchBridge {
  const api = Object.fromEntries(
    METHOD_NAMES.map((name) => [name, (input?: unknown) => call(name, input)]),
  ) as unknown as TurkbenchApi;

  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const resyncListeners = new Set<() => void>();
  let source: EventSource | null = null;
  const ensureStream = (): void => {
    if (source) return;
    source = new EventSource('/api/events');
    // Events sent before the stream opened (the page's first fetches race it) or while it was down (sleep, a
    // restarted server) never arrive: every open is a moment to ask again.
    source.onopen = () => resyncListeners.forEach((listener) => listener());
    source.onmessage = (message: { readonly data: string }) => {
      const { name, payload } = JSON.parse(message.data) as { name: EventName; payload: unknown };
      listeners.get(name)?.forEach((listener) => listener(payload));
    };
  };

  return {
    api,
    on<E extends EventName>(name: E, listener: EventListener<E>) {
      ensureStream();
      const set = listeners.get(name) ?? new Set();
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      listeners.set(name, set);
      return () => set.delete(wrapped);
    },
    onResync(listener) {
      ensureStream();
      resyncListeners.add(listener);
      return () => resyncListeners.delete(listener);
    },
  };
}
