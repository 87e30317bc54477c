import { useEffect, useState } from 'react';
import type { JobProgress } from '../../../../shared/contract/jobs';
import type { ReviewDecision, ReviewPlan } from '../../../../shared/contract/review';
import { bridge } from '../../api/bridge';
import { SendDialog } from './ReviewDialogs';

/**
 * Confirms undoing one rejection — an OverrideRejection, which approves and pays — with the same plan a send shows
 * (what it pays, the typed name on Production; a HIT that is gone is listed as not sendable), then sends it as a
 * journaled job at interactive priority. Used by the review queue and the worker dossier.
 */
export function UndoRejectionDialog(props: { assignmentId: string; onClose(): void; onStarted(job: JobProgress): void; onError(message: string): void }) {
  const [plan, setPlan] = useState<ReviewPlan | null>(null);
  const { assignmentId, onClose, onError } = props;
  const decisions: ReviewDecision[] = [{ assignmentId, verdict: 'override' }];
  useEffect(() => {
    let current = true;
    void bridge?.api['review.plan']({ decisions: [{ assignmentId, verdict: 'override' }] }).then((result) => {
      if (!current) return;
      if (result.ok) setPlan(result.value);
      else {
        onError(result.error.message);
        onClose();
      }
    });
    return () => {
      current = false;
    };
  }, [assignmentId, onClose, onError]);

  const send = (typedConnectionName: string | undefined): void => {
    props.onClose();
    void bridge?.api['review.send']({ decisions, ...(typedConnectionName !== undefined ? { typedConnectionName } : {}) }).then((result) => {
      if (result.ok) props.onStarted(result.value);
      else props.onError(result.error.message);
    });
  };

  return <SendDialog open plan={plan} title={`Undo the rejection of ${assignmentId} (approve it)`} testId="undo-rejection-dialog" onCancel={props.onClose} onSend={send} />;
}
