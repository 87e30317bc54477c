import { MTurkRequestError } from '../ops/types';
import { ControlError } from '../worker/errors';

/** The status and message a refusal is shown with; undefined for anything that is not a refusal (a bug). */
export function errorStatus(error: unknown): { status: number; message: string } | undefined {
  if (error instanceof ControlError) return { status: error.status, message: error.message };
  if (error instanceof MTurkRequestError) return { status: 400, message: error.message };
  return undefined;
}
