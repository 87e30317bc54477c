/**
 * The contract's zod schemas as a check any caller can run: the transports run it in `dispatch`, and services whose
 * inputs also come from the CLI (which calls them directly) run it on the part that carries limits.
 */
import type { z } from 'zod';
import { appError } from '../../shared/errors';
import { err, ok, type Result } from '../../shared/result';

function namesItsField(issue: z.core.$ZodIssue): boolean {
  const field = issue.path.at(-1);
  return typeof field === 'string' && issue.message.toLowerCase().startsWith(`${field.toLowerCase()}: `);
}

/** `what` names the input in the message, e.g. the method ("hits.planManage"). */
export function checkInput<T>(schema: z.ZodType<T>, input: unknown, what: string): Result<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  const field = issue?.path.map(String).join('.') ?? '';
  const where = field ? ` (field "${field}")` : '';
  // Messages written for a form ("Label: use at most 80 characters") already name their field.
  const message = issue && namesItsField(issue) ? `${issue.message}.` : `Invalid input for ${what}${where}: ${issue?.message ?? 'rejected'}.`;
  return err(appError('validation', message, { field }));
}
