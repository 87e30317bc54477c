import type { EventName, EventPayload, TurkbenchBridge, Unsubscribe } from '../../../shared/contract';
import type { ArchiveTable } from '../../../shared/contract/archive';
import type { AppError } from '../../../shared/errors';
import type { Result } from '../../../shared/result';

/**
 * The renderer's one way to show main-process data that changes: fetch once, refetch when the archive says one of the
 * query's tables changed (or another named event fires), optionally fold event payloads in without a round trip, never
 * let an older answer overwrite a newer one, and release every listener on dispose. Pure logic: no React, unit-tested.
 */

/** The part of the bridge a live query listens on. */
export type EventSource = Pick<TurkbenchBridge, 'on' | 'onResync'>;

/** Calls `changed` whenever the transport may have missed events; nothing to release where none can be missed. */
export function watchResync(source: EventSource, changed: () => void): Unsubscribe {
  return source.onResync?.(changed) ?? (() => undefined);
}

/** Event payloads folded into the current answer in place (e.g. a job's progress into the jobs list). */
export type LivePatches<T> = { readonly [E in EventName]?: (current: T, payload: EventPayload<E>) => T };

export interface LiveDependencies<T> {
  /** Refetch when `archive.changed` names one of these tables… */
  readonly tables?: readonly ArchiveTable[];
  /** …for this connection (the active one, read at the time of the event); absent: for any connection. */
  readonly connectionId?: () => string | null;
  /** Other events after which the answer may differ: each triggers a refetch. */
  readonly events?: readonly EventName[];
  readonly patches?: LivePatches<T>;
}

export type LiveState<T> =
  | { readonly status: 'loading'; readonly value: T | null; readonly error: null }
  | { readonly status: 'ready'; readonly value: T; readonly error: null }
  | { readonly status: 'failed'; readonly value: T | null; readonly error: AppError };

/**
 * Calls `changed` whenever `archive.changed` names one of `tables` for the given connection (any connection when it
 * answers nothing), or events may have been missed: the one table dependency every view uses, whether it refetches
 * itself or tells a grid to.
 */
export function watchArchiveTables(
  source: EventSource,
  tables: readonly ArchiveTable[],
  connectionId: (() => string | null) | undefined,
  changed: () => void,
): Unsubscribe {
  const watched = new Set<string>(tables);
  const offChanged = source.on('archive.changed', (change) => {
    const wanted = connectionId?.();
    if (wanted !== undefined && wanted !== null && change.connectionId !== wanted) return;
    if (change.tables.some((t) => watched.has(t))) changed();
  });
  const offResync = watchResync(source, changed);
  return () => {
    offChanged();
    offResync();
  };
}

export class LiveQuery<T> {
  #state: LiveState<T> = { status: 'loading', value: null, error: null };
  #offs: Unsubscribe[] = [];
  /** Number of the latest fetch sent: only its answer is applied. */
  #latest = 0;
  /** Number of the fetch whose answer is shown. */
  #answered = 0;
  /** Payloads folded in while a fetch was in flight, replayed onto its answer (which may predate them). */
  #pendingPatches: ((value: T) => T)[] = [];
  #disposed = false;
  #started = false;

  constructor(
    private readonly source: EventSource,
    private readonly fetch: () => Promise<Result<T>>,
    private readonly deps: LiveDependencies<T>,
    private readonly onChange: (state: LiveState<T>) => void,
  ) {}

  get state(): LiveState<T> {
    return this.#state;
  }

  /** Subscribes to the dependencies and sends the first fetch; resolves once its answer is handled. */
  start(): Promise<void> {
    if (this.#disposed || this.#started) return this.refetch();
    this.#started = true;
    const { tables, connectionId, events, patches } = this.deps;
    if (tables && tables.length > 0) this.#offs.push(watchArchiveTables(this.source, tables, connectionId, () => void this.refetch()));
    else this.#offs.push(watchResync(this.source, () => void this.refetch()));
    for (const name of events ?? []) this.#offs.push(this.source.on(name, () => void this.refetch()));
    for (const name of Object.keys(patches ?? {}) as EventName[]) {
      const apply = patches?.[name] as ((current: T, payload: unknown) => T) | undefined;
      if (apply) this.#offs.push(this.source.on(name, (payload: unknown) => this.#patch((value) => apply(value, payload))));
    }
    return this.refetch();
  }

  /** Asks again; resolves once the answer is applied, or dropped because a newer fetch was sent. */
  refetch(): Promise<void> {
    if (this.#disposed) return Promise.resolve();
    const ticket = ++this.#latest;
    this.#pendingPatches = [];
    if (this.#state.status === 'failed') this.#set({ status: 'loading', value: this.#state.value, error: null });
    return this.fetch().then(
      (result) => this.#answer(ticket, result),
      (cause: unknown) => this.#answer(ticket, { ok: false, error: { kind: 'internal', message: cause instanceof Error ? cause.message : String(cause) } }),
    );
  }

  /** Releases every listener; answers still in flight are dropped. */
  dispose(): void {
    this.#disposed = true;
    for (const off of this.#offs) off();
    this.#offs = [];
  }

  #answer(ticket: number, result: Result<T>): void {
    if (this.#disposed || ticket !== this.#latest) return;
    this.#answered = ticket;
    if (!result.ok) return this.#set({ status: 'failed', value: this.#state.value, error: result.error });
    const value = this.#pendingPatches.reduce((v, apply) => apply(v), result.value);
    this.#pendingPatches = [];
    this.#set({ status: 'ready', value, error: null });
  }

  #patch(apply: (value: T) => T): void {
    if (this.#disposed) return;
    // An answer still on its way may have been read before this event: replay the event onto it too.
    if (this.#answered < this.#latest) this.#pendingPatches.push(apply);
    if (this.#state.value !== null) this.#set({ ...this.#state, value: apply(this.#state.value) } as LiveState<T>);
  }

  #set(state: LiveState<T>): void {
    this.#state = state;
    this.onChange(state);
  }
}
