/** A caller asked for something the archive refuses (a stale cursor, an illegal journal transition): carries the AppError to return. */
import { appError, type AppError, type AppErrorKind } from '../../../shared/errors';

export class ArchiveInputError extends Error {
  override readonly name = 'ArchiveInputError';
  readonly appError: AppError;
  constructor(message: string, field: string, kind: AppErrorKind = 'validation') {
    super(message);
    this.appError = appError(kind, message, { field });
  }
}
