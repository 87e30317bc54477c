import { useCallback, useEffect, useRef, useState } from 'react';
import type { EventName } from '../../../shared/contract';
import type { ArchiveTable } from '../../../shared/contract/archive';
import { appError } from '../../../shared/errors';
import type { Result } from '../../../shared/result';
import { bridge } from '../api/bridge';
import { useAppStore } from '../stores/app-store';
import { LiveQuery, type LivePatches, type LiveState } from './live-query';

export interface LiveQueryOptions<T> {
  /** Refetch when `archive.changed` names one of these tables for the active connection. */
  readonly tables?: readonly ArchiveTable[];
  /** Follow `archive.changed` for every connection, not only the active one. */
  readonly anyConnection?: boolean;
  readonly events?: readonly EventName[];
  /** Folded in as events arrive; keep these pure (they are read once, when the query starts). */
  readonly patches?: LivePatches<T>;
  /** Whatever the fetch depends on (a filter, an id): a new key starts a new query. */
  readonly key?: string;
}

export type LiveView<T> = LiveState<T> & { readonly refetch: () => void };

const activeConnectionId = (): string | null => useAppStore.getState().connection?.id ?? null;

/** A LiveQuery bound to a component: started on mount (and on a new key), disposed on unmount. */
export function useLiveQuery<T>(fetch: () => Promise<Result<T>>, options: LiveQueryOptions<T> = {}): LiveView<T> {
  const [state, setState] = useState<LiveState<T>>({ status: 'loading', value: null, error: null });
  const fetchRef = useRef(fetch);
  fetchRef.current = fetch;
  const query = useRef<LiveQuery<T> | null>(null);
  const { tables, anyConnection, events, patches, key } = options;
  const identity = JSON.stringify([key ?? null, tables ?? [], anyConnection ?? false, events ?? [], Object.keys(patches ?? {})]);

  useEffect(() => {
    if (!bridge) {
      setState({ status: 'failed', value: null, error: appError('internal', 'Not connected to Turkbench. Reopen it from the link it printed.') });
      return;
    }
    const live = new LiveQuery<T>(
      bridge,
      () => fetchRef.current(),
      { tables, events, patches, ...(anyConnection ? {} : { connectionId: activeConnectionId }) },
      setState,
    );
    query.current = live;
    live.start();
    return () => {
      live.dispose();
      query.current = null;
    };
    // `identity` stands for the options; the fetch is read through its ref so a new closure does not restart the query.
  }, [identity]);

  const refetch = useCallback(() => void query.current?.refetch(), []);
  return { ...state, refetch };
}
