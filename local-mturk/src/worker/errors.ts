/** Errors of the control API (worker simulation): an HTTP status, a stable code, a sentence. */
export class ControlError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ControlError';
  }
}
