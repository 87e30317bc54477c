import { useCallback, useRef, useState } from 'react';
import type { JobProgress } from '../../../../shared/contract/jobs';
import type { AppError } from '../../../../shared/errors';
import { ok } from '../../../../shared/result';
import { bridge } from '../../api/bridge';
import { useLiveQuery, type LiveView } from '../../data/useLiveQuery';
import { applyProgress, reconcileList } from './jobs-model';

export type JobAction = 'jobs.cancel' | 'jobs.resume' | 'jobs.retryFailed';

export interface Jobs {
  readonly list: LiveView<JobProgress[]>;
  /** The last action's error for each job, in MTurk's or the app's words. */
  readonly errors: Readonly<Record<string, AppError>>;
  act(action: JobAction, id: string): Promise<void>;
}

const notConnected = { ok: false as const, error: { kind: 'internal' as const, message: 'Not connected to Turkbench.' } };

/** Every job of every connection, live: `job.progress` folds in as it arrives, and a refetch keeps known failures. */
export function useJobs(): Jobs {
  const latest = useRef<JobProgress[] | null>(null);
  const list = useLiveQuery<JobProgress[]>(
    async () => {
      const result = (await bridge?.api['jobs.list']()) ?? notConnected;
      return result.ok ? ok(reconcileList(latest.current, result.value)) : result;
    },
    { tables: ['jobs'], anyConnection: true, patches: { 'job.progress': applyProgress } },
  );
  latest.current = list.value;
  const [errors, setErrors] = useState<Readonly<Record<string, AppError>>>({});
  const { refetch } = list;

  const act = useCallback(
    async (action: JobAction, id: string) => {
      const result = (await bridge?.api[action]({ id })) ?? notConnected;
      setErrors((current) => {
        const { [id]: _cleared, ...rest } = current;
        return result.ok ? rest : { ...rest, [id]: result.error };
      });
      refetch();
    },
    [refetch],
  );
  return { list, errors, act };
}
