import {
  METHOD_NAMES,
  type EventListener,
  type EventName,
  type TurkbenchApi,
  type TurkbenchBridge,
} from '../../../shared/contract';
import { appError } from '../../../shared/errors';
import { err, type Result } from '../../../shared/result';

const TOKEN_KEY = 'turkbench.token';

/**
 * The session token arrives once in the URL printed by `npm run serve`. It is moved to
 * sessionStorage and removed from the address bar, so it is not left in history or screenshots.
 */
export function takeSessionToken(location: Location, history: History, storage: Storage): string | null {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    storage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return storage.getItem(TOKEN_KEY);
}

async function call(token: string, name: string, input: unknown): Promise<Result<unknown>> {
  try {
    const response = await fetch(`/api/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: input === undefined ? '' : JSON.stringify(input),
    });
    return (await response.json()) as Result<unknown>;
  } catch {
    return err(appError('network', 'Lost contact with the Turkbench server. Is `npm run serve` still running?'));
  }
}

/** The serve-mode twin of the preload bridge: the same methods over fetch, events over SSE. */
export function createHttpBridge(token: string): TurkbenchBridge {
  const api = Object.fromEntries(
    METHOD_NAMES.map((name) => [name, (input?: unknown) => call(token, name, input)]),
  ) as unknown as TurkbenchApi;

  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let source: EventSource | null = null;
  const ensureStream = (): void => {
    if (source) return;
    source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
    source.onmessage = (message: MessageEvent<string>) => {
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
  };
}
