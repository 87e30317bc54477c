/**
 * What the simulated workers answer: the population's shape, the share of true answers per worker against its
 * accuracy, answers within every constraint of a QuestionForm, declared ExternalQuestion fields, HTML forms.
 */
import { describe, expect, it } from 'vitest';
import { parseQuestionFormAnswers, type AnswerField } from '../../shared/mturk/answers';
import { crowdPopulation } from '../src/crowd/population';
import { ANIMALS, crowdTestApp, freeTextQuestion, questionForm, selectionQuestion, type CrowdTestApp } from './crowd-support';

function submittedAnswers(t: CrowdTestApp): { workerId: string; hitId: string; fields: AnswerField[] }[] {
  const rows = t.app.db
    .prepare("SELECT worker_id, hit_id, answer FROM assignments WHERE answer IS NOT NULL ORDER BY rowid")
    .all() as { worker_id: string; hit_id: string; answer: string }[];
  return rows.map((r) => ({ workerId: r.worker_id, hitId: r.hit_id, fields: parseQuestionFormAnswers(r.answer) }));
}

describe('the crowd population', () => {
  it('is mostly US and India, mostly decent, with careful workers and a few spammers, the same for the same seed', () => {
    const crowd = crowdPopulation(5, 4000);
    const share = (test: (m: (typeof crowd)[number]) => boolean): number => crowd.filter(test).length / crowd.length;
    expect(share((m) => m.attributes.country === 'US')).toBeGreaterThan(0.65);
    expect(share((m) => m.attributes.country === 'IN')).toBeGreaterThan(0.12);
    expect(share((m) => !['US', 'IN'].includes(m.attributes.country))).toBeGreaterThan(0.05);
    expect(crowd.filter((m) => m.attributes.country === 'US').every((m) => /^[A-Z]{2}$/.test(m.attributes.subdivision ?? ''))).toBe(true);
    expect(share((m) => m.accuracyClass === 'decent')).toBeGreaterThan(0.55);
    expect(share((m) => m.accuracyClass === 'careful')).toBeGreaterThan(0.15);
    expect(share((m) => m.accuracyClass.endsWith('spammer'))).toBeGreaterThan(0.1);
    expect(share((m) => m.accuracyClass.endsWith('spammer'))).toBeLessThan(0.2);
    expect(share((m) => m.attributes.masters)).toBeGreaterThan(0.005);
    expect(share((m) => m.attributes.masters)).toBeLessThan(0.1);
    expect(share((m) => m.attributes.hitsApproved >= 1000)).toBeGreaterThan(0.6);
    expect(share((m) => m.attributes.approvalRatePercent >= 98)).toBeGreaterThan(0.7);
    expect(share((m) => m.grab === 25)).toBeGreaterThan(0.02);
    expect(new Set(crowd.map((m) => m.workerId)).size).toBe(crowd.length);
    expect(crowd.every((m) => /^A[A-Z0-9]{13}$/.test(m.workerId))).toBe(true);
    expect(crowdPopulation(5, 10)).toEqual(crowd.slice(0, 10));
    expect(crowdPopulation(6, 10).map((m) => m.workerId)).not.toEqual(crowd.slice(0, 10).map((m) => m.workerId));
  });
});

describe('answers against registered truth', () => {
  it('gives the true answer at each worker’s accuracy (within a few points over 1,000 answers)', async () => {
    const t = crowdTestApp();
    const questions = Array.from({ length: 50 }, (_, i) => `q${i}`);
    const form = questionForm(...questions.map((q) => selectionQuestion(q, ANIMALS)));
    const truths: Record<string, Record<string, string>> = {};
    for (let h = 0; h < 30; h += 1) {
      const hitId = t.createHit({ Question: form, MaxAssignments: 12, LifetimeInSeconds: 30 * 86_400, AssignmentDurationInSeconds: 3600 });
      truths[hitId] = Object.fromEntries(questions.map((q, i) => [q, ANIMALS[(h * 7 + i * 3 + ((h * i) % 5)) % 4] ?? 'cat']));
    }
    expect(t.control.setTruths(truths)).toBe(30);
    const crowd = crowdPopulation(11, 12);
    await t.control.simulate({ workers: 12, seed: 11, until: 'done' });
    const tally = new Map<string, { right: number; all: number }>();
    for (const { workerId, hitId, fields } of submittedAnswers(t)) {
      const counts = tally.get(workerId) ?? { right: 0, all: 0 };
      for (const field of fields) {
        counts.all += 1;
        if (field.selectionIdentifiers?.[0] === truths[hitId]?.[field.questionIdentifier]) counts.right += 1;
      }
      tally.set(workerId, counts);
    }
    let honest = 0;
    for (const member of crowd) {
      const counts = tally.get(member.workerId);
      if (!counts || counts.all < 1000) continue;
      const share = counts.right / counts.all;
      // Spammers ignore the truth: one answer in four is right by chance (the truth is spread over the four options).
      const expected = member.accuracyClass.endsWith('spammer') ? 0.25 : member.accuracy;
      expect(Math.abs(share - expected), `${member.accuracyClass} ${member.workerId}: ${share} vs ${expected}`).toBeLessThan(0.04);
      if (!member.accuracyClass.endsWith('spammer')) honest += 1;
    }
    expect(honest).toBeGreaterThanOrEqual(6);
    t.app.close();
  });
});

describe('answers within the question’s constraints', () => {
  it('answers a QuestionForm with selections within their counts and text within length, pattern and range', async () => {
    const t = crowdTestApp();
    const form = questionForm(
      selectionQuestion('colors', ['red', 'green', 'blue', 'black', 'white'], 2, 3),
      selectionQuestion('animal', ANIMALS),
      freeTextQuestion('zip', '<AnswerFormatRegex regex="^[0-9]{5}$"/>'),
      freeTextQuestion('age', '<IsNumeric minValue="18" maxValue="99"/>'),
      freeTextQuestion('summary', '<Length minLength="10" maxLength="40"/>'),
    );
    for (let i = 0; i < 40; i += 1) t.createHit({ Question: form, MaxAssignments: 5 });
    await t.control.simulate({ workers: 40, seed: 2, until: 'done' });
    const answers = submittedAnswers(t);
    expect(answers.length).toBeGreaterThan(150);
    for (const { fields } of answers) {
      const by = new Map(fields.map((f) => [f.questionIdentifier, f]));
      const colors = by.get('colors')?.selectionIdentifiers ?? [];
      expect(colors.length).toBeGreaterThanOrEqual(2);
      expect(colors.length).toBeLessThanOrEqual(3);
      expect(new Set(colors).size).toBe(colors.length);
      expect(ANIMALS).toContain(by.get('animal')?.selectionIdentifiers?.[0]);
      expect(by.get('zip')?.freeText).toMatch(/^[0-9]{5}$/);
      const age = Number(by.get('age')?.freeText);
      expect(Number.isInteger(age) && age >= 18 && age <= 99).toBe(true);
      const summary = by.get('summary')?.freeText ?? '';
      expect(summary.length).toBeGreaterThanOrEqual(10);
      expect(summary.length).toBeLessThanOrEqual(40);
    }
    t.app.close();
  });

  it('posts the fields declared for an ExternalQuestion HIT type, else a completion code', async () => {
    const t = crowdTestApp();
    const external = `<ExternalQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2006-07-14/ExternalQuestion.xsd">
      <ExternalURL>https://example.org/task</ExternalURL><FrameHeight>0</FrameHeight></ExternalQuestion>`;
    const declared = t.createHit({ Question: external, Title: 'Declared' });
    const plain = t.createHit({ Question: external, Title: 'Survey' });
    const typeOf = (hitId: string): string => (t.app.db.prepare('SELECT hit_type_id FROM hits WHERE hit_id = ?').get(hitId) as { hit_type_id: string }).hit_type_id;
    expect(() => t.control.declareExternalAnswers(typeOf(declared), { fields: [{ name: 'assignmentId' }] })).toThrow(/reserved/);
    expect(() => t.control.declareExternalAnswers(typeOf(declared), { fields: [{ name: 'x', type: 'choice' }] })).toThrow(/fields\[0\]\.options/);
    t.control.declareExternalAnswers(typeOf(declared), {
      fields: [
        { name: 'label', options: ['cat', 'dog'] },
        { name: 'tags', options: ['a', 'b', 'c'], multiple: true },
        { name: 'score', type: 'number', min: 1, max: 5 },
        { name: 'note', type: 'text', pattern: '^[a-z]{3,6}$' },
      ],
    });
    await t.control.simulate({ workers: 10, seed: 4, until: 'done' });
    const answers = submittedAnswers(t);
    const forDeclared = answers.filter((a) => a.hitId === declared);
    const forPlain = answers.filter((a) => a.hitId === plain);
    expect(forDeclared.length).toBeGreaterThan(0);
    expect(forPlain.length).toBeGreaterThan(0);
    for (const { fields } of forDeclared) {
      const text = Object.fromEntries(fields.map((f) => [f.questionIdentifier, f.freeText ?? '']));
      expect(Object.keys(text)).toEqual(['label', 'tags', 'score', 'note']);
      expect(['cat', 'dog']).toContain(text.label);
      expect(text.tags?.split('|').every((tag) => ['a', 'b', 'c'].includes(tag))).toBe(true);
      expect(Number(text.score) >= 1 && Number(text.score) <= 5).toBe(true);
      expect(text.note).toMatch(/^[a-z]{3,6}$/);
    }
    for (const { fields } of forPlain) {
      expect(fields).toEqual([{ questionIdentifier: 'completionCode', freeText: expect.stringMatching(/^[A-Z0-9]{8}$/) }]);
    }
    t.app.close();
  });
});

describe('HTMLQuestion answers', () => {
  const html = (body: string): string => `<HTMLQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2011-11-11/HTMLQuestion.xsd">
    <HTMLContent><![CDATA[<!DOCTYPE html><html><body>${body}</body></html>]]></HTMLContent><FrameHeight>600</FrameHeight></HTMLQuestion>`;

  it('posts one answer per field of a plain form, within required, range and pattern', async () => {
    const t = crowdTestApp();
    const question = html(`<form method="post" action="https://www.mturk.com/mturk/externalSubmit">
      <input type="hidden" name="assignmentId" value=""/>
      <input type="radio" name="animal" value="cat" required/><input type="radio" name="animal" value="dog"/>
      <input type="checkbox" name="tags" value="small"/><input type="checkbox" name="tags" value="fluffy"/>
      <select name="size" required><option value="">Choose</option><option>S</option><option>L</option></select>
      <input type="number" name="count" min="1" max="9" required/>
      <input type="text" name="code" pattern="[A-Z]{2}[0-9]{2}" required/>
      <textarea name="comment" maxlength="30"></textarea>
      <input type="submit"/></form>`);
    for (let i = 0; i < 10; i += 1) t.createHit({ Question: question });
    t.control.setTruth(
      (t.app.db.prepare('SELECT hit_id FROM hits LIMIT 1').get() as { hit_id: string }).hit_id,
      { animal: 'dog' },
    );
    await t.control.simulate({ workers: 12, seed: 9, until: 'done' });
    const answers = submittedAnswers(t);
    expect(answers.length).toBeGreaterThan(10);
    for (const { fields } of answers) {
      const text = Object.fromEntries(fields.map((f) => [f.questionIdentifier, f.freeText ?? '']));
      expect(Object.keys(text).sort()).toEqual(['animal', 'code', 'comment', 'count', 'size', 'tags']);
      expect(['cat', 'dog']).toContain(text.animal);
      expect(text.tags === '' || text.tags?.split('|').every((tag) => ['small', 'fluffy'].includes(tag))).toBe(true);
      expect(['S', 'L']).toContain(text.size);
      expect(Number(text.count) >= 1 && Number(text.count) <= 9).toBe(true);
      expect(text.code).toMatch(/^[A-Z]{2}[0-9]{2}$/);
      expect(text.comment?.length).toBeLessThanOrEqual(30);
    }
    t.app.close();
  });

  it('submits a crowd-form as one taskAnswers JSON, the truth given as a plain label in the element’s shape', async () => {
    const t = crowdTestApp();
    const question = html(`<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>
      <crowd-form><crowd-classifier name="category" categories="['cat', 'dog', 'bird']" header="What is it?"></crowd-classifier>
      <crowd-input name="note" label="Note"></crowd-input></crowd-form>`);
    const truths: Record<string, Record<string, string>> = {};
    for (let i = 0; i < 40; i += 1) truths[t.createHit({ Question: question, MaxAssignments: 5 })] = { category: ANIMALS[i % 3] ?? 'cat' };
    t.control.setTruths(truths);
    const crowd = new Map(crowdPopulation(12, 15).map((m) => [m.workerId, m]));
    await t.control.simulate({ workers: 15, seed: 12, until: 'done' });
    let honestRight = 0;
    let honestAll = 0;
    for (const { workerId, hitId, fields } of submittedAnswers(t)) {
      expect(fields.map((f) => f.questionIdentifier)).toEqual(['taskAnswers']);
      const parsed = JSON.parse(fields[0]?.freeText ?? '') as [{ category: { label: string }; note: string }];
      expect(parsed).toHaveLength(1);
      expect(['cat', 'dog', 'bird']).toContain(parsed[0].category.label);
      expect(typeof parsed[0].note).toBe('string');
      const member = crowd.get(workerId);
      if (member && !member.accuracyClass.endsWith('spammer')) {
        honestAll += 1;
        if (parsed[0].category.label === truths[hitId]?.category) honestRight += 1;
      }
    }
    expect(honestAll).toBeGreaterThan(50);
    // Honest workers are right 75–99 % of the time; chance would be a third.
    expect(honestRight / honestAll).toBeGreaterThan(0.7);
    t.app.close();
  });
});
