import { useEffect, useState } from 'react';
import type { HitDetail, HitRow } from '../../../../shared/contract/browse';
import { bridge } from '../../api/bridge';
import { archiveScope } from '../../stores/kept-archive-store';
import { UntrustedText } from '../../components/UntrustedText';
import { formatCents, formatTime } from '../../grid/format';
import { hitStatusLabel, reviewedLabel } from './columns';

/** Loads what the panel shows about one HIT besides its assignments; reloads when the archive changes. */
function useHitDetail(hitId: string, refreshKey: number): { detail: HitDetail | null; error: string | null } {
  const [state, setState] = useState<{ detail: HitDetail | null; error: string | null }>({ detail: null, error: null });
  useEffect(() => {
    let current = true;
    void bridge?.api['hits.detail']({ hitId, ...archiveScope() }).then((result) => {
      if (!current) return;
      setState(result.ok ? { detail: result.value, error: null } : { detail: null, error: result.error.message });
    });
    return () => {
      current = false;
    };
  }, [hitId, refreshKey]);
  return state;
}

/**
 * What a reviewer needs to judge a HIT's answers: its facts, the inputs the workers were shown (from the
 * results file it was imported from) and its question's source. All of it is untrusted, so all of it is text.
 */
export function HitPanel({ hit, refreshKey }: { hit: HitRow; refreshKey: number }) {
  const { detail, error } = useHitDetail(hit.hitId, refreshKey);
  const shown = detail?.hit ?? hit;
  const tally = detail?.tally ?? hit.tally;
  return (
    <div className="hit-panel" data-testid="hit-panel">
      <dl className="hit-panel__facts">
        <dt>Status</dt>
        <dd>{hitStatusLabel(shown)}</dd>
        <dt>Reward</dt>
        <dd>{formatCents(shown.rewardCents)}</dd>
        <dt>To review</dt>
        <dd>{tally.submitted}</dd>
        <dt>Reviewed</dt>
        <dd>{reviewedLabel({ ...shown, tally })}</dd>
        <dt>Expires</dt>
        <dd>{formatTime(shown.expiration)}</dd>
        <dt>Keywords</dt>
        <dd><UntrustedText value={shown.keywords ?? '—'} limit={300} /></dd>
      </dl>
      {error && <p className="notice notice--error" role="alert">{error}</p>}
      <section className="hit-panel__part" aria-labelledby="hit-description">
        <h3 id="hit-description">Description</h3>
        <p className="hit-panel__text"><UntrustedText value={shown.description || '—'} /></p>
      </section>
      <section className="hit-panel__part" aria-labelledby="hit-inputs" data-testid="hit-inputs">
        <h3 id="hit-inputs">Inputs</h3>
        {detail?.inputs ? (
          <>
            <p className="muted hit-panel__note">
              {detail.inputs.origin.kind === 'import' ? (
                <>
                  From <UntrustedText value={detail.inputs.origin.fileName} limit={200} />, imported {formatTime(detail.inputs.origin.at)}.
                </>
              ) : (
                <>
                  Row {detail.inputs.origin.rowNumber} of batch <UntrustedText value={detail.inputs.origin.name} limit={200} />, launched {formatTime(detail.inputs.origin.at)}.
                </>
              )}
            </p>
            {detail.inputs.fields.length === 0 ? (
              <p className="muted">That file has no Input.* columns.</p>
            ) : (
              <dl className="hit-panel__inputs">
                {detail.inputs.fields.map((field) => (
                  <div key={field.name} className="hit-panel__input">
                    <dt className="mono"><UntrustedText value={field.name} limit={200} /></dt>
                    <dd><UntrustedText value={field.value} block /></dd>
                  </div>
                ))}
              </dl>
            )}
          </>
        ) : (
          <p className="muted hit-panel__note">
            {detail ? 'No inputs are known: MTurk does not return them. They are shown for HITs imported from a results file (its Input.* columns).' : 'Loading…'}
          </p>
        )}
      </section>
      <details className="hit-panel__part" data-testid="hit-question">
        <summary>Question (source)</summary>
        <p className="muted hit-panel__note">The question exactly as MTurk stores it, shown as text. A rendered preview, in a sandbox, comes later.</p>
        {shown.question ? <UntrustedText value={shown.question} block /> : <p className="muted">Not known: results files do not include the question.</p>}
      </details>
    </div>
  );
}
