import { useEffect, useState } from 'react';
import type { BatchSummary } from '../../../../shared/contract/batches';
import { bridge } from '../../api/bridge';
import type { PropertiesForm as Form } from './form-model';

type Choices = { readonly batches: readonly BatchSummary[]; readonly studies: readonly { study: string; participants: number }[]; readonly error: string | null };

/** The earlier batches of the connection and the registry's studies, to choose whose workers to keep out. */
function useChoices(): Choices | null {
  const [choices, setChoices] = useState<Choices | null>(null);
  useEffect(() => {
    let current = true;
    void Promise.all([bridge?.api['batches.list']({}), bridge?.api['registry.studies']({})]).then(([batches, studies]) => {
      if (!current) return;
      const error = batches && !batches.ok ? batches.error.message : studies && !studies.ok ? studies.error.message : null;
      setChoices({ batches: batches?.ok ? batches.value.filter((b) => b.origin !== 'found') : [], studies: studies?.ok ? studies.value : [], error });
    });
    return () => {
      current = false;
    };
  }, []);
  return choices;
}

const toggle = (list: readonly string[], name: string, on: boolean): string[] => (on ? [...new Set([...list, name])] : list.filter((n) => n !== name));

/**
 * "Exclude workers who took part in …": at launch Turkbench grants those workers this batch's private past-participants
 * qualification, before any HIT is published, and the HITs require it absent.
 */
export function ExcludeParticipants(props: { form: Form; onChange(form: Form): void }) {
  const choices = useChoices();
  const { form, onChange } = props;
  const chosen = form.excludeBatches.length + form.excludeStudies.length;
  return (
    <fieldset className="exclude-participants" aria-label="Exclude past participants">
      <legend>Exclude workers who took part in…</legend>
      {!choices ? <p className="muted">Loading earlier batches and studies…</p> : (
        <>
          {choices.error && <p className="notice notice--error" role="alert">{choices.error}</p>}
          <div className="exclude-participants__lists">
            <div role="group" aria-label="Earlier batches">
              <strong>Earlier batches</strong>
              {choices.batches.length === 0 && <p className="muted">No batch launched on this connection yet.</p>}
              {choices.batches.map((b) => (
                <label key={b.id} className="exclude-participants__choice">
                  <input type="checkbox" checked={form.excludeBatches.includes(b.id)} onChange={(e) => onChange({ ...form, excludeBatches: toggle(form.excludeBatches, b.id, e.target.checked) })} />
                  {b.name} <span className="muted mono">{b.id}</span>
                </label>
              ))}
            </div>
            <div role="group" aria-label="Studies">
              <strong>Studies (participant registry)</strong>
              {choices.studies.length === 0 && <p className="muted">The registry is empty.</p>}
              {choices.studies.map((s) => (
                <label key={s.study} className="exclude-participants__choice">
                  <input type="checkbox" checked={form.excludeStudies.includes(s.study)} onChange={(e) => onChange({ ...form, excludeStudies: toggle(form.excludeStudies, s.study, e.target.checked) })} />
                  {s.study} <span className="muted">({s.participants.toLocaleString('en-US')})</span>
                </label>
              ))}
            </div>
          </div>
          <p className="field__hint" data-testid="exclude-participants-summary">
            {chosen === 0 ? 'Anyone who meets the requirements may take part.' : 'At launch, their workers are granted this batch’s private past-participants qualification before any HIT is published; the HITs require it absent.'}
          </p>
        </>
      )}
    </fieldset>
  );
}
