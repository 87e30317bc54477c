import type { ReviewQueueRow } from '../../../../shared/contract/review';
import { formatTime } from '../../grid/format';
import { overrideOffer } from './rejection-undo';

/**
 * For a rejected assignment: "Undo rejection (approve)" while MTurk still allows it (the caller confirms, then sends
 * it as a journaled override), or why it cannot be undone any more.
 */
export function RejectionUndo({ row, now, onUndo }: { row: ReviewQueueRow; now: number; onUndo: (row: ReviewQueueRow) => void }) {
  const offer = overrideOffer(row, now);
  if (offer.kind === 'none') return null;
  if (offer.kind === 'closed') {
    return (
      <p className="notice review-undo" data-testid="undo-rejection-closed">
        Rejected{row.rejectionTime ? ` ${formatTime(row.rejectionTime)}` : ''}. It cannot be undone: {offer.reason}
      </p>
    );
  }
  return (
    <div className="notice review-undo">
      <span>Rejected{row.rejectionTime ? ` ${formatTime(row.rejectionTime)}` : ''}. MTurk allows undoing it until {formatTime(offer.until)}.</span>
      <button type="button" className="button" onClick={() => onUndo(row)} data-testid="undo-rejection">Undo rejection (approve)…</button>
    </div>
  );
}
