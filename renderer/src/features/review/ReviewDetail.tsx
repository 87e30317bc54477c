import { useEffect, useState } from 'react';
import type { AssignmentRow, HitRow } from '../../../../shared/contract/browse';
import type { ReviewQueueRow } from '../../../../shared/contract/review';
import { bridge } from '../../api/bridge';
import { archiveScope } from '../../stores/kept-archive-store';
import { AnswerPanel } from '../hits/AnswerPanel';
import { HitPanel } from '../hits/HitPanel';
import { RejectionUndo } from './RejectionUndo';
import { ReplayPanel } from './ReplayPanel';
import { workerHistoryLabel } from './review-grouping';

interface Loaded {
  readonly assignmentId: string;
  readonly hit: HitRow | null;
  readonly answer: AssignmentRow | null;
  readonly error: string | null;
}

/** Loads the current assignment's HIT (with its inputs) and its answers; the latest selection wins. */
function useCurrent(row: ReviewQueueRow | null, refreshKey: number): Loaded | null {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  useEffect(() => {
    if (!row || !bridge) return setLoaded(null);
    let current = true;
    const api = bridge.api;
    void Promise.all([
      api['hits.detail']({ hitId: row.hitId, ...archiveScope() }),
      api['assignments.page']({ filter: { hitId: row.hitId, workerId: row.workerId }, limit: 50, ...archiveScope() }),
    ]).then(([detail, page]) => {
      if (!current) return;
      const error = !detail.ok ? detail.error.message : !page.ok ? page.error.message : null;
      const hit = detail.ok && detail.value ? { ...detail.value.hit, tally: detail.value.tally } : null;
      const answer = page.ok ? (page.value.rows.find((a) => a.assignmentId === row.assignmentId) ?? null) : null;
      setLoaded({ assignmentId: row.assignmentId, hit, answer, error });
    });
    return () => {
      current = false;
    };
  }, [row, refreshKey]);
  return loaded;
}

/** The selected assignment replayed in its own question, beside its answers as text and the HIT's inputs and facts. */
export function ReviewDetail(props: {
  row: ReviewQueueRow | null;
  refreshKey: number;
  onUndoRejection: (row: ReviewQueueRow) => void;
  onOpenDossier: (workerId: string) => void;
  onBlock: (row: ReviewQueueRow) => void;
}) {
  const { row, refreshKey, onUndoRejection } = props;
  const loaded = useCurrent(row, refreshKey);
  if (!row) return <p className="muted review-detail__empty">Select an assignment (J / K) to see its answers and the HIT's inputs here.</p>;
  return (
    <div className="review-detail" data-testid="review-detail">
      {loaded?.error && <p className="notice notice--error" role="alert">{loaded.error}</p>}
      <p className="review-history" data-testid="worker-line">
        <span data-testid="worker-history">
          Worker <span className="mono">{row.workerId}</span> with you: {workerHistoryLabel(row.workerHistory)} ({row.workerHistory.assignments} archived)
        </span>{' '}
        <button type="button" className="button button--small" onClick={() => props.onOpenDossier(row.workerId)} title="Open this worker's dossier in Workers (W)">Dossier (W)</button>{' '}
        <button type="button" className="button button--small" onClick={() => props.onBlock(row)} title="Block the worker — soft by default (B)">Block… (B)</button>
      </p>
      <RejectionUndo row={row} now={Date.now()} onUndo={onUndoRejection} />
      <ReplayPanel row={row} />
      <div className="review-detail__facts">
        {loaded?.answer ? <AnswerPanel assignment={loaded.answer} /> : <p className="muted">{loaded ? 'The answers of this assignment are not archived.' : 'Loading…'}</p>}
        {loaded?.hit && <HitPanel hit={loaded.hit} refreshKey={refreshKey} />}
      </div>
    </div>
  );
}
