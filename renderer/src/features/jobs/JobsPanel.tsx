import { useModalDialog } from '../../components/use-modal-dialog';
import type { AuditPage } from '../../../../shared/contract/audit';
import type { JobFailure, JobProgress } from '../../../../shared/contract/jobs';
import { bridge } from '../../api/bridge';
import { useLiveQuery } from '../../data/useLiveQuery';
import { formatTime } from '../../grid/format';
import { canResume, canRetryFailed, failureText, formatEta, formatRate, problemsHeading, retryLabel, stateLabel } from './jobs-model';
import type { JobAction, Jobs } from './useJobs';

/** Running and recent jobs with what can be done to each: cancel, resume, retry the failed items. */
export function JobsPanel({ open, onClose, jobs, connectionName }: { open: boolean; onClose: () => void; jobs: Jobs; connectionName: (id: string) => string }) {
  const ref = useModalDialog(open);
  const list = jobs.list.value ?? [];

  return (
    <dialog ref={ref} className="dialog jobs-panel" onClose={onClose} aria-labelledby="jobs-title" data-testid="jobs-panel">
      <header className="jobs-panel__head">
        <h2 id="jobs-title">Jobs</h2>
        <button type="button" className="button button--small" onClick={onClose}>Close</button>
      </header>
      {jobs.list.error && <p className="notice notice--error">{jobs.list.error.message}</p>}
      {jobs.list.status === 'loading' && list.length === 0 ? (
        <p className="muted">Loading…</p>
      ) : list.length === 0 ? (
        <div className="jobs-panel__empty">
          <p><strong>No jobs yet.</strong></p>
          <p className="muted">Bulk actions (extending or expiring many HITs, paying bonuses, reviewing in bulk) run here as jobs: each shows its progress, can be cancelled and resumed, and lists what MTurk refused.</p>
        </div>
      ) : (
        <ul className="jobs-list">
          {list.map((job) => (
            <JobCard key={job.id} job={job} connection={connectionName(job.connectionId)} error={jobs.errors[job.id]?.message} onAct={(action) => void jobs.act(action, job.id)} />
          ))}
        </ul>
      )}
    </dialog>
  );
}

function JobCard({ job, connection, error, onAct }: { job: JobProgress; connection: string; error: string | undefined; onAct: (action: JobAction) => void }) {
  const percent = job.total === 0 ? 100 : Math.min(100, (job.done / job.total) * 100);
  const running = job.state === 'running';
  const problems = job.failed + job.unknown;
  return (
    <li className={`job job--${job.state}`} data-testid="job" data-state={job.state}>
      <div className="job__head">
        <strong className="job__label">{job.label}</strong>
        <span className={`job__state job__state--${job.state}`}>{stateLabel(job)}</span>
      </div>
      <div className="job__meta muted">
        {connection} · started {formatTime(job.startedAt)}
        {job.finishedAt !== null && ` · ended ${formatTime(job.finishedAt)}`}
      </div>
      <div className="job__bar" role="progressbar" aria-label={`${job.label} progress`} aria-valuemin={0} aria-valuemax={job.total} aria-valuenow={job.done}>
        <span style={{ width: `${percent}%` }} />
      </div>
      <div className="job__numbers">
        <span>{job.done.toLocaleString()} / {job.total.toLocaleString()} done</span>
        {job.failed > 0 && <span className="job__failed">{job.failed.toLocaleString()} failed</span>}
        {job.unknown > 0 && <span className="job__unknown">{job.unknown.toLocaleString()} {running ? 'being checked with MTurk' : 'not known yet'}</span>}
        {running && <span className="muted">{formatRate(job.ratePerSecond)}</span>}
        {running && <span className="muted">{formatEta(job.etaSeconds)}</span>}
      </div>
      {canResume(job) && <p className="job__hint">Resume picks up where it stopped: nothing already done is done again.</p>}
      {error && <p className="notice notice--error">{error}</p>}
      <div className="job__actions">
        {running && <button type="button" className="button button--small" onClick={() => onAct('jobs.cancel')}>Cancel</button>}
        {canResume(job) && <button type="button" className="button button--small button--primary" onClick={() => onAct('jobs.resume')}>Resume</button>}
        {canRetryFailed(job) && <button type="button" className="button button--small" onClick={() => onAct('jobs.retryFailed')}>{retryLabel(job)}</button>}
      </div>
      {problems > 0 && (job.failures.length > 0 ? <FailureList failures={job.failures} total={problems} /> : !running && <StoredFailures job={job} />)}
    </li>
  );
}

/** A job read back from the archive has no failures attached: its journal entries have them. */
function StoredFailures({ job }: { job: JobProgress }) {
  const page = useLiveQuery<AuditPage>(
    async () =>
      (await bridge?.api['audit.page']({ allConnections: true, search: job.id, states: ['failed', 'unknown'], limit: 50 })) ?? {
        ok: false,
        error: { kind: 'internal', message: 'Not connected to Turkbench.' },
      },
    { tables: ['operations_journal'], anyConnection: true, key: job.id },
  );
  if (page.error) return <p className="notice notice--error">{page.error.message}</p>;
  const failures: JobFailure[] = (page.value?.rows ?? []).map((row) => ({ target: row.target ?? '', message: row.answer, mturkCode: null, unknown: row.state === 'unknown' }));
  return failures.length > 0 ? <FailureList failures={failures} total={job.failed + job.unknown} /> : null;
}

function FailureList({ failures, total }: { failures: readonly JobFailure[]; total: number }) {
  return (
    <details className="job__failures" open={total <= 5}>
      <summary>{problemsHeading(failures, total)}</summary>
      <ul>
        {failures.map((failure, i) => (
          <li key={`${failure.target}-${i}`} className={failure.unknown ? 'job__failure job__failure--unknown' : 'job__failure'}>
            <span className="mono">{failure.target}</span>
            <span>{failureText(failure)}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}
