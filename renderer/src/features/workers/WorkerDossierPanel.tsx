import { useEffect, useState } from 'react';
import type { WorkerDossier, WorkerQualityFigures } from '../../../../shared/domain/workers';
import { bridge } from '../../api/bridge';
import { UntrustedText } from '../../components/UntrustedText';
import { formatAnswers, formatCents, formatTime } from '../../grid/format';
import { archiveScope } from '../../stores/kept-archive-store';
import { overrideOffer } from '../review/rejection-undo';
import { OVERRIDE_WINDOW_MS } from '../../../../shared/contract/review';
import { agreementLabel, approvalLabel, goldLabel } from './workers-model';
import { useOfferBonuses } from '../bonuses/use-offer-bonuses';

type Loaded = { readonly dossier: WorkerDossier | null; readonly error: string | null };

/** Loads a worker's dossier; reloads when the archive changes (refreshKey) so deliveries and blocks appear as they land. */
function useDossier(workerId: string, refreshKey: number): Loaded & { reload(): void } {
  const [state, setState] = useState<Loaded>({ dossier: null, error: null });
  const [nonce, setNonce] = useState(0);
  useEffect(() => {
    let current = true;
    void bridge?.api['workers.dossier']({ workerId, ...archiveScope() }).then((result) => {
      if (!current) return;
      setState(result.ok ? { dossier: result.value, error: null } : { dossier: null, error: result.error.message });
    });
    return () => {
      current = false;
    };
  }, [workerId, refreshKey, nonce]);
  return { ...state, reload: () => setNonce((n) => n + 1) };
}

const DELIVERY_LABEL = { Sent: 'Delivered', SoftFailure: 'Not delivered (temporary)', HardFailure: 'Not delivered', Unknown: 'Unknown (answer lost)' } as const;

/**
 * Everything that passed between the requester and one worker: work with verdicts and answers (as text), bonuses,
 * messages with their delivery, qualification scores, blocks, and the requester's private notes and tags.
 */
export function WorkerDossierPanel(props: {
  workerId: string;
  /** Gold and agreement across the archive: undefined while they load, null for a worker without categorical labels. */
  quality?: WorkerQualityFigures | null;
  refreshKey: number; readOnly: boolean; onUndoRejection(assignmentId: string): void }) {
  const { dossier, error, reload } = useDossier(props.workerId, props.refreshKey);
  if (error) return <p className="notice notice--error" role="alert">{error}</p>;
  if (!dossier) return <p className="muted">Loading…</p>;
  const s = dossier.summary;
  return (
    <div className="dossier" data-testid="dossier">
      <dl className="dossier__facts">
        <dt>Assignments</dt>
        <dd>{s?.assignments ?? 0}</dd>
        <dt>Approved for you</dt>
        <dd>{approvalLabel(s?.approvalRatePercent ?? null)} ({s?.approved ?? 0} approved, {s?.rejected ?? 0} rejected)</dd>
        <dt>Right on gold</dt>
        <dd data-testid="dossier-gold">{props.quality === undefined ? 'Computing…' : goldLabel(props.quality ?? undefined)}</dd>
        <dt>Agrees with consensus</dt>
        <dd data-testid="dossier-agreement">{props.quality === undefined ? 'Computing…' : agreementLabel(props.quality ?? undefined)}</dd>
        <dt>Earned</dt>
        <dd>{formatCents(s?.earnedCents ?? 0)}, bonuses {formatCents(s?.bonusCents ?? 0)}</dd>
        <dt>Seen</dt>
        <dd>{s ? `${formatTime(s.firstSeenAt)} – ${formatTime(s.lastSeenAt)}` : 'Never worked for you'}</dd>
        <dt>Blocks</dt>
        <dd data-testid="dossier-blocks">
          {dossier.block ? <>Hard-blocked: <UntrustedText value={dossier.block.reason || '(no reason)'} limit={300} /></> : dossier.softBlocked ? 'Soft-blocked (cannot see your HITs that exclude blocked workers)' : 'Not blocked'}
        </dd>
      </dl>
      <NotesAndTags workerId={dossier.workerId} notes={dossier.notes} tags={dossier.tags} readOnly={props.readOnly} onSaved={reload} />
      <section className="dossier__part" aria-labelledby="dossier-assignments">
        <h3 id="dossier-assignments">Assignments ({(s?.assignments ?? dossier.assignments.length).toLocaleString('en-US')})</h3>
        {s && s.assignments > dossier.assignments.length && (
          <p className="muted" data-testid="dossier-assignments-shown">The newest {dossier.assignments.length.toLocaleString('en-US')} are shown; filter the HITs area by this worker for the rest.</p>
        )}
        {!props.readOnly && <BonusWorkButton workerId={dossier.workerId} assignments={dossier.assignments} />}
        {dossier.assignments.length === 0 ? <p className="muted">None archived.</p> : (
          <ul className="dossier__list">
            {dossier.assignments.map((a) => (
              <li key={a.assignmentId}>
                <span className={`dossier__verdict dossier__verdict--${a.status.toLowerCase()}`}>{a.status}</span>{' '}
                <UntrustedText value={a.hitTitle ?? a.hitId} limit={120} /> <span className="muted">{formatTime(a.submitTime)} · {formatCents(a.rewardCents)}</span>
                <div className="dossier__answers"><UntrustedText value={formatAnswers(a.answers) || a.answersProblem || '(no answers)'} limit={600} /></div>
                {a.status === 'Rejected' && !props.readOnly && <UndoRejection assignment={a} onUndo={props.onUndoRejection} />}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="dossier__part" aria-labelledby="dossier-bonuses">
        <h3 id="dossier-bonuses">Bonuses ({dossier.bonuses.length})</h3>
        {dossier.bonuses.length === 0 ? <p className="muted">None.</p> : (
          <ul className="dossier__list">
            {dossier.bonuses.map((b) => (
              <li key={`${b.assignmentId}/${b.grantTime}`}>{formatCents(b.amountCents)} <span className="muted">{formatTime(b.grantTime)}</span> — <UntrustedText value={b.reason} limit={300} /></li>
            ))}
          </ul>
        )}
      </section>
      <section className="dossier__part" aria-labelledby="dossier-messages" data-testid="dossier-messages">
        <h3 id="dossier-messages">Messages ({dossier.messages.length})</h3>
        {dossier.messages.length === 0 ? <p className="muted">None sent.</p> : (
          <ul className="dossier__list">
            {dossier.messages.map((m) => {
              const mine = m.recipients.find((r) => r.workerId === dossier.workerId);
              return (
                <li key={m.id}>
                  <strong><UntrustedText value={m.subject} limit={200} /></strong> <span className="muted">{formatTime(m.sentAt)}</span>{' '}
                  <span className={`dossier__delivery dossier__delivery--${(mine?.delivery ?? 'Unknown').toLowerCase()}`} data-testid="delivery">{DELIVERY_LABEL[mine?.delivery ?? 'Unknown']}</span>
                  {mine?.failureMessage && <span className="muted"> — <UntrustedText value={mine.failureMessage} limit={300} /></span>}
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <section className="dossier__part" aria-labelledby="dossier-quals">
        <h3 id="dossier-quals">Qualifications ({dossier.qualifications.length})</h3>
        {dossier.qualifications.length === 0 ? <p className="muted">None of yours.</p> : (
          <ul className="dossier__list">
            {dossier.qualifications.map((q) => (
              <li key={q.qualificationTypeId}><span className="mono">{q.qualificationTypeId}</span>: {q.integerValue ?? '—'} <span className="muted">{q.status}, {formatTime(q.grantTime)}</span></li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

/** Private notes (with the block history, oldest first) and tags: they stay on this computer, MTurk never sees them. */
function NotesAndTags(props: { workerId: string; notes: WorkerDossier['notes']; tags: readonly string[]; readOnly: boolean; onSaved(): void }) {
  const [note, setNote] = useState('');
  const [tags, setTags] = useState(props.tags.join(', '));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setTags(props.tags.join(', ')), [props.tags]);
  const addNote = (): void => {
    if (!bridge || note.trim() === '') return;
    void bridge.api['workers.note']({ workerId: props.workerId, text: note.trim() }).then((result) => {
      if (!result.ok) return setError(result.error.message);
      setError(null);
      setNote('');
      props.onSaved();
    });
  };
  const saveTags = (): void => {
    if (!bridge) return;
    const list = [...new Set(tags.split(',').map((t) => t.trim()).filter((t) => t !== ''))];
    void bridge.api['workers.setTags']({ workerId: props.workerId, tags: list }).then((result) => {
      if (!result.ok) return setError(result.error.message);
      setError(null);
      props.onSaved();
    });
  };
  return (
    <section className="dossier__part" aria-labelledby="dossier-notes">
      <h3 id="dossier-notes">Private notes and tags</h3>
      <ul className="dossier__list" data-testid="dossier-notes">
        {props.notes.length === 0 && <li className="muted">No notes yet. Only you see them; they stay on this computer.</li>}
        {props.notes.map((n) => (
          <li key={n.id}><span className="muted">{formatTime(n.createdAt)} {n.kind === 'note' ? '' : `[${n.kind}]`}</span> <UntrustedText value={n.text} limit={2000} /></li>
        ))}
      </ul>
      {!props.readOnly && (
        <div className="dossier__edit">
          <textarea value={note} onChange={(e) => setNote(e.target.value)} rows={2} placeholder="Add a private note…" aria-label="New note" maxLength={10_000} />
          <button type="button" className="button button--small" onClick={addNote} disabled={note.trim() === ''}>Add note</button>
          <input value={tags} onChange={(e) => setTags(e.target.value)} placeholder="tags, comma separated" aria-label="Tags" />
          <button type="button" className="button button--small" onClick={saveTags}>Save tags</button>
        </div>
      )}
      {error && <p className="notice notice--error" role="alert">{error}</p>}
    </section>
  );
}

/** A rejected assignment: "Undo rejection (approve)…" within MTurk's 30 days (the confirmation lists a HIT that is gone), else why not. */
function UndoRejection({ assignment, onUndo }: { assignment: WorkerDossier['assignments'][number]; onUndo(assignmentId: string): void }) {
  const submitTime = assignment.submitTime;
  const offer = overrideOffer({ status: assignment.status, submitTime, overridableUntil: submitTime === null ? null : submitTime + OVERRIDE_WINDOW_MS }, Date.now());
  if (offer.kind === 'none') return null;
  if (offer.kind === 'closed') return <p className="muted dossier__undo">It cannot be undone: {offer.reason}</p>;
  return (
    <button type="button" className="button button--small dossier__undo" onClick={() => onUndo(assignment.assignmentId)} data-testid="dossier-undo-rejection">
      Undo rejection (approve)…
    </button>
  );
}

/** The worker's submitted and approved work as a bonus ledger draft (rejected work is left out: a bonus on it is a deliberate choice). */
function BonusWorkButton({ workerId, assignments }: { workerId: string; assignments: WorkerDossier['assignments'] }) {
  const offer = useOfferBonuses();
  const work = assignments.filter((a) => a.status !== 'Rejected').map((a) => ({ workerId, assignmentId: a.assignmentId }));
  if (work.length === 0) return null;
  return (
    <button type="button" className="button button--small" onClick={() => offer({ name: `Bonus ${workerId}`, work })}>
      Bonus this work ({work.length})…
    </button>
  );
}
