/**
 * What a compensation sends, built without side effects: its deterministic id (the same workers, amount and reason on
 * the same account are the same compensation, so repeating the command pays nobody twice), the HIT's words and
 * question, the message, and the journal token of each step.
 */
import { createHash } from 'node:crypto';
import { displayMoney } from '../../../shared/domain/money';

/** How long the HIT stays open: long enough for a worker who checks MTurk weekly. */
export const COMPENSATION_LIFETIME_S = 14 * 86_400;
export const COMPENSATION_DURATION_S = 3_600;
/** Approved by Turkbench at the next settle; MTurk's own auto-approval is the backstop. */
export const COMPENSATION_AUTO_APPROVE_S = 86_400;

export function compensationId(archiveId: number, workerIds: readonly string[], amountCents: number, reason: string): string {
  const key = JSON.stringify([archiveId, [...workerIds].sort(), amountCents, reason]);
  return `c${createHash('sha256').update(key).digest('hex').slice(0, 12)}`;
}

export const qualificationName = (id: string): string => `Turkbench compensation ${id}`;

export const stepToken = {
  qualification: (id: string) => `${id}:qualification`,
  grant: (id: string, workerId: string) => `${id}:grant:${workerId}`,
  hit: (id: string) => `${id}:hit`,
  notify: (id: string) => `${id}:notify`,
  approve: (id: string, assignmentId: string) => `${id}:approve:${assignmentId}`,
};

/** The token of the nth attempt at a step: a step MTurk refused is sent again under a new token, never the same one. */
export const attemptToken = (token: string, attempt: number): string => (attempt > 1 ? `${token}#${attempt}` : token);

const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function hitWords(amountCents: number, reason: string): { title: string; description: string; question: string } {
  const title = `Compensation: ${displayMoney(amountCents)} for work you could not submit`;
  const description = `Only for the workers it was made for. ${reason}`.slice(0, 2000);
  // The reason is the requester's own text; escaped so it stays text inside the worker's page.
  const html = `<!DOCTYPE html><html><body><form name="mturk_form" method="post" action="https://www.mturk.com/mturk/externalSubmit">
<input type="hidden" name="assignmentId" value=""/>
<p>This HIT pays you ${displayMoney(amountCents)} for: ${escapeHtml(reason)}</p>
<p><label><input type="checkbox" name="confirm" value="yes" required/> I confirm this is me.</label></p>
<input type="submit" value="Submit"/></form></body></html>`;
  const question = `<HTMLQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2011-11-11/HTMLQuestion.xsd"><HTMLContent><![CDATA[${html}]]></HTMLContent><FrameHeight>400</FrameHeight></HTMLQuestion>`;
  return { title, description, question };
}

export function noticeSubject(amountCents: number): string {
  return `A ${displayMoney(amountCents)} compensation HIT is waiting for you`;
}
