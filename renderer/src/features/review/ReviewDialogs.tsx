import { useEffect, useState } from 'react';
import type { ReviewPlan } from '../../../../shared/contract/review';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { UntrustedText } from '../../components/UntrustedText';
import { formatCents } from '../../grid/format';
import { REJECT_REASONS } from './review-model';

/** Picks a rejection reason: a template or free text. The worker reads it. */
export function RejectDialog(props: { count: number; open: boolean; onReject(reason: string): void; onCancel(): void }) {
  const [reason, setReason] = useState('');
  useEffect(() => {
    if (props.open) setReason('');
  }, [props.open]);
  const ready = reason.trim() !== '';
  return (
    <ConfirmDialog
      open={props.open}
      title={`Reject ${props.count} assignment${props.count === 1 ? '' : 's'} (draft)`}
      confirmLabel="Draft rejection"
      danger
      confirmDisabled={!ready}
      testId="reject-dialog"
      onConfirm={() => props.onReject(reason.trim())}
      onCancel={props.onCancel}
    >
      <p className="muted">Nothing is sent yet. The worker reads this reason; {'{worker}'} and {'{assignment}'} are filled in.</p>
      <div className="review-reasons" role="group" aria-label="Reason templates">
        {REJECT_REASONS.map((template) => (
          <button key={template} type="button" className="button review-reasons__pick" onClick={() => setReason(template)}>
            {template}
          </button>
        ))}
      </div>
      <label className="review-reasons__text">
        Reason
        <textarea
          value={reason}
          rows={3}
          maxLength={1024}
          data-testid="reject-reason"
          onChange={(e) => setReason(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && ready) {
              e.preventDefault();
              props.onReject(reason.trim());
            }
          }}
        />
      </label>
    </ConfirmDialog>
  );
}

/** The one confirmation before verdicts go to MTurk: counts, cost with fees, rejections per worker today. */
export function SendDialog(props: { plan: ReviewPlan | null; open: boolean; title?: string; testId?: string; onSend(typedName: string | undefined): void; onCancel(): void }) {
  const [typed, setTyped] = useState('');
  useEffect(() => {
    if (props.open) setTyped('');
  }, [props.open]);
  const plan = props.plan;
  const needsName = plan?.typeToConfirm ?? null;
  const total = plan ? plan.approve + plan.reject + plan.override : 0;
  return (
    <ConfirmDialog
      open={props.open}
      title={props.title ?? (plan ? `Send ${total} verdict${total === 1 ? '' : 's'} to ${plan.connection.label}` : 'Send verdicts')}
      confirmLabel={plan && total > 0 ? 'Send' : null}
      cancelLabel={plan && total > 0 ? 'Cancel' : 'Close'}
      danger={plan?.connection.production === true}
      confirmDisabled={!plan || (needsName !== null && typed !== needsName)}
      testId={props.testId ?? 'send-dialog'}
      onConfirm={() => props.onSend(needsName === null ? undefined : typed)}
      onCancel={props.onCancel}
    >
      {!plan ? (
        <p>Working out what would be sent…</p>
      ) : (
        <div className="review-plan">
          <dl className="review-plan__facts">
            <dt>Approve</dt>
            <dd data-testid="plan-approve">{plan.approve}</dd>
            <dt>Reject</dt>
            <dd data-testid="plan-reject">{plan.reject}</dd>
            {plan.override > 0 && (
              <>
                <dt>Override rejection</dt>
                <dd>{plan.override}</dd>
              </>
            )}
            <dt>Workers</dt>
            <dd>{plan.workers}</dd>
            <dt>Approval cost</dt>
            <dd>
              {formatCents(plan.approvalCost.totalCents)} ({formatCents(plan.approvalCost.rewardsCents)} rewards + {formatCents(plan.approvalCost.feesCents)} MTurk fees, already held)
            </dd>
          </dl>
          {plan.rejectedWorkers.length > 0 && (
            <table className="review-plan__workers">
              <caption>Rejections each worker would have from you today</caption>
              <thead>
                <tr><th>Worker</th><th>In this send</th><th>Today after it</th></tr>
              </thead>
              <tbody>
                {plan.rejectedWorkers.map((w) => (
                  <tr key={w.workerId}>
                    <td className="mono"><UntrustedText value={w.workerId} limit={64} /></td>
                    <td>{w.inThisSend}</td>
                    <td>{w.todayAfter}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {plan.skipped.length > 0 && (
            <details>
              <summary>{plan.skipped.length} not sendable, left out</summary>
              <ul>
                {plan.skipped.slice(0, 50).map((s) => (
                  <li key={s.assignmentId}><span className="mono">{s.assignmentId}</span>: <UntrustedText value={s.reason} limit={300} /></li>
                ))}
              </ul>
            </details>
          )}
          {needsName !== null && (
            <label className="review-plan__typed">
              This is Production. Type <strong><UntrustedText value={needsName} limit={200} /></strong> to send.
              <input value={typed} onChange={(e) => setTyped(e.target.value)} data-testid="send-typed-name" />
            </label>
          )}
        </div>
      )}
    </ConfirmDialog>
  );
}
