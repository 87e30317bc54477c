/**
 * RequesterFeedback, the message a worker reads with an approval or a rejection: MTurk takes at most 1,024
 * characters (a multi-byte character counts as one) and refuses ASCII control characters other than tab, line feed
 * and carriage return.
 */
export const MAX_FEEDBACK_CHARS = 1024;

// 0–8, 11, 12, 14–31: everything below space except \t (9), \n (10) and \r (13).
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/u;

/** Why MTurk would refuse this feedback, in words; null when it is acceptable. */
export function feedbackProblem(feedback: string): string | null {
  const length = [...feedback].length;
  if (length > MAX_FEEDBACK_CHARS) return `at most ${MAX_FEEDBACK_CHARS} characters (this is ${length})`;
  const bad = FORBIDDEN.exec(feedback);
  if (bad) {
    const at = [...feedback.slice(0, bad.index)].length + 1;
    return `control character ${bad[0].charCodeAt(0)} at character ${at} is not allowed (only tab and line breaks are)`;
  }
  return null;
}
