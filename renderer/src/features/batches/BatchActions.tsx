import { useState } from 'react';
import type { BatchDetail } from '../../../../shared/contract/batches';
import { bridge } from '../../api/bridge';
import { saveTextFile } from '../archive/download';

/** What the last action came to, shown under the page's toolbar. */
export type ActionOutcome = { readonly tone: 'ok' | 'error'; readonly text: string } | null;

const plural = (n: number, word: string): string => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

/**
 * What a batch page does with the batch as a whole: download its results (the website's CSV or JSON, built by the main
 * process from the archive; the window only saves the text it is given), and — for a batch tried on the built-in Local
 * MTurk — let the simulated crowd do its work.
 */
export function BatchActions({ detail, onOutcome: setOutcome }: { detail: BatchDetail; onOutcome(outcome: ActionOutcome): void }) {
  const [busy, setBusy] = useState<'csv' | 'json' | 'crowd' | null>(null);
  const batchId = detail.batch.id;
  const { submitted, total } = detail.batch.figures.assignments;

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

  return (
    <div className="batch-actions" role="group" aria-label="Batch actions">
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
