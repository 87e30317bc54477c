/**
 * QuestionForm for workers: every content block, answer type and constraint rendered as an HTML form the browser
 * (with question-form.js) enforces, and the same checks applied to a posted form.
 */
import { describe, expect, it } from 'vitest';
import { answersFromForm, freeTextProblem, parseQuestionForm, renderQuestionForm, type FreeTextSpec } from '../src/worker-site/question-form';
import { EVERY_ANSWER_FORM } from './worker-site-fixtures';

const items = parseQuestionForm(EVERY_ANSWER_FORM);
const markup = renderQuestionForm(items).value;
const section = (id: string): string => new RegExp(`<section class="question" data-question="${id}">[\\s\\S]*?</section>`).exec(markup)?.[0] ?? '';

describe('rendering a QuestionForm', () => {
  it('keeps overviews and questions in document order', () => {
    expect(items.map((item) => (item.kind === 'overview' ? 'overview' : item.question.id))).toEqual([
      'overview', 'colour', 'pets', 'size', 'days', 'shape', 'zip', 'age', 'comment',
    ]);
  });

  it('renders content blocks: title and text escaped, lists, binary with its alt text, formatted XHTML', () => {
    expect(markup).toContain('<h2>Tell us about &lt;fruit&gt;</h2>');
    expect(markup).toContain('<p class="text">Plain text with &lt;b&gt;tags&lt;/b&gt; shown as text.</p>');
    expect(markup).toContain('<li>First &amp; foremost</li>');
    expect(markup).toContain('<img src="https://example.org/cat.png" alt="A sleeping cat"><figcaption>A sleeping cat</figcaption>');
    expect(markup).toContain('<div class="formatted"><p>Formatted <em>content</em></p></div>');
  });

  it('renders a radiobutton selection as a required radio group', () => {
    expect(section('colour')).toContain('data-selection data-min="1" data-max="1"');
    expect(section('colour')).toContain('<input type="radio" name="answer.colour" value="red">');
  });

  it('renders checkboxes with their min and max selection counts', () => {
    expect(section('pets')).toContain('data-min="2" data-max="3"');
    expect(section('pets').match(/type="checkbox" name="answer.pets"/g)).toHaveLength(4);
  });

  it('renders a dropdown with an empty first choice, a multichooser and a list as selects', () => {
    expect(section('size')).toContain('<select name="answer.size" aria-label="size"><option value="">Choose…</option><option value="s">Small</option>');
    expect(section('days')).toContain('<select name="answer.days" aria-label="days" multiple size="3">');
    expect(section('days')).toContain('data-min="0" data-max="2"');
    expect(section('shape')).toContain('<select name="answer.shape" aria-label="shape" size="2"><option value="round">Round</option><option value="square">A square</option>');
  });

  it('renders an OtherSelection box with its own constraints', () => {
    expect(section('shape')).toContain('<input type="text" name="other.shape" value="" aria-label="shape other" maxlength="10">');
  });

  it('renders free text with length, regex, numeric and default-text constraints', () => {
    expect(section('zip')).toContain(
      '<input type="text" name="answer.zip" value="" aria-label="ZIP code" required minlength="5" maxlength="5" data-regexes="[{&quot;regex&quot;:&quot;^[0-9]{5}$&quot;,&quot;flags&quot;:&quot;&quot;,&quot;errorText&quot;:&quot;Five digits, please.&quot;}]">',
    );
    expect(section('age')).toContain('<input type="number" name="answer.age" value="" aria-label="Age" step="any" min="18" max="120">');
    expect(section('comment')).toMatch(/<textarea name="answer.comment" rows="3" aria-label="Comment" data-regexes="[^"]+">No fruit<\/textarea>/);
  });
});

describe('checking a posted QuestionForm', () => {
  const spec = (overrides: Partial<FreeTextSpec>): FreeTextSpec => ({ kind: 'free', regexes: [], lines: 1, ...overrides });

  it('applies regexes (with the i flag and the errorText), lengths and numeric bounds', () => {
    const zip = spec({ regexes: [{ regex: '^[0-9]{5}$', flags: '', errorText: 'Five digits.' }] });
    expect(freeTextProblem('1234', zip, true)).toBe('Five digits.');
    expect(freeTextProblem('12345', zip, true)).toBeUndefined();
    expect(freeTextProblem('APPLE pie', spec({ regexes: [{ regex: 'apple', flags: 'i', errorText: 'x' }] }), false)).toBeUndefined();
    expect(freeTextProblem('ab', spec({ minLength: 3 }), false)).toBe('The answer must be at least 3 characters long.');
    expect(freeTextProblem('', spec({ minLength: 3 }), false)).toBe('An answer is required.');
    expect(freeTextProblem('', spec({}), false)).toBeUndefined();
    expect(freeTextProblem('17', spec({ numeric: { min: 18 } }), false)).toBe('The answer must be at least 18.');
    expect(freeTextProblem('abc', spec({ numeric: {} }), false)).toBe('The answer must be a number.');
  });

  it('demands MinSelectionCount choices (default 1) even without IsRequired', () => {
    const form = new URLSearchParams([['answer.colour', 'red'], ['answer.size', 's'], ['answer.zip', '12345']]);
    expect(answersFromForm(items, form).problems).toEqual(['Pets: Choose an answer.']);
  });

  it('reports every broken question by name, and refuses choices that are not offered', () => {
    const form = new URLSearchParams([['answer.pets', 'cat'], ['answer.pets', 'dog'], ['answer.pets', 'fish'], ['answer.pets', 'bird'], ['answer.size', 'xl'], ['answer.zip', '12345']]);
    expect(answersFromForm(items, form).problems).toEqual(['Colour: Choose an answer.', 'Pets: Choose at most 3.', "Size: 'xl' is not one of the choices."]);
  });

  it('counts a filled "other" box as a selection and reports it as OtherSelectionText', () => {
    const form = new URLSearchParams([['answer.colour', 'red'], ['answer.pets', 'cat'], ['answer.pets', 'dog'], ['answer.size', 's'], ['answer.zip', '12345'], ['answer.shape', 'round'], ['other.shape', 'x']]);
    const checked = answersFromForm(items, form);
    expect(checked.problems).toEqual(['Shape: Choose at most 1.']);
    form.delete('answer.shape');
    expect(answersFromForm(items, form).answers).toContainEqual({ questionIdentifier: 'shape', otherSelectionText: 'x' });
  });
});
