import { useMemo, useState } from 'react';
import type { QualificationType } from '../../../../shared/domain/archive-types';
import { buildTestXml } from '../../../../shared/qualifications/test-xml';
import { bridge } from '../../api/bridge';
import { formOfType, NEW_TYPE_FORM, problemsByField, typeRequest, type TestChoice, type TypeForm } from './quals-model';
import { TestBuilder } from './TestBuilder';
import { TestPreview } from './TestPreview';

function Problem({ text }: { text: string | undefined }) {
  return text ? <span className="quals-problem" role="alert">{text}</span> : null;
}

/**
 * Create a qualification type, or edit one: what workers read, the retry delay, and how it is earned — on request
 * (you decide), by a test built here and scored by its answer key, or granted automatically.
 */
export function TypeEditor(props: { type: QualificationType | null; onClose(): void; onSaved(type: QualificationType): void }) {
  const initial = useMemo(() => (props.type ? formOfType(props.type) : { form: NEW_TYPE_FORM, testNote: null }), [props.type]);
  const [form, setForm] = useState<TypeForm>(initial.form);
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const checked = typeRequest(form);
  const problems = problemsByField(checked.ok ? [] : checked.problems);
  // The test's problems show as it is built (they are why the preview waits); the rest once Save is pressed.
  const shown = tried ? problems : new Map([...problems].filter(([field]) => field.startsWith('spec.')));
  const built = useMemo(() => {
    const result = form.choice === 'builder' ? buildTestXml(form.spec) : null;
    return result?.ok ? result.value : null;
  }, [form.choice, form.spec]);
  const set = (patch: Partial<TypeForm>): void => setForm((f) => ({ ...f, ...patch }));

  const save = (): void => {
    setTried(true);
    if (!checked.ok || !bridge) return;
    const request = checked.value;
    setSaving(true);
    const sent = props.type
      ? bridge.api['quals.update']({
          qualificationTypeId: props.type.qualificationTypeId,
          description: request.description,
          ...(request.retryDelaySeconds === undefined ? {} : { retryDelaySeconds: request.retryDelaySeconds }),
          ...(form.choice === 'builder' ? { test: request.test, answerKey: request.answerKey, testDurationSeconds: request.testDurationSeconds } : {}),
          ...(form.choice === 'auto-grant' ? { autoGranted: true, autoGrantedValue: request.autoGrantedValue } : props.type.autoGranted ? { autoGranted: false } : {}),
        })
      : bridge.api['quals.create'](request);
    void sent.then((result) => {
      setSaving(false);
      if (result.ok) props.onSaved(result.value);
      else setError(result.error.message);
    });
  };

  const choices: [TestChoice, string][] = [
    ['none', 'On request: workers ask, you accept or reject'],
    ['builder', 'A test built here, scored by its answer key'],
    ['auto-grant', 'Granted automatically to anyone who asks'],
  ];
  return (
    <section className="type-editor" aria-label={props.type ? `Edit ${props.type.name}` : 'New qualification type'} data-testid="type-editor">
      <header className="type-editor__head">
        <h2>{props.type ? `Edit “${props.type.name}”` : 'New qualification type'}</h2>
        <span className="workers-bar__spacer" />
        {error && <span className="notice notice--error" role="alert">{error}</span>}
        <button type="button" className="button" onClick={props.onClose}>Cancel</button>
        <button type="button" className="button button--primary" onClick={save} disabled={saving}>{props.type ? 'Save changes' : 'Create type'}</button>
      </header>
      <div className="type-editor__body">
        <div className="type-editor__form">
          <label className="quals-field">
            Name (workers see it; unique in the account)
            <input value={form.name} onChange={(e) => set({ name: e.target.value })} disabled={props.type !== null} maxLength={128} aria-label="Name" />
            <Problem text={shown.get('name')} />
          </label>
          <label className="quals-field">
            Description
            <textarea value={form.description} rows={2} onChange={(e) => set({ description: e.target.value })} maxLength={2000} aria-label="Description" />
            <Problem text={shown.get('description')} />
          </label>
          {props.type === null && (
            <label className="quals-field">
              Keywords (optional)
              <input value={form.keywords} onChange={(e) => set({ keywords: e.target.value })} maxLength={1000} aria-label="Keywords" />
            </label>
          )}
          <label className="quals-field quals-field--short">
            Retry delay, seconds (empty: workers may ask once)
            <input value={form.retryDelaySeconds} inputMode="numeric" onChange={(e) => set({ retryDelaySeconds: e.target.value })} aria-label="Retry delay in seconds" />
            <Problem text={shown.get('retryDelaySeconds')} />
          </label>
          <fieldset className="workers-form__choices">
            <legend>How workers earn it</legend>
            {choices.map(([choice, label]) => (
              <label key={choice}>
                <input type="radio" name="type-choice" checked={form.choice === choice} onChange={() => set({ choice })} disabled={choice === 'auto-grant' && props.type?.test != null} /> {label}
              </label>
            ))}
          </fieldset>
          {initial.testNote && <p className="notice">{initial.testNote}</p>}
          {props.type?.test != null && form.choice === 'none' && <p className="notice">MTurk keeps the type's current test: a test can be replaced, not removed.</p>}
          {form.choice === 'auto-grant' && (
            <label className="quals-field quals-field--short">
              Score granted
              <input value={form.autoGrantedValue} inputMode="numeric" onChange={(e) => set({ autoGrantedValue: e.target.value })} aria-label="Auto-granted score" />
              <Problem text={shown.get('autoGrantedValue')} />
            </label>
          )}
          {form.choice === 'builder' && (
            <>
              <label className="quals-field quals-field--short">
                Time allowed, seconds
                <input value={form.testDurationSeconds} inputMode="numeric" onChange={(e) => set({ testDurationSeconds: e.target.value })} aria-label="Time allowed in seconds" />
                <Problem text={shown.get('testDurationSeconds')} />
              </label>
              <TestBuilder spec={form.spec} problems={shown} onChange={(spec) => set({ spec })} />
            </>
          )}
        </div>
        {form.choice === 'builder' && <TestPreview title={form.spec.title || form.name} xml={built} />}
      </div>
    </section>
  );
}
