import { useState } from 'react';
import type { BatchDetail } from '../../../../shared/contract/batches';
import type { JobProgress } from '../../../../shared/contract/jobs';
import { bridge } from '../../api/bridge';
import { useAppStore } from '../../stores/app-store';
import { reviewBatch } from '../../stores/review-batch-store';
import { useStartedJob } from '../../components/use-started-job';
import { saveTextFile } from '../archive/download';
import { BatchChangeDialog } from './BatchChangeDialog';
import type { BatchChangeAction } from './batch-change-model';

/** What the last action came to, shown under the page's toolbar. */
export type ActionOutcome = { readonly tone: 'ok' | 'error'; readonly text: string } | null;

const plural = (n: number, word: string): string => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

/**
 * What a batch page does with the batch as a whole: download its results (the website's CSV or JSON, built by the main
 * process from the archive; the window only saves the text it is given), and — for a batch tried on the built-in Local
 * MTurk — let the simulated crowd do its work. A launched batch can be paused, resumed or given more assignments; each
 * is confirmed with its plan and cost, then runs as a job (followed in the Jobs panel).
 */
export function BatchActions({ detail, onOutcome: setOutcome }: { detail: BatchDetail; onOutcome(outcome: ActionOutcome): void }) {
  const [busy, setBusy] = useState<'csv' | 'json' | 'crowd' | null>(null);
  const [changing, setChanging] = useState<BatchChangeAction | null>(null);
  const [started, setStarted] = useStartedJob();
  const batchId = detail.batch.id;
  const { submitted, total } = detail.batch.figures.assignments;
  const status = detail.batch.figures.status;
  const controllable = detail.batch.origin === 'launched' && status !== 'launching' && status !== 'cancelled';
  // The queue reviews the active connection's work: a batch tried on Local MTurk while another is active is not in it.
  const onActiveConnection = useAppStore((s) => s.connection?.id === detail.connection.id);

  const download = async (format: 'csv' | 'json'): Promise<void> => {
    setBusy(format);
    const result = await bridge?.api['batches.results']({ batchId, format });
    setBusy(null);
    if (!result) return setOutcome({ tone: 'error', text: 'Not connected to Turkbench.' });
    if (!result.ok) return setOutcome({ tone: 'error', text: result.error.message });
    saveTextFile(result.value);
    setOutcome({ tone: 'ok', text: `Saved ${result.value.fileName}: ${plural(result.value.rows, 'assignment')}.` });
  };

  const simulate = async (): Promise<void> => {
    setBusy('crowd');
    const result = await bridge?.api['batches.simulateCrowd']({ batchId });
    setBusy(null);
    if (!result) return setOutcome({ tone: 'error', text: 'Not connected to Turkbench.' });
    if (!result.ok) return setOutcome({ tone: 'error', text: result.error.message });
    const run = result.value;
    setOutcome({
      tone: 'ok',
      text: `The simulated crowd submitted ${plural(run.submitted, 'assignment')} over ${plural(Math.round(run.virtualMinutes), 'simulated minute')}; ${plural(run.archivedAssignments, 'assignment')} of this batch are archived.`,
    });
  };

  const changeDone = (job: JobProgress | null, action: BatchChangeAction): void => {
    setChanging(null);
    if (job) setStarted(job);
    const what = { pause: 'Pausing', resume: 'Resuming', 'add-assignments': 'Adding assignments to' }[action];
    setOutcome(job ? { tone: 'ok', text: `${what} the batch: ${job.label} — follow it in Jobs.` } : { tone: 'ok', text: action === 'pause' ? 'No HIT was open: the batch is paused (no further sub-HITs).' : 'No HIT needed reopening: the batch is no longer paused.' });
  };

  return (
    <div className="batch-actions" role="group" aria-label="Batch actions">
      {controllable && (
        <>
          <button type="button" className="button" disabled={status !== 'running'} onClick={() => setChanging('pause')} title="Expire the open HITs so no new worker takes them">Pause</button>
          <button type="button" className="button" disabled={status === 'running' || submitted >= total} onClick={() => setChanging('resume')} title="Reopen the HITs that still want work, for the batch's lifetime">Resume</button>
          <button type="button" className="button" onClick={() => setChanging('add-assignments')} title="More assignments on each HIT (shows the cost first)">Add assignments…</button>
        </>
      )}
      {changing && <BatchChangeDialog batchId={batchId} action={changing} onClose={() => setChanging(null)} onDone={(job, change) => changeDone(job, change.action)} />}
      {started && (
        <div className="manage-toast" role="status" data-testid="batch-change-started">
          <span>Started: {started.label} — see Jobs</span>
          <button type="button" className="button button--small button--ghost" onClick={() => setStarted(null)} aria-label="Dismiss">✕</button>
        </div>
      )}
      {detail.connection.localMTurk && (
        <button
          type="button"
          className="button"
          disabled={busy !== null || submitted >= total}
          onClick={() => void simulate()}
          title={submitted >= total ? 'Every assignment of this batch is submitted' : "The built-in Local MTurk's simulated workers take and submit every HIT on offer there"}
        >
          {busy === 'crowd' ? 'The crowd is working…' : 'Simulate the crowd'}
        </button>
      )}
      {onActiveConnection && (
        <button type="button" className="button" disabled={submitted === 0} onClick={() => reviewBatch({ id: batchId, name: detail.batch.name })} title="The review queue with only this batch's work">
          Review its work
        </button>
      )}
      <span className="batch-actions__label">Download results</span>
      <button type="button" className="button" disabled={busy !== null || submitted === 0} onClick={() => void download('csv')} title="The Requester website's layout: Input.* and Answer.* columns">
        {busy === 'csv' ? 'Preparing…' : 'CSV'}
      </button>
      <button type="button" className="button" disabled={busy !== null || submitted === 0} onClick={() => void download('json')} title="Inputs and nested answers, for scripts">
        {busy === 'json' ? 'Preparing…' : 'JSON'}
      </button>
    </div>
  );
}

export function OutcomeNotice({ outcome }: { outcome: ActionOutcome }) {
  if (!outcome) return null;
  return (
    <p className={`notice notice--${outcome.tone} batch-actions__outcome`} role={outcome.tone === 'error' ? 'alert' : 'status'} data-testid="batch-action-outcome">
      {outcome.text}
    </p>
  );
}
