import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { JobProgress } from '../../../../shared/contract/jobs';
import type { DraftCounts, ReviewGrouping, ReviewPlan, ReviewQueueRow, ReviewVerdict } from '../../../../shared/contract/review';
import { ASSIGNMENT_STATUSES, type AssignmentStatus } from '../../../../shared/domain/mturk-objects';
import { bridge } from '../../api/bridge';
import { useResolvedTheme } from '../../app/theme';
import { useAppStore } from '../../stores/app-store';
import { useOfferBonuses } from '../bonuses/use-offer-bonuses';
import { BlockDialog } from '../workers/BlockDialog';
import { workerToOpen } from '../../stores/open-worker-store';
import { batchToReview, type ReviewBatch } from '../../stores/review-batch-store';
import { UntrustedText } from '../../components/UntrustedText';
import { archiveScope } from '../../stores/kept-archive-store';
import { useArchiveRefresh } from '../hits/useArchiveRefresh';
import { useDebounced } from '../hits/useDebounced';
import type { ReasonAnswers } from './reason-templates';
import { DeadlineStrip, type DeadlineFocus } from './DeadlineStrip';
import { ReviewDetail } from './ReviewDetail';
import { RejectDialog, SendDialog } from './ReviewDialogs';
import { ReviewGrid, type ReviewGridHandle } from './ReviewGrid';
import { nextGrouping } from './review-grouping';
import { UndoRejectionDialog } from './UndoRejectionDialog';
import { DEFAULT_FILTER_FIELDS, draftCountLabel, filterFrom, UndoStack, undoCalls, type FilterFields } from './review-model';
import './review.css';

function api() {
  if (!bridge) throw new Error('Not connected to Turkbench.');
  return bridge.api;
}

async function unwrap<T>(call: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const result = await call;
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const NO_ROWS: readonly ReviewQueueRow[] = [];
const NO_TEMPLATES: readonly string[] = [];

/** An assignment's answers by field, for reasons that quote them. */
async function readAnswers(assignmentId: string): Promise<ReasonAnswers> {
  const replay = await unwrap(api()['review.replay']({ assignmentId, ...archiveScope() }));
  return new Map(replay.fields.map((f) => [f.name, f.values]));
}

/**
 * Every submitted assignment of the connection, soonest auto-approval first, reviewed from the keyboard: verdicts are
 * drafts (shown, counted, undoable) until "Send" confirms them and starts one journaled job.
 */
export function ReviewView() {
  const theme = useResolvedTheme(useAppStore((s) => s.prefs.theme));
  const rejectTemplates = useAppStore((s) => s.prefs.rejectTemplates) ?? NO_TEMPLATES;
  const updatePrefs = useAppStore((s) => s.updatePrefs);
  const grid = useRef<ReviewGridHandle>(null);
  const undo = useRef(new UndoStack());
  const [fields, setFields] = useState<FilterFields>(DEFAULT_FILTER_FIELDS);
  const [group, setGroup] = useState<ReviewGrouping | null>(null);
  const typed = useDebounced(fields, 250);
  const parsed = useMemo(() => filterFrom(typed), [typed]);
  const [current, setCurrent] = useState<ReviewQueueRow | null>(null);
  const [counts, setCounts] = useState<DraftCounts>({ approve: 0, reject: 0 });
  const [selectionCount, setSelectionCount] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState<readonly ReviewQueueRow[] | null>(null);
  const [sending, setSending] = useState<{ plan: ReviewPlan | null } | null>(null);
  /** The rejected assignment whose undo is being confirmed. */
  const [undoing, setUndoing] = useState<string | null>(null);
  const [started, setStarted] = useState<JobProgress | null>(null);
  /** Workers of the selected assignments being blocked (soft by default) from the queue. */
  const [blocking, setBlocking] = useState<readonly string[] | null>(null);
  const goTo = useAppStore((s) => s.goTo);
  const [rowCount, setRowCount] = useState<number | null>(null);
  const refresh = useArchiveRefresh(['review_drafts', 'assignments', 'hits']);

  const offerBonuses = useOfferBonuses();
  const bonusThese = (rows: readonly ReviewQueueRow[]): void =>
    offerBonuses({ name: `Review bonuses ${new Date().toISOString().slice(0, 10)}`, work: rows.map((r) => ({ workerId: r.workerId, assignmentId: r.assignmentId })) });

  // The worker's dossier in the Workers area: everything that passed between you, not just this queue.
  const openDossier = (workerId: string): void => {
    workerToOpen.give(workerId);
    window.location.hash = '/workers';
    goTo('workers');
  };
  const blockWorkersOf = (rows: readonly ReviewQueueRow[]): void => {
    if (rows.length > 0) setBlocking([...new Set(rows.map((r) => r.workerId))]);
  };

  const [deadline, setDeadline] = useState<DeadlineFocus | null>(null);
  /** The batch whose work alone is shown, when the queue was opened from its page. */
  const [batch, setBatch] = useState<ReviewBatch | null>(() => batchToReview.take());
  const showEveryBatch = (): void => {
    setBatch(null);
    // A deadline chip chosen while the queue showed one batch would otherwise keep it to that batch.
    setDeadline((focus) => (focus?.batchId ? null : focus));
  };
  const typedFilter = 'filter' in parsed ? parsed.filter : null;
  const filter = useMemo(() => {
    if (!typedFilter) return null;
    const ofBatch = batch ? { ...typedFilter, batchId: batch.id } : typedFilter;
    return deadline ? { ...ofBatch, autoApprovalBefore: deadline.before, ...(deadline.batchId ? { batchId: deadline.batchId } : {}) } : ofBatch;
  }, [typedFilter, batch, deadline]);
  const queryKey = JSON.stringify({ filter, group });
  const fetchPage = useCallback(
    (after: string | null, limit: number) =>
      filter
        ? unwrap(api()['review.queue']({ filter, ...(group ? { group } : { sort: { column: 'autoApprovalTime', direction: 'asc' } }), after, limit, ...archiveScope() })).then((page) => ({ rows: page.rows, nextCursor: page.nextCursor }))
        : Promise.resolve({ rows: [], nextCursor: null }),
    [filter, group],
  );

  // Another filter is another list: what was selected in the old one is not on screen any more.
  useEffect(() => {
    setCurrent(null);
    setSelectionCount(0);
  }, [queryKey]);

  useEffect(() => {
    if (refresh > 0) grid.current?.reload();
    void unwrap(api()['review.draftCounts']({})).then(setCounts, (e: unknown) => setError(String(e instanceof Error ? e.message : e)));
  }, [refresh]);

  const run = (work: () => Promise<unknown>): void => {
    setError(null);
    work().catch((cause: unknown) => setError(cause instanceof Error ? cause.message : String(cause)));
  };

  /** Drafts a verdict; a rejection carries each assignment's own filled reason. */
  const draft = (verdict: ReviewVerdict, rows: readonly ReviewQueueRow[], reasons?: ReadonlyMap<string, string>): void =>
    run(async () => {
      if (rows.length === 0) return;
      setStarted(null);
      undo.current.push(verdict, rows);
      if (verdict === 'approve') {
        setCounts(await unwrap(api()['review.setDrafts']({ assignmentIds: rows.map((r) => r.assignmentId), verdict })));
      } else {
        // Rows with the same filled reason go in one call.
        const byReason = new Map<string, string[]>();
        for (const row of rows) {
          const text = reasons?.get(row.assignmentId) ?? '';
          byReason.set(text, [...(byReason.get(text) ?? []), row.assignmentId]);
        }
        for (const [feedback, assignmentIds] of byReason) setCounts(await unwrap(api()['review.setDrafts']({ assignmentIds, verdict, feedback })));
      }
      if (rows.length === 1) grid.current?.move(1);
    });

  const undoLast = (): void =>
    run(async () => {
      const step = undo.current.pop();
      if (!step) return;
      const { clear, restore } = undoCalls(step);
      if (clear.length > 0) setCounts(await unwrap(api()['review.clearDrafts']({ assignmentIds: clear })));
      for (const group of restore) {
        setCounts(await unwrap(api()['review.setDrafts']({ assignmentIds: group.assignmentIds, verdict: group.verdict, ...(group.feedback ? { feedback: group.feedback } : {}) })));
      }
    });

  const onReviewKey = (key: string): void => {
    const targets = grid.current?.targets() ?? [];
    if (key === 'a') draft('approve', targets);
    else if (key === 'r' && targets.length > 0) setRejecting(targets);
    else if (key === 's') grid.current?.move(1);
    else if (key === 'u') undoLast();
    else if (key === 'g') setGroup((g) => nextGrouping(g));
    else if (key === 'w' && targets.length > 0) openDossier(targets[0]!.workerId);
    else if (key === 'b') blockWorkersOf(targets);
  };

  const openSend = (): void => {
    setSending({ plan: null });
    run(async () => {
      const plan = await unwrap(api()['review.plan']({}));
      setSending({ plan });
    });
  };
  const send = (typedConnectionName: string | undefined): void => {
    setSending(null);
    run(async () => {
      const job = await unwrap(api()['review.send']({ ...(typedConnectionName !== undefined ? { typedConnectionName } : {}) }));
      // Sent verdicts are decisions now, not drafts: undo cannot take them back.
      undo.current = new UndoStack();
      setStarted(job);
    });
  };
  const closeUndo = useCallback(() => setUndoing(null), []);

  const set = (key: keyof FilterFields) => (e: { target: { value: string } }) => setFields((f) => ({ ...f, [key]: e.target.value }));
  const drafts = counts.approve + counts.reject;

  return (
    <div className="review-view">
      <form className="toolbar review-filters" aria-label="Filter the review queue" onSubmit={(e) => e.preventDefault()}>
        <select aria-label="Status" value={fields.status} onChange={(e) => setFields((f) => ({ ...f, status: e.target.value as AssignmentStatus | '' }))}>
          <option value="">Any status</option>
          {ASSIGNMENT_STATUSES.map((s) => (
            <option key={s} value={s}>{s}</option>
          ))}
        </select>
        <input className="toolbar__search" aria-label="HIT type id" placeholder="HIT type id" value={fields.hitTypeId} onChange={set('hitTypeId')} />
        <input className="toolbar__search" aria-label="HIT id" placeholder="HIT id" value={fields.hitId} onChange={set('hitId')} />
        <input className="toolbar__search" aria-label="Worker id" placeholder="Worker id" value={fields.workerId} onChange={set('workerId')} />
        {/* Pairs wrap as units, so a narrow window never leaves "to" (or "Gold") at the start of the next line. */}
        <span className="review-filters__group" role="group" aria-label="Submitted between">
          <label className="review-filters__date">Submitted from <input type="date" value={fields.submittedFrom} onChange={set('submittedFrom')} /></label>
          <label className="review-filters__date">to <input type="date" value={fields.submittedTo} onChange={set('submittedTo')} /></label>
        </span>
        <span className="review-filters__group" role="group" aria-label="Quality below">
          <input className="toolbar__search review-filters__share" aria-label="Agreement below (%)" placeholder="Agrees < %" value={fields.agreementBelow} onChange={set('agreementBelow')} />
          <input className="toolbar__search review-filters__share" aria-label="Gold below (%)" placeholder="Gold < %" value={fields.goldBelow} onChange={set('goldBelow')} />
        </span>
        <select aria-label="Group" value={group ?? ''} onChange={(e) => setGroup(e.target.value === '' ? null : (e.target.value as ReviewGrouping))}>
          <option value="">No grouping</option>
          <option value="hit">Group by HIT</option>
          <option value="worker">Group by worker</option>
        </select>
      </form>
      {batch && (
        <p className="review-batch" data-testid="review-batch">
          <span>Only the work of batch <strong><UntrustedText value={batch.name} limit={120} /></strong></span>
          <button type="button" className="button button--small" onClick={showEveryBatch}>Show every batch</button>
        </p>
      )}
      <DeadlineStrip refreshKey={refresh} {...(batch ? { batchId: batch.id } : {})} focus={deadline} onFocus={setDeadline} onError={setError} />
      <div className="toolbar review-actions">
        <span className="toolbar__count" data-testid="draft-counter" aria-live="polite">{draftCountLabel(counts)}</span>
        <button type="button" className="button" disabled={selectionCount === 0} onClick={() => draft('approve', grid.current?.targets() ?? [])}>
          Approve {selectionCount > 1 ? `${selectionCount} selected` : 'selected'}
        </button>
        <button type="button" className="button" disabled={selectionCount === 0} onClick={() => setRejecting(grid.current?.targets() ?? [])}>
          Reject {selectionCount > 1 ? `${selectionCount} selected` : 'selected'}…
        </button>
        <button type="button" className="button" disabled={selectionCount === 0} onClick={() => bonusThese(grid.current?.targets() ?? [])}>Bonus selected…</button>
        <button type="button" className="button" disabled={undo.current.size === 0 && drafts === 0} onClick={undoLast}>Undo last draft</button>
        <button type="button" className="button" disabled={drafts === 0} onClick={() => run(async () => setCounts(await unwrap(api()['review.clearDrafts']({}))))}>Clear drafts</button>
        <button type="button" className="button button--primary" disabled={drafts === 0} onClick={openSend} data-testid="review-send">Send…</button>
        {'error' in parsed && <p className="notice notice--error" role="alert">{parsed.error}</p>}
        {error && <p className="notice notice--error" role="alert">{error}</p>}
        {started && <p className="notice" role="status" data-testid="review-started">Sending as job “{started.label}” — follow it in Jobs.</p>}
      </div>
      {rowCount === 0 && (
        <p className="muted review-empty" data-testid="review-empty">
          {fields.status === 'Submitted' && !deadline && !fields.hitTypeId && !fields.hitId && !fields.workerId && !fields.submittedFrom && !fields.submittedTo
            ? 'Nothing waits for review. Submitted work appears here after the archive syncs it (Archive → Sync now).'
            : 'No assignment matches these filters.'}
        </p>
      )}
      <div className="review-body">
        <ReviewGrid
          ref={grid}
          fetchPage={fetchPage}
          queryKey={queryKey}
          group={group}
          theme={theme}
          onCurrent={setCurrent}
          onReviewKey={onReviewKey}
          onError={setError}
          onSelectionCount={setSelectionCount}
          onRowCount={setRowCount}
        />
        <ReviewDetail row={current} refreshKey={refresh} onUndoRejection={(row) => setUndoing(row.assignmentId)} onOpenDossier={openDossier} onBlock={(row) => blockWorkersOf([row])} />
      </div>
      <RejectDialog
        open={rejecting !== null}
        rows={rejecting ?? NO_ROWS}
        saved={rejectTemplates}
        readAnswers={readAnswers}
        onSaved={(templates) => void updatePrefs({ rejectTemplates: templates })}
        onCancel={() => setRejecting(null)}
        onReject={(reasons) => {
          const rows = rejecting ?? [];
          setRejecting(null);
          draft('reject', rows, reasons);
        }}
      />
      <SendDialog open={sending !== null} plan={sending?.plan ?? null} onCancel={() => setSending(null)} onSend={send} />
      {blocking && (
        <BlockDialog
          mode="block"
          workerIds={blocking}
          onClose={() => setBlocking(null)}
          onStarted={(job) => {
            setBlocking(null);
            setStarted(job);
          }}
        />
      )}
      {undoing && <UndoRejectionDialog assignmentId={undoing} onClose={closeUndo} onStarted={setStarted} onError={setError} />}
    </div>
  );
}
