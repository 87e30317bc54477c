import { useEffect, useState, type ReactNode } from 'react';
import type { DeadlineWindow } from '../../../../shared/contract/dashboard';
import { bridge } from '../../api/bridge';
import { UntrustedText } from '../../components/UntrustedText';
import { formatCents } from '../../grid/format';
import { archiveScope } from '../../stores/kept-archive-store';
import { windowsOfBatch, type StripWindow } from './review-model';

/** The queue narrowed to work MTurk approves by itself before `before`, in one batch or all. */
export interface DeadlineFocus {
  readonly label: string;
  readonly before: number;
  readonly batchId?: string;
}

const windowText = (w: StripWindow): string => `${w.label}: ${w.assignments}${w.costCents === null ? ' of this batch' : ` (${formatCents(w.costCents)})`}`;

/**
 * Above the queue: how much submitted work MTurk approves by itself within 24 hours and within 3 days, per batch;
 * each count narrows the queue to that work. Read from the same archive query as the Dashboard's radar.
 */
export function DeadlineStrip(props: {
  refreshKey: number;
  /** Only this batch's work is in the queue: the strip counts only it. */
  batchId?: string;
  focus: DeadlineFocus | null;
  onFocus(focus: DeadlineFocus | null): void;
  onError(message: string): void;
}) {
  const [windows, setWindows] = useState<readonly DeadlineWindow[] | null>(null);
  const { refreshKey, onError } = props;
  useEffect(() => {
    let live = true;
    void bridge?.api['dashboard.deadlines']({ ...archiveScope() }).then((result) => {
      if (!live) return;
      if (result.ok) setWindows(result.value);
      else onError(result.error.message);
    });
    return () => {
      live = false;
    };
  }, [refreshKey, onError]);
  if (!windows) return null;
  const shown: readonly StripWindow[] = props.batchId ? windowsOfBatch(windows, props.batchId) : windows;

  const chip = (focus: DeadlineFocus, text: ReactNode, count: number, testId: string, title?: string) => {
    const active = props.focus?.before === focus.before && props.focus.batchId === focus.batchId;
    return (
      <button
        type="button"
        className={`review-deadlines__chip${active ? ' review-deadlines__chip--active' : ''}${count > 0 ? ' review-deadlines__chip--due' : ''}`}
        aria-pressed={active}
        disabled={count === 0 && !active}
        data-testid={testId}
        title={title}
        onClick={() => props.onFocus(active ? null : focus)}
      >
        {text}
      </button>
    );
  };

  return (
    <section className="review-deadlines" aria-label="Auto-approval deadlines" data-testid="review-deadlines">
      {shown.map((w, i) => (
        <div key={w.label} className="review-deadlines__window">
          {chip({ label: w.label, before: w.before, ...(props.batchId ? { batchId: props.batchId } : {}) }, windowText(w), w.assignments, `deadline-${i}`, 'Show only this work in the queue')}
          {w.batches.slice(0, 6).map((b) => (
            <span key={b.batchId}>
              {chip(
                { label: `${w.label}, batch ${b.name}`, before: w.before, batchId: b.batchId },
                <>
                  <UntrustedText value={b.name} limit={40} />: {b.assignments}
                </>,
                b.assignments,
                `deadline-${i}-${b.batchId}`,
                `Only batch ${b.name}`,
              )}
            </span>
          ))}
          {w.batches.length > 6 && <span className="muted">+{w.batches.length - 6} batches</span>}
        </div>
      ))}
      {props.focus && (
        <button type="button" className="button button--small" onClick={() => props.onFocus(null)}>
          Show every deadline
        </button>
      )}
    </section>
  );
}
