import { useEffect, useState } from 'react';

/** The current time, refreshed every `everyMs`, so "5 min ago" does not go stale on a screen left open. */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}
