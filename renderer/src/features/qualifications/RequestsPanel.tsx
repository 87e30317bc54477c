import { useState } from 'react';
import type { JobProgress } from '../../../../shared/contract/jobs';
import type { QualificationRequest, QualificationType } from '../../../../shared/domain/archive-types';
import { bridge } from '../../api/bridge';
import { UntrustedText } from '../../components/UntrustedText';
import { useLiveQuery } from '../../data/useLiveQuery';
import { formatTime } from '../../grid/format';
import { requestAnswerText } from './quals-model';

/**
 * The open qualification requests (of one type, or all), each with the worker's test answers: accept with a score or
 * reject with a reason, one at a time or the checked ones together.
 */
export function RequestsPanel(props: { types: readonly QualificationType[]; typeId: string | null; archiveId: number | undefined; readOnly: boolean; onStarted(job: JobProgress): void }) {
  const requests = useLiveQuery(
    () => bridge!.api['quals.requests']({ ...(props.typeId ? { qualificationTypeId: props.typeId } : {}), ...(props.archiveId === undefined ? {} : { archiveId: props.archiveId }) }),
    { tables: ['qualification_requests'], key: `${props.typeId ?? ''}:${props.archiveId ?? ''}` },
  );
  const [checked, setChecked] = useState<ReadonlySet<string>>(new Set());
  const [score, setScore] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const list = requests.value ?? [];
  const typeName = (id: string): string => props.types.find((t) => t.qualificationTypeId === id)?.name ?? id;
  const scoreOk = score.trim() === '' || Number.isInteger(Number(score));

  const answer = (kind: 'accept' | 'reject', ids: readonly string[]): void => {
    if (!bridge || ids.length === 0 || !scoreOk) return;
    const sent = kind === 'accept'
      ? bridge.api['quals.accept']({ requestIds: [...ids], ...(score.trim() === '' ? {} : { score: Number(score) }) })
      : bridge.api['quals.reject']({ requestIds: [...ids], ...(reason.trim() ? { reason: reason.trim() } : {}) });
    void sent.then((result) => {
      if (!result.ok) return setError(result.error.message);
      setError(null);
      setChecked(new Set());
      props.onStarted(result.value);
    });
  };
  const toggle = (id: string): void => setChecked((s) => (s.has(id) ? new Set([...s].filter((x) => x !== id)) : new Set([...s, id])));

  return (
    <div className="requests">
      <div className="requests__bar" role="toolbar" aria-label="Answer requests">
        <div className="holders__row">
          <label>Score <input className="holders__score" value={score} inputMode="numeric" placeholder="type's" onChange={(e) => setScore(e.target.value)} aria-label="Score to accept with" title="Empty: the type's auto-grant value, else 1" /></label>
          <button type="button" className="button button--small button--primary" disabled={checked.size === 0 || props.readOnly || !scoreOk} onClick={() => answer('accept', [...checked])}>{checked.size === 0 ? 'Accept checked' : `Accept ${checked.size} checked`}</button>
        </div>
        <div className="holders__row">
          <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={1024} placeholder="Reason for rejecting (the worker sees it)" aria-label="Reason for rejecting" />
          <button type="button" className="button button--small" disabled={checked.size === 0 || props.readOnly} onClick={() => answer('reject', [...checked])}>{checked.size === 0 ? 'Reject checked' : `Reject ${checked.size} checked`}</button>
        </div>
      </div>
      {!scoreOk && <p className="notice notice--error" role="alert">The score must be a whole number; got "{score.slice(0, 20)}".</p>}
      {error && <p className="notice notice--error" role="alert">{error}</p>}
      {requests.error && <p className="notice notice--error">{requests.error.message}</p>}
      {requests.value && list.length === 0 && <p className="muted" data-testid="requests-none">No open requests. New ones arrive with the next sync.</p>}
      <ul className="requests__list" data-testid="requests">
        {list.map((request: QualificationRequest) => (
          <li key={request.qualificationRequestId} className="requests__item" data-testid="request">
            <label className="requests__head">
              <input type="checkbox" checked={checked.has(request.qualificationRequestId)} onChange={() => toggle(request.qualificationRequestId)} aria-label={`Select the request of ${request.workerId}`} />
              <span className="mono">{request.workerId}</span>
              <span className="muted">{typeName(request.qualificationTypeId)} · {formatTime(request.submitTime)}</span>
            </label>
            <UntrustedText value={requestAnswerText(request.answer)} block limit={2_000} className="requests__answers" />
            <div className="holders__row">
              <button type="button" className="button button--small button--primary" disabled={props.readOnly || !scoreOk} onClick={() => answer('accept', [request.qualificationRequestId])}>Accept{score.trim() ? ` with ${score.trim()}` : ''}</button>
              <button type="button" className="button button--small" disabled={props.readOnly} onClick={() => answer('reject', [request.qualificationRequestId])}>Reject</button>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
