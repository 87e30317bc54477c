import { useEffect, useState, type ChangeEvent } from 'react';
import type { ExclusionPlanView } from '../../../../shared/contract/exclusions';
import type { JobProgress } from '../../../../shared/contract/jobs';
import type { QualificationType } from '../../../../shared/domain/archive-types';
import { bridge } from '../../api/bridge';
import { useLiveQuery } from '../../data/useLiveQuery';
import { saveTextFile } from '../archive/download';
import { readAsBase64 } from '../archive/ImportPanel';

type SourceKind = 'batch' | 'hit-type' | 'study';
const SOURCE_LABELS: Record<SourceKind, string> = { batch: 'Batch', 'hit-type': 'HIT type', study: 'Study in the registry' };
/** A registry file is worker ids and study names: a few megabytes is already a very large lab. */
const MAX_REGISTRY_BYTES = 20_000_000;

/**
 * Past participants into the selected (hidden exclusion) type: everyone who submitted to a batch, a HIT type or a
 * registered study is granted it, with no e-mail; a batch or HIT type can keep doing so after every sync. Below, the
 * participant registry (worker ids per study, kept across accounts) as CSV.
 */
export function ExclusionsPanel(props: { type: QualificationType; readOnly: boolean; onStarted(job: JobProgress): void }) {
  const intoTypeId = props.type.qualificationTypeId;
  const [kind, setKind] = useState<SourceKind>('batch');
  const [sourceId, setSourceId] = useState('');
  const [always, setAlways] = useState(false);
  const [plan, setPlan] = useState<ExclusionPlanView | null>(null);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const batches = useLiveQuery(() => bridge!.api['batches.list'](), { tables: ['batches'] });
  const rules = useLiveQuery(() => bridge!.api['exclusions.rules']({}), { key: `${intoTypeId}:${String(message?.text ?? '')}` });
  const studies = useLiveQuery(() => bridge!.api['registry.studies']({}), { key: String(message?.text ?? '') });
  const source = { kind, id: sourceId.trim() };

  useEffect(() => setPlan(null), [kind, sourceId, intoTypeId]);
  const fail = (text: string): void => setMessage({ error: true, text });

  const check = (): void => void bridge?.api['exclusions.plan']({ source, intoTypeId }).then((r) => (r.ok ? (setPlan(r.value), setMessage(null)) : fail(r.error.message)));
  const run = async (): Promise<void> => {
    if (!bridge) return;
    if (always && kind !== 'study') {
      const marked = await bridge.api['exclusions.setRule']({ source: { kind, id: source.id }, intoTypeId, on: true });
      if (!marked.ok) return fail(marked.error.message);
    }
    const done = await bridge.api['exclusions.run']({ source, intoTypeId });
    if (!done.ok) return fail(done.error.message);
    setPlan(null);
    setMessage({ error: false, text: done.value.job ? `Excluding ${done.value.plan.workerIds.length} worker(s).` : 'Nobody new to exclude.' });
    if (done.value.job) props.onStarted(done.value.job);
  };
  const stop = (rule: { sourceKind: 'batch' | 'hit-type'; sourceId: string }): void =>
    void bridge?.api['exclusions.setRule']({ source: { kind: rule.sourceKind, id: rule.sourceId }, intoTypeId, on: false }).then((r) => (r.ok ? setMessage({ error: false, text: `${rule.sourceId} no longer excludes its workers.` }) : fail(r.error.message)));
  const exportCsv = (): void =>
    void bridge?.api['registry.export']({}).then((r) => (r.ok ? saveTextFile({ fileName: 'participant-registry.csv', mimeType: 'text/csv', text: r.value }) : fail(r.error.message)));
  const importCsv = (e: ChangeEvent<HTMLInputElement>): void => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    if (file.size > MAX_REGISTRY_BYTES) return fail(`${file.name} is ${Math.round(file.size / 1e6)} MB; a registry file is at most 20 MB.`);
    void readAsBase64(file).then((base64) => bridge?.api['registry.import']({ base64, fileName: file.name })).then((r) => {
      if (!r) return;
      if (r.ok) setMessage({ error: false, text: `${file.name}: ${r.value.rows} row(s), ${r.value.added} new participant(s) in ${r.value.studies} stud${r.value.studies === 1 ? 'y' : 'ies'}.${r.value.note ? ` ${r.value.note}` : ''}` });
      else fail(r.error.message);
    }, () => fail(`${file.name} could not be read.`));
  };

  const mine = (rules.value ?? []).filter((r) => r.intoTypeId === intoTypeId);
  return (
    <div className="exclusions" data-testid="exclusions">
      <p className="muted">Grant “{props.type.name}” to everyone who took part, without e-mailing them; new HITs that require it to be absent stay hidden from them.</p>
      <div className="holders__row">
        <select value={kind} onChange={(e) => setKind(e.target.value as SourceKind)} aria-label="Exclude the participants of">
          {(Object.keys(SOURCE_LABELS) as SourceKind[]).map((k) => <option key={k} value={k}>{SOURCE_LABELS[k]}</option>)}
        </select>
        <input value={sourceId} onChange={(e) => setSourceId(e.target.value)} list={kind === 'batch' ? 'exclusion-batches' : kind === 'study' ? 'exclusion-studies' : undefined} placeholder={kind === 'study' ? 'Study name' : `${SOURCE_LABELS[kind]} id`} aria-label="Source id" />
        <datalist id="exclusion-batches">{(batches.value ?? []).map((b) => <option key={b.id} value={b.id}>{b.name}</option>)}</datalist>
        <datalist id="exclusion-studies">{(studies.value ?? []).map((s) => <option key={s.study} value={s.study} />)}</datalist>
        <button type="button" className="button button--small" disabled={source.id === '' || props.readOnly} onClick={check}>Check</button>
      </div>
      {kind !== 'study' && <label><input type="checkbox" checked={always} onChange={(e) => setAlways(e.target.checked)} /> And after every sync (new submitters too)</label>}
      {plan && (
        <div className="exclusions__plan" data-testid="exclusion-plan">
          <p>{plan.participants} took part; {plan.alreadyExcluded} already hold it; {plan.workerIds.length} will be granted it and registered under study “{plan.study}”.</p>
          <button type="button" className="button button--small button--primary" disabled={props.readOnly} onClick={() => void run()}>
            {plan.workerIds.length > 0 ? `Exclude ${plan.workerIds.length} worker${plan.workerIds.length === 1 ? '' : 's'}` : always ? 'Mark it' : 'Nothing to do'}
          </button>
        </div>
      )}
      {message && <p className={message.error ? 'notice notice--error' : 'notice'} role={message.error ? 'alert' : 'status'}>{message.text}</p>}
      <h3 className="exclusions__title">Excluded after every sync</h3>
      {mine.length === 0 ? <p className="muted">No batch or HIT type adds its workers to this type automatically.</p> : (
        <ul className="exclusions__rules">
          {mine.map((r) => (
            <li key={`${r.sourceKind}:${r.sourceId}`}>
              {SOURCE_LABELS[r.sourceKind]} <span className="mono">{r.sourceId}</span>
              <button type="button" className="button button--small button--ghost" disabled={props.readOnly} onClick={() => stop(r)}>Stop</button>
            </li>
          ))}
        </ul>
      )}
      <h3 className="exclusions__title">Participant registry</h3>
      <p className="muted">{(studies.value ?? []).map((s) => `${s.study} (${s.participants})`).join(' · ') || 'Empty: excluding workers registers them under the type’s name.'}</p>
      <div className="holders__row">
        <button type="button" className="button button--small" onClick={exportCsv}>Export CSV…</button>
        <label className="button button--small">Import CSV…<input type="file" accept=".csv,text/csv" onChange={importCsv} data-testid="registry-file" /></label>
      </div>
    </div>
  );
}
