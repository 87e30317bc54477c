import { useEffect, useMemo, useRef, useState } from 'react';
import type { JobProgress } from '../../../../shared/contract/jobs';
import { modKey } from '../../app/shortcuts';
import { useConnectionsStore } from '../../stores/connections-store';
import { JobsPanel } from './JobsPanel';
import { indicatorText, needsAttention, summarize } from './jobs-model';
import { useJobs } from './useJobs';
import { useSeenJobs } from './useSeenJobs';
import './jobs.css';

/**
 * Everything about long-running jobs in one place: the status-bar indicator, the panel it opens, and the notice at
 * start that offers to resume jobs a crash or quit cut off.
 */
export function JobsCenter({ open, onOpen, onClose }: { open: boolean; onOpen: () => void; onClose: () => void }) {
  const jobs = useJobs();
  const list = useMemo(() => jobs.list.value ?? [], [jobs.list.value]);
  const { seen, markSeen } = useSeenJobs();
  const summary = summarize(list, seen);
  const text = indicatorText(summary);
  const connections = useConnectionsStore((s) => s.overview);
  const loadConnections = useConnectionsStore((s) => s.load);
  useEffect(() => void loadConnections(), [loadConnections]);
  const connectionName = (id: string): string => connections?.connections.find((c) => c.config.id === id)?.config.label ?? id;

  // Opening the panel is seeing what ended badly; interrupted jobs stay flagged until they are resumed.
  useEffect(() => {
    if (open) markSeen(list.filter((job) => needsAttention(job) && job.state !== 'interrupted').map((job) => job.id));
  }, [open, list, markSeen]);

  return (
    <>
      {text && (
        <button
          type="button"
          className={`jobs-indicator${summary.running > 0 ? '' : ' jobs-indicator--attention'}`}
          onClick={onOpen}
          title={`Show jobs (${modKey()}+J)`}
          data-testid="jobs-indicator"
        >
          {summary.running > 0 ? <span className="spinner" aria-hidden="true" /> : <span className="jobs-indicator__badge" aria-hidden="true">!</span>}
          <span>{text}</span>
          {summary.running > 0 && summary.attention > 0 && <span className="jobs-indicator__badge" title={`${summary.attention} need attention`}>!</span>}
        </button>
      )}
      <JobsPanel open={open} onClose={onClose} jobs={jobs} connectionName={connectionName} />
      <InterruptedNotice jobs={jobs.list.status === 'ready' ? list : null} onResume={(id) => jobs.act('jobs.resume', id)} onShow={onOpen} />
    </>
  );
}

/** Shown once, when the first job list arrives with interrupted jobs in it. */
function InterruptedNotice({ jobs, onResume, onShow }: { jobs: readonly JobProgress[] | null; onResume: (id: string) => Promise<void>; onShow: () => void }) {
  const checked = useRef(false);
  const [offered, setOffered] = useState<readonly JobProgress[]>([]);
  useEffect(() => {
    if (!jobs || checked.current) return;
    checked.current = true;
    setOffered(jobs.filter((job) => job.state === 'interrupted'));
  }, [jobs]);
  if (offered.length === 0) return null;
  const one = offered.length === 1;
  const resumeAll = async (): Promise<void> => {
    const ids = offered.map((job) => job.id);
    setOffered([]);
    for (const id of ids) await onResume(id);
  };
  return (
    <aside className="jobs-notice" role="alertdialog" aria-labelledby="jobs-notice-title" data-testid="interrupted-notice">
      <h2 id="jobs-notice-title">{one ? 'A job did not finish' : `${offered.length} jobs did not finish`}</h2>
      <p>
        {one ? `"${offered[0]!.label}" stopped` : 'These stopped'} when Turkbench last closed. Resuming picks up where {one ? 'it' : 'each'} stopped:
        nothing already done is done again.
      </p>
      {!one && (
        <ul>
          {offered.slice(0, 5).map((job) => (
            <li key={job.id}>{job.label}</li>
          ))}
        </ul>
      )}
      <div className="dialog__actions">
        <button type="button" className="button button--ghost" onClick={() => setOffered([])}>Not now</button>
        <button type="button" className="button" onClick={() => { setOffered([]); onShow(); }}>Show jobs</button>
        <button type="button" className="button button--primary" onClick={() => void resumeAll()}>{one ? 'Resume' : 'Resume all'}</button>
      </div>
    </aside>
  );
}
