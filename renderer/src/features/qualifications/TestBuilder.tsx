import type { TestMapping, TestQuestion, TestSpec } from '../../../../shared/qualifications/test-spec';
import { bestSum } from '../../../../shared/qualifications/test-spec';
import { addOption, addQuestion, removeOption, removeQuestion, replaceOption, replaceQuestion } from './quals-model';

/** The number typed, or the raw text's NaN, so the spec check names a half-typed score rather than hiding it. */
const numberOf = (text: string): number => (text.trim() === '' ? NaN : Number(text));

function Problem({ text }: { text: string | undefined }) {
  return text ? <span className="quals-problem" role="alert">{text}</span> : null;
}

/**
 * The test builder: single-choice questions whose options each score points, and how the sum becomes the
 * qualification value. Problems show beside their inputs as the requester types.
 */
export function TestBuilder(props: { spec: TestSpec; problems: ReadonlyMap<string, string>; onChange(spec: TestSpec): void }) {
  const { spec, problems, onChange } = props;
  const setQuestion = (index: number, question: TestQuestion): void => onChange(replaceQuestion(spec, index, question));
  return (
    <div className="test-builder" data-testid="test-builder">
      <label className="quals-field">
        Test title
        <input value={spec.title} onChange={(e) => onChange({ ...spec, title: e.target.value })} maxLength={200} aria-label="Test title" />
        <Problem text={problems.get('spec.title')} />
      </label>
      <label className="quals-field">
        Instructions (optional)
        <textarea value={spec.overview} rows={2} onChange={(e) => onChange({ ...spec, overview: e.target.value })} aria-label="Test instructions" />
        <Problem text={problems.get('spec.overview')} />
      </label>
      {spec.questions.map((question, q) => (
        <fieldset key={q} className="test-builder__question" aria-label={`Question ${q + 1}`}>
          <legend>Question {q + 1}</legend>
          <div className="test-builder__row">
            <input className="test-builder__id mono" value={question.id} onChange={(e) => setQuestion(q, { ...question, id: e.target.value })} aria-label={`Question ${q + 1} id`} title="Question id (in answers and the answer key)" />
            <input className="test-builder__text" value={question.text} placeholder="The question" onChange={(e) => setQuestion(q, { ...question, text: e.target.value })} aria-label={`Question ${q + 1} text`} />
            <select value={question.style} onChange={(e) => setQuestion(q, { ...question, style: e.target.value as TestQuestion['style'] })} aria-label={`Question ${q + 1} style`}>
              <option value="radiobutton">Radio buttons</option>
              <option value="dropdown">Drop-down</option>
            </select>
            <button type="button" className="button button--small button--ghost" onClick={() => onChange(removeQuestion(spec, q))} aria-label={`Remove question ${q + 1}`}>Remove</button>
          </div>
          <Problem text={problems.get(`spec.questions.${q}.id`) ?? problems.get(`spec.questions.${q}.text`) ?? problems.get(`spec.questions.${q}.options`)} />
          <table className="test-builder__options">
            <thead><tr><th>Option id</th><th>Text</th><th>Score</th><th /></tr></thead>
            <tbody>
              {question.options.map((option, o) => {
                const at = `spec.questions.${q}.options.${o}`;
                const label = `Question ${q + 1} option ${o + 1}`;
                return (
                  <tr key={o}>
                    <td><input className="mono" value={option.id} onChange={(e) => setQuestion(q, replaceOption(question, o, { ...option, id: e.target.value }))} aria-label={`${label} id`} /></td>
                    <td><input value={option.text} onChange={(e) => setQuestion(q, replaceOption(question, o, { ...option, text: e.target.value }))} aria-label={`${label} text`} /></td>
                    <td><input className="test-builder__score" type="number" step={1} value={Number.isNaN(option.score) ? '' : option.score} onChange={(e) => setQuestion(q, replaceOption(question, o, { ...option, score: numberOf(e.target.value) }))} aria-label={`${label} score`} /></td>
                    <td>
                      <button type="button" className="button button--small button--ghost" disabled={question.options.length <= 2} onClick={() => setQuestion(q, removeOption(question, o))} aria-label={`Remove ${label}`}>✕</button>
                      <Problem text={problems.get(`${at}.id`) ?? problems.get(`${at}.text`) ?? problems.get(`${at}.score`)} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <button type="button" className="button button--small" onClick={() => setQuestion(q, addOption(question))}>Add option</button>
        </fieldset>
      ))}
      <div className="test-builder__row">
        <button type="button" className="button button--small" onClick={() => onChange(addQuestion(spec))}>Add question</button>
        <Problem text={problems.get('spec.questions')} />
      </div>
      <MappingEditor spec={spec} problems={problems} onChange={(mapping) => onChange({ ...spec, mapping })} />
    </div>
  );
}

function MappingEditor(props: { spec: TestSpec; problems: ReadonlyMap<string, string>; onChange(mapping: TestMapping): void }) {
  const { mapping } = props.spec;
  const problem = [...props.problems].find(([field]) => field.startsWith('spec.mapping'))?.[1];
  const choose = (kind: TestMapping['kind']): void =>
    props.onChange(kind === 'scale' ? { kind, multiplier: 1 } : kind === 'range' ? { kind, ranges: [{ lower: 0, upper: Math.max(0, bestSum(props.spec)), value: 1 }], outOfRangeValue: 0 } : { kind });
  return (
    <fieldset className="test-builder__mapping">
      <legend>Score → qualification value</legend>
      <select value={mapping.kind} onChange={(e) => choose(e.target.value as TestMapping['kind'])} aria-label="Score mapping">
        <option value="percentage">Percentage of the best score ({bestSum(props.spec)} points)</option>
        <option value="none">The summed score itself</option>
        <option value="scale">The sum times a multiplier</option>
        <option value="range">Ranges of the sum</option>
      </select>
      {mapping.kind === 'scale' && (
        <label>Multiplier <input type="number" value={Number.isNaN(mapping.multiplier) ? '' : mapping.multiplier} onChange={(e) => props.onChange({ ...mapping, multiplier: numberOf(e.target.value) })} aria-label="Multiplier" /></label>
      )}
      {mapping.kind === 'range' && (
        <div className="test-builder__ranges">
          {mapping.ranges.map((range, r) => (
            <div key={r} className="test-builder__row">
              Sum from <input type="number" value={range.lower} onChange={(e) => props.onChange({ ...mapping, ranges: mapping.ranges.map((x, i) => (i === r ? { ...x, lower: numberOf(e.target.value) } : x)) })} aria-label={`Range ${r + 1} from`} />
              to <input type="number" value={range.upper} onChange={(e) => props.onChange({ ...mapping, ranges: mapping.ranges.map((x, i) => (i === r ? { ...x, upper: numberOf(e.target.value) } : x)) })} aria-label={`Range ${r + 1} to`} />
              gives <input type="number" value={range.value} onChange={(e) => props.onChange({ ...mapping, ranges: mapping.ranges.map((x, i) => (i === r ? { ...x, value: numberOf(e.target.value) } : x)) })} aria-label={`Range ${r + 1} value`} />
              <button type="button" className="button button--small button--ghost" onClick={() => props.onChange({ ...mapping, ranges: mapping.ranges.filter((_, i) => i !== r) })} aria-label={`Remove range ${r + 1}`}>✕</button>
            </div>
          ))}
          <div className="test-builder__row">
            <button type="button" className="button button--small" onClick={() => props.onChange({ ...mapping, ranges: [...mapping.ranges, { lower: 0, upper: 0, value: 0 }] })}>Add range</button>
            Otherwise <input type="number" value={mapping.outOfRangeValue} onChange={(e) => props.onChange({ ...mapping, outOfRangeValue: numberOf(e.target.value) })} aria-label="Value outside the ranges" />
          </div>
        </div>
      )}
      <Problem text={problem} />
    </fieldset>
  );
}
