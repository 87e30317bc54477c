/**
 * The Workers area's pure logic: reading a pasted list of worker ids, and checking a message against MTurk's limits
 * as it is typed. No DOM, unit-tested under Node.
 * The main process checks the same again; the requester should see a problem while typing, not after.
 */
import { isWorkerId } from '../../../../shared/domain/worker-list';
import type { WorkerQualityFigures } from '../../../../shared/domain/workers';

/** NotifyWorkers' limits on one message. */
export const MAX_SUBJECT_CHARS = 200;
export const MAX_BODY_CHARS = 4096;
/** The one placeholder a message may use; the main process fills it per worker. */
export const WORKER_ID_PLACEHOLDER = '{worker_id}';


export interface PastedIds {
  /** Distinct worker ids in the order first seen. */
  readonly ids: readonly string[];
  /** Tokens that are not worker ids, with their 1-based line, so the requester can fix them. */
  readonly invalid: readonly { readonly line: number; readonly text: string }[];
}

/**
 * Worker ids from whatever was pasted: one per line, or separated by commas, spaces, tabs or semicolons (a column of
 * a spreadsheet, a CSV row, a chat message). Lower case is read as upper case; a "WorkerId" header is skipped.
 */
export function parseWorkerIds(text: string): PastedIds {
  const ids: string[] = [];
  const seen = new Set<string>();
  const invalid: { line: number; text: string }[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    for (const raw of line.split(/[\s,;]+/)) {
      const token = raw.replace(/^["']|["']$/g, '').trim();
      if (token === '' || /^worker[ _]?id$/i.test(token)) continue;
      const id = token.toUpperCase();
      if (!isWorkerId(id)) invalid.push({ line: index + 1, text: token.slice(0, 80) });
      else if (!seen.has(id)) {
        seen.add(id);
        ids.push(id);
      }
    }
  });
  return { ids, invalid };
}

export interface MessageCheck {
  readonly subjectLength: number;
  readonly bodyLength: number;
  /** Plain-word problems; empty when the message can be planned. */
  readonly problems: readonly string[];
}

/** Any `{name}` in a template other than {worker_id}. */
const PLACEHOLDER = /\{([a-z_]+)\}/g;

/**
 * The subject and body as the worker with the longest id receives them, against MTurk's limits — the longest id
 * makes the longest message, so a message that fits for them fits for all.
 */
export function checkMessage(subject: string, body: string, workerIds: readonly string[]): MessageCheck {
  const longest = workerIds.reduce((a, b) => (b.length > a.length ? b : a), '');
  const render = (template: string): string => template.split(WORKER_ID_PLACEHOLDER).join(longest);
  const subjectLength = render(subject).length;
  const bodyLength = render(body).length;
  const problems: string[] = [];
  if (subject.trim() === '') problems.push('Write a subject.');
  else if (subjectLength > MAX_SUBJECT_CHARS) problems.push(`The subject has ${subjectLength} characters; MTurk allows at most ${MAX_SUBJECT_CHARS}.`);
  if (body.trim() === '') problems.push('Write a message.');
  else if (bodyLength > MAX_BODY_CHARS) problems.push(`The message has ${bodyLength} characters; MTurk allows at most ${MAX_BODY_CHARS}.`);
  for (const [field, template] of [['subject', subject], ['message', body]] as const) {
    for (const match of template.matchAll(PLACEHOLDER)) {
      if (match[0] !== WORKER_ID_PLACEHOLDER) problems.push(`The ${field} has an unknown placeholder ${match[0]}; the one known is ${WORKER_ID_PLACEHOLDER}.`);
    }
  }
  return { subjectLength, bodyLength, problems };
}

/** "A1B2C3, A9Z8Y7 and 3 more" — who an action is about, short enough for a dialog title. */
export function workersLabel(ids: readonly string[], shown = 2): string {
  if (ids.length === 0) return 'no workers';
  if (ids.length <= shown) return ids.join(' and ');
  return `${ids.slice(0, shown).join(', ')} and ${ids.length - shown} more`;
}

/** Approval rate for this requester, or a dash before any decision. */
export function approvalLabel(percent: number | null): string {
  return percent === null ? '—' : `${Math.round(percent)}%`;
}

const percentOf = (part: number, whole: number): string => `${Math.round((part / whole) * 100)}% (${part}/${whole})`;

/** "83% (5/6)" of the worker's labels on gold rows, or a dash without any. */
export function goldLabel(q: Pick<WorkerQualityFigures, 'goldAnswers' | 'goldCorrect'> | undefined): string {
  return !q || q.goldAnswers === 0 ? '—' : percentOf(q.goldCorrect, q.goldAnswers);
}

/** "90% (9/10)" of the worker's categorical labels equal to the consensus, or a dash without any. */
export function agreementLabel(q: Pick<WorkerQualityFigures, 'labels' | 'agreed'> | undefined): string {
  return !q || q.labels === 0 ? '—' : percentOf(q.agreed, q.labels);
}
