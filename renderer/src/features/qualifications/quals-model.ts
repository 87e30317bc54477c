/**
 * The Qualifications area's pure logic: the type form (what it sends to create or update a type), the test builder's
 * edits, and how a type and a request's answers read in a list. No DOM, unit-tested under Node.
 */
import type { QualificationType } from '../../../../shared/domain/archive-types';
import { decodeUserFile, type DecodeWording } from '../../../../shared/domain/text-decoding';
import { parseWorkerList, type WorkerListEntry } from '../../../../shared/domain/worker-list';
import { flattenAnswers, parseQuestionFormAnswers } from '../../../../shared/mturk/answers';
import { newQuestion, type TestOption, type TestProblem, type TestQuestion, type TestSpec } from '../../../../shared/qualifications/test-spec';
import { buildTestXml, parseTestXml } from '../../../../shared/qualifications/test-xml';
import { parseWorkerIds } from '../workers/workers-model';

export type TestChoice = 'none' | 'builder' | 'auto-grant';

/** The type form as typed: numbers are kept as text until sent, so a half-typed value is shown as it is. */
export interface TypeForm {
  readonly name: string;
  readonly description: string;
  readonly keywords: string;
  readonly retryDelaySeconds: string;
  readonly choice: TestChoice;
  readonly autoGrantedValue: string;
  readonly testDurationSeconds: string;
  readonly spec: TestSpec;
}

export const NEW_TYPE_FORM: TypeForm = {
  name: '',
  description: '',
  keywords: '',
  retryDelaySeconds: '',
  choice: 'builder',
  autoGrantedValue: '1',
  testDurationSeconds: '600',
  spec: { title: '', overview: '', questions: [newQuestion([])], mapping: { kind: 'percentage' } },
};

/** An existing type in the form; a test the builder did not make is reported (saving replaces it only if asked). */
export function formOfType(type: QualificationType): { form: TypeForm; testNote: string | null } {
  const base: TypeForm = {
    ...NEW_TYPE_FORM,
    name: type.name,
    description: type.description,
    keywords: type.keywords ?? '',
    retryDelaySeconds: type.retryDelaySeconds === null ? '' : String(type.retryDelaySeconds),
    choice: type.autoGranted ? 'auto-grant' : type.test !== null ? 'builder' : 'none',
    autoGrantedValue: String(type.autoGrantedValue ?? 1),
    testDurationSeconds: String(type.testDurationSeconds ?? 600),
  };
  if (type.test === null) return { form: base, testNote: null };
  if (type.answerKey === null) return { form: { ...base, choice: 'none' }, testNote: 'This type has a test without an answer key (requests wait for you); the builder makes tests with one.' };
  const spec = parseTestXml({ test: type.test, answerKey: type.answerKey });
  return spec.ok ? { form: { ...base, spec: spec.value }, testNote: null } : { form: { ...base, choice: 'none' }, testNote: spec.error };
}

export interface TypeRequest {
  readonly name: string;
  readonly description: string;
  readonly keywords?: string;
  readonly retryDelaySeconds?: number;
  readonly test?: string;
  readonly answerKey?: string;
  readonly testDurationSeconds?: number;
  readonly autoGranted?: boolean;
  readonly autoGrantedValue?: number;
}

function wholeNumber(text: string, field: string, label: string, min: number, problems: TestProblem[]): number | undefined {
  if (text.trim() === '') return undefined;
  const n = Number(text.trim());
  if (!Number.isInteger(n) || n < min) problems.push({ field, message: `${label} must be a whole number${min === 0 ? ', 0 or more' : min === 1 ? ' of at least 1' : ''}; got "${text.slice(0, 20)}".` });
  return n;
}

/** What the form sends (with a test built from the spec), or every problem, each naming its field. */
export function typeRequest(form: TypeForm): { ok: true; value: TypeRequest } | { ok: false; problems: TestProblem[] } {
  const problems: TestProblem[] = [];
  if (form.name.trim() === '') problems.push({ field: 'name', message: 'Give the type a name (workers see it).' });
  if (form.name.length > 128) problems.push({ field: 'name', message: `The name has ${form.name.length} characters; at most 128.` });
  if (form.description.trim() === '') problems.push({ field: 'description', message: 'Give a description (workers see it).' });
  if (form.description.length > 2000) problems.push({ field: 'description', message: `The description has ${form.description.length} characters; at most 2,000.` });
  const retryDelaySeconds = wholeNumber(form.retryDelaySeconds, 'retryDelaySeconds', 'The retry delay', 0, problems);
  let extra: Partial<TypeRequest> = {};
  if (form.choice === 'auto-grant') {
    const value = form.autoGrantedValue.trim() === '' ? NaN : Number(form.autoGrantedValue);
    if (!Number.isInteger(value)) problems.push({ field: 'autoGrantedValue', message: `The auto-granted score must be a whole number; got "${form.autoGrantedValue.slice(0, 20)}".` });
    extra = { autoGranted: true, autoGrantedValue: value };
  } else if (form.choice === 'builder') {
    const duration = wholeNumber(form.testDurationSeconds, 'testDurationSeconds', 'The time allowed', 1, problems);
    if (duration === undefined) problems.push({ field: 'testDurationSeconds', message: 'Say how many seconds a worker has for the test.' });
    const built = buildTestXml(form.spec);
    if (!built.ok) problems.push(...built.error.map((p) => ({ field: `spec.${p.field}`, message: p.message })));
    else extra = { test: built.value.test, answerKey: built.value.answerKey, ...(duration === undefined ? {} : { testDurationSeconds: duration }) };
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      name: form.name.trim(),
      description: form.description.trim(),
      ...(form.keywords.trim() === '' ? {} : { keywords: form.keywords.trim() }),
      ...(retryDelaySeconds === undefined ? {} : { retryDelaySeconds }),
      ...extra,
    },
  };
}

// ---------------------------------------------------------------- test builder edits

export const replaceQuestion = (spec: TestSpec, index: number, question: TestQuestion): TestSpec => ({ ...spec, questions: spec.questions.map((q, i) => (i === index ? question : q)) });
export const removeQuestion = (spec: TestSpec, index: number): TestSpec => ({ ...spec, questions: spec.questions.filter((_, i) => i !== index) });
export const addQuestion = (spec: TestSpec): TestSpec => ({ ...spec, questions: [...spec.questions, newQuestion(spec.questions)] });
export const replaceOption = (question: TestQuestion, index: number, option: TestOption): TestQuestion => ({ ...question, options: question.options.map((o, i) => (i === index ? option : o)) });
export const removeOption = (question: TestQuestion, index: number): TestQuestion => ({ ...question, options: question.options.filter((_, i) => i !== index) });

/** A new option with the next free letter (a, b, … z, then o27 …) as its id. */
export function addOption(question: TestQuestion): TestQuestion {
  const taken = new Set(question.options.map((o) => o.id));
  const free = [...'abcdefghijklmnopqrstuvwxyz'].find((letter) => !taken.has(letter));
  let n = question.options.length + 1;
  while (taken.has(`o${n}`)) n++;
  return { ...question, options: [...question.options, { id: free ?? `o${n}`, text: '', score: 0 }] };
}

/** Problems keyed by field, for showing each beside its input. */
export function problemsByField(problems: readonly TestProblem[]): ReadonlyMap<string, string> {
  const map = new Map<string, string>();
  for (const p of problems) if (!map.has(p.field)) map.set(p.field, p.message);
  return map;
}

// ---------------------------------------------------------------- lists

export function typeTestLabel(type: QualificationType): string {
  if (type.autoGranted) return `Auto-granted (${type.autoGrantedValue ?? 1})`;
  if (type.test !== null) return type.answerKey !== null ? 'Test, scored' : 'Test, you decide';
  return 'On request';
}

/** A request's test answers as `question: answer` lines; answers that cannot be read are shown as their raw text. */
export function requestAnswerText(answerXml: string | null): string {
  if (answerXml === null || answerXml.trim() === '') return '(no test answers)';
  try {
    return Object.entries(flattenAnswers(parseQuestionFormAnswers(answerXml)))
      .map(([question, answer]) => `${question}: ${answer}`)
      .join('\n');
  } catch {
    return answerXml;
  }
}

// ---------------------------------------------------------------- grant lists

/**
 * Workers to grant, from what was pasted or loaded: a CSV with a worker id column (the Requester website's worker CSV,
 * whose score column gives each worker's score) or plain ids separated by lines, commas or spaces. `problem` names the
 * first bad line; nothing is granted while there is one.
 */
export function grantList(text: string): { entries: WorkerListEntry[]; problem: string | null } {
  const firstLine = text.split(/\r?\n/).find((line) => line.trim() !== '') ?? '';
  if (/,/.test(firstLine) && /worker[ _]?id/i.test(firstLine)) {
    const parsed = parseWorkerList(text, 'The CSV');
    return parsed.ok ? { entries: parsed.value, problem: null } : { entries: [], problem: parsed.error.message };
  }
  const ids = parseWorkerIds(text);
  const bad = ids.invalid;
  const problem = bad.length === 0 ? null : `${bad.length} not a worker id: ${bad.slice(0, 3).map((b) => `line ${b.line} "${b.text}"`).join(', ')}${bad.length > 3 ? '…' : ''}.`;
  return { entries: ids.ids.map((workerId) => ({ workerId, score: null })), problem };
}

const LIST_FILE_WORDING: DecodeWording = {
  saveAsUtf8: 'Save it as "CSV UTF-8" (in Excel: File → Save As → CSV UTF-8) and load it again.',
  damaged: 'Download or export it again and load the new file.',
  checkWestern: 'Check the worker ids and column names in the box before granting.',
};

/**
 * A worker list file's bytes → the text for the grant box, decoded as imports are: UTF-16/32 and Windows-1252 are
 * converted and said so in `note`; anything else is refused with the file's name, so no id arrives garbled.
 */
export const workerListFileText = (fileName: string, bytes: Uint8Array): ReturnType<typeof decodeUserFile> => decodeUserFile(fileName, bytes, LIST_FILE_WORDING);
