import type { SyncProblem, SyncRun } from '../../../../shared/domain/archive-types';
import { count, formatDateTime, formatDuration, formatRelative, statusLabel } from './archive-format';

const MODE_LABEL = { full: 'Full', incremental: 'Incremental' } as const;

const PILL = { running: 'pill--info', succeeded: 'pill--ok', failed: 'pill--danger', cancelled: 'pill--warn', interrupted: 'pill--warn' } as const;

/**
 * Recent sync runs, newest first: when, how long, how it ended, how much, the last error in the run's own words, and
 * what MTurk sent that the run could not archive as sent (skipped records, answers kept raw), each with its reason.
 */
export function SyncLog({ runs, now }: { runs: readonly SyncRun[]; now: number }) {
  return (
    <section className="archive-card" aria-labelledby="sync-log-title" data-testid="sync-log">
      <h3 id="sync-log-title">Sync log</h3>
      {runs.length === 0 ? (
        <p className="muted">No sync has run for this connection yet. Everything here came from imported files.</p>
      ) : (
        <div className="archive-table-wrap">
          <table className="archive-table">
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">Duration</th>
                <th scope="col">Kind</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">Items</th>
                <th scope="col" className="num">Pages</th>
                <th scope="col" className="num">Errors</th>
                <th scope="col">Last error</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => (
                <tr key={run.id}>
                  <td title={formatRelative(run.startedAt, now)}>{formatDateTime(run.startedAt)}</td>
                  <td>{run.finishedAt !== null ? formatDuration(run.finishedAt - run.startedAt) : run.status === 'running' ? 'running…' : '—'}</td>
                  <td>{run.mode === null ? '—' : MODE_LABEL[run.mode]}</td>
                  <td><span className={`pill ${PILL[run.status]}`}>{statusLabel(run.status)}</span></td>
                  <td className="num">{count(run.items)}</td>
                  <td className="num">{count(run.pages)}</td>
                  <td className="num">{count(run.errors)}</td>
                  <td className={run.lastError || run.problems.length > 0 ? 'archive-table__error' : 'muted'}>
                    {run.lastError ?? (run.problems.length > 0 ? null : '—')}
                    {run.problems.length > 0 && <SyncProblems run={run} />}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function SyncProblems({ run }: { run: SyncRun }) {
  const kept = run.problems.filter((p) => !p.skipped).length;
  const parts = [run.skipped > 0 ? `${count(run.skipped)} ${run.skipped === 1 ? 'record' : 'records'} skipped` : '', kept > 0 ? `${count(kept)} kept raw` : ''];
  return (
    <details data-testid="sync-problems">
      <summary>{parts.filter(Boolean).join(', ')}</summary>
      <ul>
        {run.problems.map((problem, index) => (
          <li key={index}>{problemLine(problem)}</li>
        ))}
      </ul>
    </details>
  );
}

const problemLine = (p: SyncProblem): string => `${p.skipped ? 'Skipped' : 'Kept raw'}: ${p.objectKind} ${p.objectId}: ${p.problem}`;
