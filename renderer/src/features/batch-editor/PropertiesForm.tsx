import { useId } from 'react';
import { microBatchingNote, type BatchCost } from '../../../../shared/batch/cost';
import { displayMoney } from '../../../../shared/domain/money';
import type { ActionsGuarded, Comparator } from '../../../../shared/domain/mturk-objects';
import { ExcludeParticipants } from './ExcludeParticipants';
import type { Duration, FieldName, FormCheck, PropertiesForm as Form, TimeUnit } from './form-model';
import {
  ACTION_LABELS,
  ACTIONS,
  COMPARATOR_LABELS,
  KIND_LABELS,
  LOCALE_COMPARATORS,
  newRequirement,
  NUMBER_COMPARATORS,
  type RequirementDraft,
  type RequirementKind,
} from './requirements';

type Change = (form: Form) => void;

function Messages({ id, messages }: { id: string; messages: readonly string[] | undefined }) {
  if (!messages?.length) return null;
  return (
    <span className="field__error" id={id} role="alert">
      {messages.join(' ')}
    </span>
  );
}

function TextField(props: { form: Form; check: FormCheck; name: FieldName; label: string; hint?: string; multiline?: boolean; onChange: Change; inputMode?: 'decimal' | 'numeric' }) {
  const id = useId();
  const messages = props.check.fields[props.name];
  const value = props.form[props.name] as string;
  const common = {
    id,
    value,
    'aria-invalid': messages ? true : undefined,
    'aria-describedby': messages ? `${id}-error` : undefined,
    onChange: (e: { target: { value: string } }) => props.onChange({ ...props.form, [props.name]: e.target.value }),
  };
  return (
    <label className={`field${messages ? ' field--invalid' : ''}`} htmlFor={id}>
      <span>{props.label}</span>
      {props.multiline ? <textarea rows={3} {...common} /> : <input type="text" inputMode={props.inputMode} {...common} />}
      {props.hint && !messages && <span className="field__hint">{props.hint}</span>}
      <Messages id={`${id}-error`} messages={messages} />
    </label>
  );
}

function DurationField(props: { form: Form; check: FormCheck; name: 'assignmentDuration' | 'lifetime' | 'autoApprovalDelay'; label: string; hint: string; onChange: Change }) {
  const id = useId();
  const messages = props.check.fields[props.name];
  const value = props.form[props.name];
  const set = (next: Duration): void => props.onChange({ ...props.form, [props.name]: next });
  return (
    <div className={`field${messages ? ' field--invalid' : ''}`}>
      <label htmlFor={id} className="field__label">
        {props.label}
      </label>
      <div className="field__pair">
        <input id={id} type="text" inputMode="decimal" value={value.amount} aria-invalid={messages ? true : undefined} onChange={(e) => set({ ...value, amount: e.target.value })} />
        <select aria-label={`${props.label} unit`} value={value.unit} onChange={(e) => set({ ...value, unit: e.target.value as TimeUnit })}>
          <option value="minutes">minutes</option>
          <option value="hours">hours</option>
          <option value="days">days</option>
        </select>
      </div>
      {!messages && <span className="field__hint">{props.hint}</span>}
      <Messages id={`${id}-error`} messages={messages} />
    </div>
  );
}

function RequirementRow(props: { draft: RequirementDraft; index: number; messages: readonly string[] | undefined; onChange: (draft: RequirementDraft) => void; onRemove: () => void }) {
  const { draft } = props;
  const comparators = draft.kind === 'locale' ? LOCALE_COMPARATORS : NUMBER_COMPARATORS;
  const takesValues = draft.comparator !== 'Exists' && draft.comparator !== 'DoesNotExist';
  const fixed = draft.kind === 'masters' || draft.kind === 'adult';
  const label = `Requirement ${props.index + 1}`;
  return (
    <li className={`requirement${props.messages ? ' requirement--invalid' : ''}`} aria-label={`${label}: ${KIND_LABELS[draft.kind]}`}>
      <div className="requirement__line">
        <strong>{KIND_LABELS[draft.kind]}</strong>
        {draft.kind === 'custom' && (
          <input className="requirement__type" aria-label={`${label} qualification type id`} placeholder="Qualification type id" value={draft.typeId} onChange={(e) => props.onChange({ ...draft, typeId: e.target.value.toUpperCase() })} />
        )}
        {!fixed && (
          <select aria-label={`${label} comparison`} value={draft.comparator} onChange={(e) => props.onChange({ ...draft, comparator: e.target.value as Comparator })}>
            {comparators.map((c) => (
              <option key={c} value={c}>
                {COMPARATOR_LABELS[c]}
              </option>
            ))}
          </select>
        )}
        {!fixed && takesValues && (
          <input
            className="requirement__values"
            aria-label={`${label} ${draft.kind === 'locale' ? 'countries' : 'values'}`}
            placeholder={draft.kind === 'locale' ? 'US, CA, US-NY' : 'e.g. 95'}
            value={draft.values}
            onChange={(e) => props.onChange({ ...draft, values: e.target.value })}
          />
        )}
        <button type="button" className="button button--small button--ghost" onClick={props.onRemove} aria-label={`Remove ${label.toLowerCase()}`}>
          Remove
        </button>
      </div>
      <div className="requirement__line">
        <label className="requirement__guard">
          <span>Workers without it:</span>
          <select aria-label={`${label} workers without it`} value={draft.actionsGuarded} onChange={(e) => props.onChange({ ...draft, actionsGuarded: e.target.value as ActionsGuarded | '' })}>
            <option value="">See and preview, not accept (default)</option>
            {ACTIONS.map((a) => (
              <option key={a} value={a}>
                {ACTION_LABELS[a]}
              </option>
            ))}
          </select>
        </label>
      </div>
      {props.messages && (
        <span className="field__error" role="alert">
          {props.messages.join(' ')}
        </span>
      )}
    </li>
  );
}

const ADDABLE: readonly RequirementKind[] = ['approval-rate', 'approved-count', 'locale', 'masters', 'adult', 'custom'];

/** The HIT's properties, checked as typed with the same rules a save and a launch use; the cost beside them. */
export function PropertiesForm(props: { form: Form; check: FormCheck; cost: BatchCost | null; rows: number; columns: readonly string[]; onChange: Change }) {
  const { form, check, onChange } = props;
  const setRequirement = (index: number, draft: RequirementDraft): void => onChange({ ...form, requirements: form.requirements.map((r, i) => (i === index ? draft : r)) });
  return (
    <div className="batch-properties">
      <form className="batch-properties__form" aria-label="Properties" onSubmit={(e) => e.preventDefault()}>
        <TextField form={form} check={check} name="title" label="Title" hint="What workers see in the HIT list." onChange={onChange} />
        <TextField form={form} check={check} name="name" label="Batch name (only you see it)" hint="How the Batches area lists it; the title when empty." onChange={onChange} />
        <TextField form={form} check={check} name="description" label="Description" multiline onChange={onChange} />
        <TextField form={form} check={check} name="keywords" label="Keywords" hint="Comma-separated; workers search by them." onChange={onChange} />
        <div className="field-row">
          <TextField form={form} check={check} name="reward" label="Reward per assignment ($)" inputMode="decimal" onChange={onChange} />
          <TextField form={form} check={check} name="maxAssignments" label="Assignments per HIT" inputMode="numeric" onChange={onChange} />
        </div>
        <DurationField form={form} check={check} name="assignmentDuration" label="Time allotted per assignment" hint="How long a worker has once they accept." onChange={onChange} />
        <DurationField form={form} check={check} name="lifetime" label="HIT lifetime" hint="How long the HITs stay available." onChange={onChange} />
        <DurationField form={form} check={check} name="autoApprovalDelay" label="Auto-approve after" hint="Work you have not reviewed by then is approved and paid." onChange={onChange} />
        <div className="field-row">
          <TextField form={form} check={check} name="annotation" label="Annotation (only you see it)" onChange={onChange} />
          <TextField form={form} check={check} name="frameHeight" label="Frame height (pixels)" hint="0 lets MTurk fit the frame to the page." inputMode="numeric" onChange={onChange} />
        </div>
        <InputOptions form={form} columns={props.columns} onChange={onChange} />

        <fieldset className="requirements">
          <legend>Worker requirements</legend>
          {form.requirements.length === 0 && <p className="requirements__empty">Any worker may accept these HITs.</p>}
          <ol className="requirements__list">
            {form.requirements.map((draft, index) => (
              <RequirementRow
                key={index}
                draft={draft}
                index={index}
                messages={check.requirements[index]}
                onChange={(next) => setRequirement(index, next)}
                onRemove={() => onChange({ ...form, requirements: form.requirements.filter((_, i) => i !== index) })}
              />
            ))}
          </ol>
          <label className="requirements__add">
            <span>Add a requirement</span>
            <select
              aria-label="Add a requirement"
              value=""
              onChange={(e) => {
                const kind = e.target.value as RequirementKind;
                if (kind) onChange({ ...form, requirements: [...form.requirements, newRequirement(kind)] });
              }}
            >
              <option value="">Choose…</option>
              {ADDABLE.map((kind) => (
                <option key={kind} value={kind}>
                  {KIND_LABELS[kind]}
                </option>
              ))}
            </select>
          </label>
        </fieldset>
        <ExcludeParticipants form={form} onChange={onChange} />
      </form>
      <CostSummary cost={props.cost} rows={props.rows} />
    </div>
  );
}

/** Which input columns are inserted as markup, and whether the batch is micro-batched. */
function InputOptions({ form, columns, onChange }: { form: Form; columns: readonly string[]; onChange: Change }) {
  // A trusted column the input no longer has stays listed, so it can be unticked.
  const listed = [...columns, ...form.trustedColumns.filter((c) => !columns.includes(c))];
  const toggle = (column: string, on: boolean): void =>
    onChange({ ...form, trustedColumns: on ? [...form.trustedColumns, column] : form.trustedColumns.filter((c) => c !== column) });
  return (
    <fieldset className="batch-options" data-testid="input-options">
      <legend>Inputs and publishing</legend>
      <p className="batch-options__hint">Values are inserted as text (markup shows as typed). Tick a column only if its values are your own HTML.</p>
      {listed.length === 0 && <p className="batch-options__hint">The input has no columns yet.</p>}
      <ul className="batch-options__columns" aria-label="Columns inserted as markup">
        {listed.map((column) => (
          <li key={column}>
            <label className="batch-options__choice">
              <input type="checkbox" checked={form.trustedColumns.includes(column)} onChange={(e) => toggle(column, e.target.checked)} />
              <span className="mono">{column}</span>
              {!columns.includes(column) && <span className="field__hint"> (not in the input)</span>}
            </label>
          </li>
        ))}
      </ul>
      <label className="batch-options__choice">
        <input type="checkbox" checked={form.microBatching} onChange={(e) => onChange({ ...form, microBatching: e.target.checked })} />
        <span>Micro-batch: publish 10+ assignments per row as sub-HITs of at most 9 (the lower fee), one per worker</span>
      </label>
    </fieldset>
  );
}

function CostSummary({ cost, rows }: { cost: BatchCost | null; rows: number }) {
  return (
    <aside className="batch-cost" aria-label="Cost">
      <h3>Cost</h3>
      {!cost ? (
        <p className="batch-cost__none">Enter a valid reward and number of assignments to see the cost.</p>
      ) : (
        <dl>
          <dt>HITs</dt>
          <dd>
            {cost.hits.toLocaleString('en-US')} {cost.hits === rows ? '' : `(${rows.toLocaleString('en-US')} rows)`}
          </dd>
          <dt>Assignments</dt>
          <dd>{cost.assignments.toLocaleString('en-US')}</dd>
          <dt>Rewards</dt>
          <dd>{displayMoney(cost.rewardsCents)}</dd>
          <dt>MTurk fee ({cost.feePercent} %)</dt>
          <dd>{displayMoney(cost.feesCents)}</dd>
          <dt className="batch-cost__total">Total</dt>
          <dd className="batch-cost__total" data-testid="batch-total">
            {displayMoney(cost.totalCents)}
          </dd>
          {cost.savingCents > 0 && (
            <>
              <dt>Saved by micro-batching</dt>
              <dd>{displayMoney(cost.savingCents)}</dd>
            </>
          )}
        </dl>
      )}
      {cost && microBatchingNote(cost) && (
        <p className="batch-cost__note" data-testid="micro-batching-note">
          {microBatchingNote(cost)}
        </p>
      )}
    </aside>
  );
}
