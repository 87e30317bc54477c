import { useCallback, useState } from 'react';

const KEY = 'turkbench.jobs.seen';
const KEEP = 200;

function read(): Set<string> {
  try {
    const stored: unknown = JSON.parse(window.localStorage.getItem(KEY) ?? '[]');
    return new Set(Array.isArray(stored) ? stored.filter((id): id is string => typeof id === 'string') : []);
  } catch {
    return new Set();
  }
}

/** Ended jobs whose failures the requester has already looked at, kept across reloads so the badge does not nag. */
export function useSeenJobs(): { seen: ReadonlySet<string>; markSeen: (ids: readonly string[]) => void } {
  const [seen, setSeen] = useState<ReadonlySet<string>>(read);
  const markSeen = useCallback((ids: readonly string[]) => {
    setSeen((current) => {
      if (ids.every((id) => current.has(id))) return current;
      const next = [...current, ...ids.filter((id) => !current.has(id))].slice(-KEEP);
      try {
        window.localStorage.setItem(KEY, JSON.stringify(next));
      } catch {
        // Storage full or disabled: the badge simply shows again next time.
      }
      return new Set(next);
    });
  }, []);
  return { seen, markSeen };
}
