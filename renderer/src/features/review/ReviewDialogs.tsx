import { useEffect, useState } from 'react';
import type { ReviewPlan } from '../../../../shared/contract/review';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { UntrustedText } from '../../components/UntrustedText';
import { formatCents } from '../../grid/format';
import { BUILT_IN_REASONS, fillAll, needsAnswers, PLACEHOLDERS, withoutTemplate, withTemplate, type ReasonAnswers, type ReasonRow } from './reason-templates';

/** Reading answers for `{field:…}` is one replay per assignment: fine for a handful, not for a whole queue. */
const MAX_ANSWER_READS = 200;

/**
 * Picks a rejection reason — a built-in or saved template, or free text — and previews it filled for the first
 * assignment. The worker reads it; nothing is sent yet.
 */
export function RejectDialog(props: {
  rows: readonly ReasonRow[];
  open: boolean;
  saved: readonly string[];
  readAnswers(assignmentId: string): Promise<ReasonAnswers>;
  onSaved(templates: string[]): void;
  onReject(filled: ReadonlyMap<string, string>): void;
  onCancel(): void;
}) {
  const [reason, setReason] = useState('');
  const [answers, setAnswers] = useState<ReadonlyMap<string, ReasonAnswers>>(new Map());
  const [readProblem, setReadProblem] = useState<string | null>(null);
  const { rows, open, readAnswers } = props;
  useEffect(() => {
    if (!open) return;
    setReason('');
    setAnswers(new Map());
    setReadProblem(null);
  }, [open]);

  const wantsAnswers = open && needsAnswers(reason);
  useEffect(() => {
    if (!wantsAnswers || answers.size > 0) return;
    if (rows.length > MAX_ANSWER_READS) {
      setReadProblem(`{field:…} reads each assignment's answers: select at most ${MAX_ANSWER_READS} (${rows.length} are selected).`);
      return;
    }
    let live = true;
    void Promise.all(rows.map(async (row) => [row.assignmentId, await readAnswers(row.assignmentId)] as const)).then(
      (read) => live && setAnswers(new Map(read)),
      (cause: unknown) => live && setReadProblem(cause instanceof Error ? cause.message : String(cause)),
    );
    return () => {
      live = false;
    };
  }, [wantsAnswers, answers.size, rows, readAnswers]);

  const text = reason.trim();
  const result = text === '' ? null : fillAll(text, rows, (id) => answers.get(id));
  const waiting = wantsAnswers && answers.size === 0 && readProblem === null;
  const problem = wantsAnswers && readProblem !== null ? readProblem : result && 'problem' in result && !waiting ? result.problem : null;
  const filled = result && 'filled' in result ? result.filled : null;
  const first = rows[0] ? filled?.get(rows[0].assignmentId) : undefined;
  const distinct = filled ? new Set(filled.values()).size : 0;
  const ready = filled !== null && problem === null;
  const confirm = (): void => {
    if (filled && ready) props.onReject(filled);
  };
  return (
    <ConfirmDialog
      open={open}
      title={`Reject ${rows.length} assignment${rows.length === 1 ? '' : 's'} (draft)`}
      confirmLabel="Draft rejection"
      danger
      confirmDisabled={!ready}
      testId="reject-dialog"
      onConfirm={confirm}
      onCancel={props.onCancel}
    >
      <p className="muted">Nothing is sent yet. The worker reads this reason; {PLACEHOLDERS.join(' ')} are filled in per assignment.</p>
      <div className="review-reasons" role="group" aria-label="Reason templates">
        {[...BUILT_IN_REASONS, ...props.saved].map((template) => (
          <span key={template} className="review-reasons__item">
            <button type="button" className="button review-reasons__pick" onClick={() => setReason(template)}>
              <UntrustedText value={template} limit={300} />
            </button>
            {props.saved.includes(template) && (
              <button type="button" className="button button--small" aria-label={`Forget template: ${template}`} onClick={() => props.onSaved(withoutTemplate(props.saved, template))}>
                ×
              </button>
            )}
          </span>
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
              confirm();
            }
          }}
        />
      </label>
      <button type="button" className="button button--small" disabled={text === '' || props.saved.includes(text) || BUILT_IN_REASONS.includes(text)} onClick={() => props.onSaved(withTemplate(props.saved, text))}>
        Save as template
      </button>
      <div className="review-reasons__preview" data-testid="reject-preview" aria-live="polite">
        {problem !== null ? (
          <p className="notice notice--error">{problem}</p>
        ) : waiting ? (
          <p className="muted">Reading the answers…</p>
        ) : first !== undefined ? (
          <p>
            {rows[0]!.workerId} reads: <q><UntrustedText value={first} limit={1024} /></q>
            {distinct > 1 && <span className="muted"> ({distinct} different reasons across the selection)</span>}
          </p>
        ) : null}
      </div>
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
  const short = plan?.balance != null && plan.balance.afterCents < 0;
  return (
    <ConfirmDialog
      open={props.open}
      title={props.title ?? (plan ? `Send ${total} verdict${total === 1 ? '' : 's'} to ${plan.connection.label}` : 'Send verdicts')}
      confirmLabel={plan && total > 0 ? 'Send' : null}
      cancelLabel={plan && total > 0 ? 'Cancel' : 'Close'}
      danger={plan?.connection.production === true}
      confirmDisabled={!plan || short || (needsName !== null && typed !== needsName)}
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
            {(plan.approve > 0 || plan.override === 0) && (
              <>
                <dt>Approval cost</dt>
                <dd>
                  {formatCents(plan.approvalCost.totalCents)} ({formatCents(plan.approvalCost.rewardsCents)} rewards + {formatCents(plan.approvalCost.feesCents)} MTurk fees, already held)
                </dd>
              </>
            )}
            {plan.overrideCost.totalCents > 0 && (
              <>
                <dt>Override cost</dt>
                <dd data-testid="plan-override-cost">
                  {formatCents(plan.overrideCost.totalCents)} ({formatCents(plan.overrideCost.rewardsCents)} rewards + {formatCents(plan.overrideCost.feesCents)} MTurk fees), from the available balance: a rejection releases what MTurk held
                </dd>
                <dt>Balance</dt>
                <dd data-testid="plan-balance">{plan.balance ? `${formatCents(plan.balance.availableCents)} → ${formatCents(plan.balance.afterCents)} after` : 'Unknown: MTurk could not be asked (offline?)'}</dd>
              </>
            )}
          </dl>
          {short && <p className="notice notice--error" role="alert">The available balance does not cover the overrides. Add funds, or override fewer.</p>}
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
