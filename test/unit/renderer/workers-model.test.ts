import { describe, expect, it } from 'vitest';
import { approvalLabel, checkMessage, MAX_BODY_CHARS, MAX_SUBJECT_CHARS, parseWorkerIds, workersLabel } from '../../../renderer/src/features/workers/workers-model';

describe('parseWorkerIds', () => {
  it('reads ids separated by lines, commas, spaces, tabs and semicolons, once each, upper-cased', () => {
    const parsed = parseWorkerIds('WorkerId\nA1B2C3D4\r\na9z8y7, A1B2C3D4;\tA777 "A888"');
    expect(parsed.ids).toEqual(['A1B2C3D4', 'A9Z8Y7', 'A777', 'A888']);
    expect(parsed.invalid).toEqual([]);
  });

  it('names each token that is not a worker id with its line', () => {
    const parsed = parseWorkerIds('A1B2C3\nnot-an-id A2\n\nx_y');
    expect(parsed.ids).toEqual(['A1B2C3', 'A2']);
    expect(parsed.invalid).toEqual([
      { line: 2, text: 'not-an-id' },
      { line: 4, text: 'x_y' },
    ]);
  });

  it('finds nothing in blank text', () => {
    expect(parseWorkerIds('  \n\t\n')).toEqual({ ids: [], invalid: [] });
  });
});

describe('checkMessage', () => {
  it('accepts a message within the limits and counts it as the longest id receives it', () => {
    const check = checkMessage('Hello {worker_id}', 'Thanks, {worker_id}!', ['A1', 'A12345']);
    expect(check).toEqual({ subjectLength: 'Hello A12345'.length, bodyLength: 'Thanks, A12345!'.length, problems: [] });
  });

  it('asks for a subject and a body', () => {
    expect(checkMessage(' ', '', ['A1']).problems).toEqual(['Write a subject.', 'Write a message.']);
  });

  it('refuses a subject or body over MTurk limits once the placeholder is filled', () => {
    const subject = `${'s'.repeat(MAX_SUBJECT_CHARS - 5)}{worker_id}`;
    const body = 'b'.repeat(MAX_BODY_CHARS + 1);
    const check = checkMessage(subject, body, ['A123456']);
    expect(check.problems).toEqual([
      `The subject has ${MAX_SUBJECT_CHARS + 2} characters; MTurk allows at most ${MAX_SUBJECT_CHARS}.`,
      `The message has ${MAX_BODY_CHARS + 1} characters; MTurk allows at most ${MAX_BODY_CHARS}.`,
    ]);
    expect(checkMessage('s'.repeat(MAX_SUBJECT_CHARS), 'ok', ['A1']).problems).toEqual([]);
  });

  it('names an unknown placeholder', () => {
    expect(checkMessage('Hi {name}', 'Body', ['A1']).problems).toEqual(['The subject has an unknown placeholder {name}; the one known is {worker_id}.']);
  });
});

describe('labels', () => {
  it('shortens long worker lists and shows a dash before any decision', () => {
    expect(workersLabel(['A1'])).toBe('A1');
    expect(workersLabel(['A1', 'A2'])).toBe('A1 and A2');
    expect(workersLabel(['A1', 'A2', 'A3', 'A4'])).toBe('A1, A2 and 2 more');
    expect(approvalLabel(null)).toBe('—');
    expect(approvalLabel(66.666)).toBe('67%');
  });
});
