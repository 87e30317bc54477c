import { useEffect, useState } from 'react';
import type { JobProgress } from '../../../shared/contract/jobs';

/** How long the "Started: … — see Jobs" notice stays after a job starts. */
const NOTICE_MS = 10_000;

/** The job an action just started, for a short notice; it clears itself after a few seconds. */
export function useStartedJob(): [JobProgress | null, (job: JobProgress | null) => void] {
  const [started, setStarted] = useState<JobProgress | null>(null);
  useEffect(() => {
    if (!started) return;
    const timer = setTimeout(() => setStarted(null), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [started]);
  return [started, setStarted];
}
