import { describe, expect, it } from 'vitest';
import { addOption, addQuestion, formOfType, grantList, NEW_TYPE_FORM, problemsByField, removeOption, requestAnswerText, typeRequest, typeTestLabel, workerListFileText } from '../../../renderer/src/features/qualifications/quals-model';
import type { QualificationType } from '../../../shared/domain/archive-types';
import { buildQuestionFormAnswers } from '../../../shared/mturk/answers';
import { buildTestXml } from '../../../shared/qualifications/test-xml';

const FILLED = {
  ...NEW_TYPE_FORM,
  name: ' Bird spotters ',
  description: 'Tells birds apart',
  spec: {
    ...NEW_TYPE_FORM.spec,
    title: 'Bird quiz',
    questions: [{ ...NEW_TYPE_FORM.spec.questions[0]!, text: 'Which is a bird?', options: [{ id: 'a', text: 'Robin', score: 1 }, { id: 'b', text: 'Bat', score: 0 }] }],
  },
};

function storedType(overrides: Partial<QualificationType>): QualificationType {
  return {
    qualificationTypeId: 'T1', name: 'Bird spotters', description: 'Tells birds apart', keywords: null, status: 'Active', creationTime: 0, test: null, testDurationSeconds: null,
    answerKey: null, retryDelaySeconds: null, isRequestable: true, autoGranted: false, autoGrantedValue: null, ...overrides,
  } as QualificationType;
}

describe('the type form', () => {
  it('sends a built test and answer key with the time allowed, the name trimmed, empty options left out', () => {
    const result = typeRequest(FILLED);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const built = buildTestXml(FILLED.spec);
    expect(result.value).toEqual({ name: 'Bird spotters', description: 'Tells birds apart', test: built.ok && built.value.test, answerKey: built.ok && built.value.answerKey, testDurationSeconds: 600 });
  });

  it('names every problem by field: a half-typed retry delay, a missing duration, the test builder’s own', () => {
    const result = typeRequest({ ...FILLED, name: '', retryDelaySeconds: '1.5', testDurationSeconds: '', spec: { ...FILLED.spec, title: '' } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.fromEntries(problemsByField(result.problems))).toEqual({
      name: 'Give the type a name (workers see it).',
      retryDelaySeconds: 'The retry delay must be a whole number, 0 or more; got "1.5".',
      testDurationSeconds: 'Say how many seconds a worker has for the test.',
      'spec.title': 'Give the test a title.',
    });
  });

  it('auto-grants with a whole-number score, and sends no test for a type earned on request', () => {
    expect(typeRequest({ ...FILLED, choice: 'auto-grant', autoGrantedValue: '5' })).toEqual({ ok: true, value: { name: 'Bird spotters', description: 'Tells birds apart', autoGranted: true, autoGrantedValue: 5 } });
    expect(typeRequest({ ...FILLED, choice: 'auto-grant', autoGrantedValue: 'x' })).toMatchObject({ ok: false, problems: [{ field: 'autoGrantedValue' }] });
    expect(typeRequest({ ...FILLED, choice: 'none', retryDelaySeconds: '3600' })).toEqual({ ok: true, value: { name: 'Bird spotters', description: 'Tells birds apart', retryDelaySeconds: 3600 } });
  });

  it('reopens a builder-made test in the builder, and says why another test cannot be', () => {
    const built = buildTestXml(FILLED.spec);
    if (!built.ok) throw new Error('does not build');
    const reopened = formOfType(storedType({ test: built.value.test, answerKey: built.value.answerKey, testDurationSeconds: 300, retryDelaySeconds: 60 }));
    expect(reopened).toEqual({ form: { ...FILLED, name: 'Bird spotters', choice: 'builder', testDurationSeconds: '300', retryDelaySeconds: '60' }, testNote: null });
    expect(formOfType(storedType({ test: built.value.test })).testNote).toContain('without an answer key');
    expect(formOfType(storedType({ autoGranted: true, autoGrantedValue: 4 })).form).toMatchObject({ choice: 'auto-grant', autoGrantedValue: '4' });
  });
});

describe('test builder edits and lists', () => {
  it('adds options with the next free letter and questions with the next free id', () => {
    const question = FILLED.spec.questions[0]!;
    expect(addOption(removeOption(addOption(question), 0)).options.map((o) => o.id)).toEqual(['b', 'c', 'a']);
    expect(addQuestion(FILLED.spec).questions.map((q) => q.id)).toEqual(['q1', 'q2']);
  });

  it('labels how a type is earned and shows a request’s answers as lines', () => {
    expect(typeTestLabel(storedType({ autoGranted: true, autoGrantedValue: 3 }))).toBe('Auto-granted (3)');
    expect(typeTestLabel(storedType({ test: '<QuestionForm/>', answerKey: '<AnswerKey/>' }))).toBe('Test, scored');
    expect(typeTestLabel(storedType({}))).toBe('On request');
    const answers = buildQuestionFormAnswers([{ questionIdentifier: 'q1', selectionIdentifiers: ['a'] }, { questionIdentifier: 'why', freeText: 'I like <b>birds</b>' }]);
    expect(requestAnswerText(answers)).toBe('q1: a\nwhy: I like <b>birds</b>');
    expect(requestAnswerText(null)).toBe('(no test answers)');
    expect(requestAnswerText('<broken')).toBe('<broken');
  });
});

describe('grant lists', () => {
  it('reads pasted ids, and the website worker CSV with its per-worker scores', () => {
    expect(grantList('a1b2c3, A1B2C3\nZZ9')).toEqual({ entries: [{ workerId: 'A1B2C3', score: null }, { workerId: 'ZZ9', score: null }], problem: null });
    expect(grantList('Worker ID,UPDATE-Bird spotters\nA1B2C3,80\nZZ9,\n')).toEqual({ entries: [{ workerId: 'A1B2C3', score: 80 }, { workerId: 'ZZ9', score: null }], problem: null });
  });

  it('names the first bad line and grants nobody', () => {
    expect(grantList('A1B2C3\nnot-an-id')).toEqual({ entries: [{ workerId: 'A1B2C3', score: null }], problem: '1 not a worker id: line 2 "not-an-id".' });
    const csv = grantList('Worker ID,Score\nA1B2C3,ten\n');
    expect(csv.entries).toEqual([]);
    expect(csv.problem).toMatch(/line 2/);
  });

  describe('a loaded file', () => {
    const utf16le = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf16le'));

    it('reads UTF-8 as it is, without its byte order mark', () => {
      const read = workerListFileText('list.csv', new Uint8Array(Buffer.from('\uFEFFWorker ID,UPDATE-Bird spotters\nA1B2C3,80\n')));
      expect(read).toEqual({ ok: true, text: 'Worker ID,UPDATE-Bird spotters\nA1B2C3,80\n', note: null });
      if (read.ok) expect(grantList(read.text)).toEqual({ entries: [{ workerId: 'A1B2C3', score: 80 }], problem: null });
    });

    it('converts UTF-16 (as Excel saves "Unicode text") and says so, so the ids arrive whole', () => {
      const read = workerListFileText('list.txt', utf16le('A1B2C3\nZZ9\n'));
      expect(read.ok && read.text).toBe('A1B2C3\nZZ9\n');
      expect(read.ok && read.note).toMatch(/^list\.txt: Read as UTF-16LE/);
      if (read.ok) expect(grantList(read.text).entries.map((e) => e.workerId)).toEqual(['A1B2C3', 'ZZ9']);
    });

    it('converts Windows-1252 and says so', () => {
      const read = workerListFileText('w.csv', new Uint8Array([...Buffer.from('Worker ID,UPDATE-Caf'), 0xe9, ...Buffer.from('\nA1B2C3,5\n')]));
      expect(read.ok && read.text).toBe('Worker ID,UPDATE-Café\nA1B2C3,5\n');
      expect(read.ok && read.note).toMatch(/^w\.csv: Read as Windows-1252.*before granting/);
    });

    it('refuses a file it cannot read, naming it and saying what to do', () => {
      const read = workerListFileText('bad.csv', new Uint8Array([0x41, 0x31, 0x0a, 0x81, 0x8d, 0x8f, 0x90]));
      expect(read).toEqual({ ok: false, problem: expect.stringMatching(/^bad\.csv: .*load it again\.$/) as unknown as string });
    });
  });
});
