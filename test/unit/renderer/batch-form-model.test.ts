import { describe, expect, it } from 'vitest';
import { checkForm, durationFromSeconds, durationSeconds, formCost, formFromJson, formToJson } from '../../../renderer/src/features/batch-editor/form-model';
import { lineRange, liveLint, inputTableOf } from '../../../renderer/src/features/batch-editor/live-lint';

const BATCH = {
  Title: 'Which animal?',
  Description: 'Pick the animal.',
  Keywords: 'image',
  Reward: '0.05',
  MaxAssignments: 3,
  AssignmentDurationInSeconds: 5400,
  LifetimeInSeconds: 259_200,
  AutoApprovalDelayInSeconds: 3600,
  QualificationRequirements: [{ QualificationTypeId: '000000000000000000L0', Comparator: 'GreaterThanOrEqualTo', IntegerValues: [95] }],
  FrameHeight: 0,
  question: 'template.html',
  trustedColumns: ['instructions_html'],
  microBatching: false,
};

describe('the properties form model', () => {
  it('shows durations in the largest unit that holds them exactly, and writes seconds back', () => {
    expect(durationFromSeconds(5400)).toEqual({ amount: '90', unit: 'minutes' });
    expect(durationFromSeconds(7200)).toEqual({ amount: '2', unit: 'hours' });
    expect(durationFromSeconds(259_200)).toEqual({ amount: '3', unit: 'days' });
    expect(durationFromSeconds(45)).toEqual({ amount: '0.75', unit: 'minutes' });
    expect(durationSeconds({ amount: '1.5', unit: 'hours' })).toBe(5400);
    expect(durationSeconds({ amount: 'soon', unit: 'days' })).toBe('soon');
  });

  it('opens and saves batch.json unchanged when nothing was edited, keeping the keys it does not show', () => {
    const form = formFromJson(BATCH);
    expect(formToJson(form, BATCH)).toEqual(BATCH);
    expect(checkForm(form, BATCH)).toEqual({ fields: {}, requirements: {}, other: [], valid: true });
  });

  it('writes the past participants chosen to exclude into excludeParticipantsOf, and drops the key when none is left', () => {
    const form = { ...formFromJson(BATCH), excludeBatches: ['b0123456789ab'], excludeStudies: ['Pilot'] };
    const json = formToJson(form, BATCH);
    expect(json['excludeParticipantsOf']).toEqual({ batches: ['b0123456789ab'], studies: ['Pilot'] });
    expect(formFromJson(json)).toMatchObject({ excludeBatches: ['b0123456789ab'], excludeStudies: ['Pilot'] });
    expect(checkForm(form, BATCH).valid).toBe(true);
    expect(formToJson({ ...formFromJson(json), excludeBatches: [], excludeStudies: [] }, json)).not.toHaveProperty('excludeParticipantsOf');
    // A malformed value in the file is kept for the check to name, not silently dropped.
    const bad = { ...BATCH, excludeParticipantsOf: { batches: 'b0123456789ab' } };
    expect(checkForm(formFromJson(bad), bad).other.map((p) => p.key)).toEqual(['excludeParticipantsOf.batches']);
  });

  it('puts each problem under its field, in words, as it is typed', () => {
    const form = { ...formFromJson(BATCH), reward: 'free', title: '', maxAssignments: 'three', lifetime: { amount: '0.25', unit: 'minutes' as const } };
    const check = checkForm(form, BATCH);
    expect(check.valid).toBe(false);
    expect(check.fields.reward).toEqual(['This must be a dollar amount with at most two decimals, such as "0.50" (found "free").']);
    expect(check.fields.title).toEqual(['This is required: enter the title workers see in the HIT list.']);
    expect(check.fields.maxAssignments).toEqual(['This must be a whole number of assignments (found "three").']);
    expect(check.fields.lifetime![0]).toMatch(/^This must be between 30 and 31,536,000 seconds .*\(found 15 seconds\)\.$/);
    expect(Object.keys(check.fields).sort()).toEqual(['lifetime', 'maxAssignments', 'reward', 'title']);
  });

  it('places requirement problems under their row, and other keys above the form', () => {
    const form = formFromJson(BATCH);
    const bad = { ...form, requirements: [{ ...form.requirements[0]!, values: '95, 96' }] };
    expect(checkForm(bad, BATCH).requirements).toEqual({ 0: ['The value list has 2 values; GreaterThanOrEqualTo takes exactly one.'] });
    const both = { ...form, requirements: [{ ...form.requirements[0]!, comparator: 'Exists' as const }, { ...form.requirements[0]!, typeId: 'bad id', kind: 'custom' as const }] };
    expect(checkForm(both, BATCH).requirements).toEqual({ 1: ['The qualification type id must be a qualification type id (letters and digits, found "bad id").'] });
    const other = checkForm(form, { ...BATCH, question: '../escape.html' });
    expect(other.other.map((p) => p.key)).toEqual(['question']);
    expect(other.fields).toEqual({});
  });

  it('edits the name, frame height, trusted columns and micro-batching, leaving out what the file did not say', () => {
    const form = formFromJson(BATCH);
    expect([form.name, form.frameHeight, form.trustedColumns, form.microBatching]).toEqual(['', '0', ['instructions_html'], false]);
    const edited = { ...form, name: 'Pilot 1', frameHeight: '600', trustedColumns: ['instructions_html', 'caption'], microBatching: true };
    expect(formToJson(edited, BATCH)).toMatchObject({ name: 'Pilot 1', FrameHeight: 600, trustedColumns: ['instructions_html', 'caption'], microBatching: true });
    const cleared = formToJson({ ...form, frameHeight: ' ', trustedColumns: [] }, BATCH);
    expect(['FrameHeight', 'trustedColumns', 'name'].filter((key) => key in cleared)).toEqual([]);
    const bare = { Title: 'T', Description: 'D', Reward: '0.10', MaxAssignments: 1, question: 'template.html' };
    expect(Object.keys(formToJson(formFromJson(bare), bare))).not.toContain('microBatching');
    // A list that is not one stays for the check to name; it is not silently dropped.
    expect(checkForm(formFromJson({ ...BATCH, trustedColumns: 'caption' }), { ...BATCH, trustedColumns: 'caption' }).other.map((p) => p.key)).toEqual(['trustedColumns']);
  });

  it('names a frame height that is not a number of pixels under its field, and costs micro-batching as ticked', () => {
    const form = formFromJson({ ...BATCH, MaxAssignments: 12 });
    expect(checkForm({ ...form, frameHeight: 'tall' }, BATCH).fields.frameHeight).toEqual([expect.stringContaining('(found "tall")')]);
    expect(formCost(form, BATCH, 3)?.savingCents).toBe(0);
    expect(formCost({ ...form, microBatching: true }, BATCH, 3)!.savingCents).toBeGreaterThan(0);
  });

  it('accepts a reward typed with a dollar sign, and drops an emptied annotation', () => {
    const form = { ...formFromJson({ ...BATCH, RequesterAnnotation: 'pilot' }), reward: '$0.10', annotation: ' ' };
    const json = formToJson(form, { ...BATCH, RequesterAnnotation: 'pilot' });
    expect(json['Reward']).toBe('0.10');
    expect('RequesterAnnotation' in json).toBe(false);
  });

  it('costs the batch as typed, with Masters when a Masters requirement is added, and none for an invalid reward', () => {
    const form = formFromJson(BATCH);
    expect(formCost(form, BATCH, 10)!.totalCents).toBe(10 * 3 * (5 + 1));
    const masters = { ...form, requirements: [...form.requirements, { kind: 'masters' as const, typeId: '2F1QJWKUDD8XADTFD2Q0G6UTO95ALH', comparator: 'Exists' as const, values: '', actionsGuarded: '' as const }] };
    expect(formCost(masters, BATCH, 10)!.feePercent).toBe(25);
    expect(formCost({ ...form, reward: '0' }, BATCH, 10)).toBeNull();
    expect(formCost({ ...form, maxAssignments: '' }, BATCH, 10)).toBeNull();
  });
});

describe('lint as you type', () => {
  const input = { name: 'input.csv', table: inputTableOf('input.csv', 'image_url,caption\nhttps://x.example/1.jpg,one\n') };

  it('turns findings that name a line into diagnostics at that line', () => {
    const template = '<crowd-form>\n<img src="${image_url}">\n<p>${caption} ${nope}</p>\n</crowd-form>\n';
    const lint = liveLint(template, 'template.html', input, BATCH);
    expect(lint.diagnostics).toEqual([{ line: 3, severity: 'error', message: expect.stringMatching(/^\$\{nope\} names no column of input\.csv/) as unknown as string }]);
  });

  it('still lints the template while batch.json has problems', () => {
    const lint = liveLint('<p>${caption}</p>', 'template.html', input, { ...BATCH, Reward: 'x' });
    expect(lint.others.map((f) => f.rule)).toEqual(expect.arrayContaining(['no-submit-path', 'unused-column']));
  });

  it('finds a line in the text, clamped to the last line', () => {
    expect(lineRange('ab\ncd\nef', 2)).toEqual({ from: 3, to: 5 });
    expect(lineRange('ab\ncd', 9)).toEqual({ from: 3, to: 5 });
  });

  it('reads no rows from an unreadable input file rather than failing', () => {
    expect(inputTableOf('input.json', '{not json')).toEqual({ columns: [], rows: [] });
    expect(inputTableOf(null, null)).toEqual({ columns: [], rows: [] });
  });
});
