/**
 * The twelve qualification operations, plus the worker-side entry point the control API uses.
 */
import { qualificationGrantOperations } from './qualifications-grants';
import { qualificationRequestOperations } from './qualifications-requests';
import { qualificationTypeOperations } from './qualifications-types';
import type { OperationHandler } from './types';

export { requestQualification, type RequestOutcome } from './qualifications-requests';
export { findGrant, findLiveType, upsertGrant, type GrantRow, type QualificationTypeRow } from './qualifications-store';

export const qualificationOperations: Readonly<Record<string, OperationHandler>> = {
  ...qualificationTypeOperations,
  ...qualificationGrantOperations,
  ...qualificationRequestOperations,
};
