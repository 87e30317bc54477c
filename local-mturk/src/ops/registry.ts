/**
 * The operation table: the 27 HIT, assignment and money operations plus the 12 qualification operations. A test asserts it covers every
 * name in the model's OPERATION_NAMES.
 */
import { approveAssignmentOp, getAssignment, getFileUploadURL, listAssignmentsForHIT, rejectAssignmentOp } from './assignments';
import { createHIT, createHITWithHITType } from './hit-create';
import { getHIT, listHITs, listHITsForQualificationType, listReviewableHITs } from './hit-read';
import { createHITType } from './hit-types';
import {
  createAdditionalAssignmentsForHIT,
  deleteHIT,
  updateExpirationForHIT,
  updateHITReviewStatus,
  updateHITTypeOfHIT,
} from './hit-update';
import { getAccountBalance, listBonusPayments, sendBonus } from './money';
import { sendTestEventNotification, updateNotificationSettings } from './notifications';
import { qualificationOperations } from './qualifications';
import { listReviewPolicyResultsForHIT } from './review-results';
import type { OperationHandler } from './types';
import { createWorkerBlock, deleteWorkerBlock, listWorkerBlocks, notifyWorkers } from './workers';

const HIT_AND_WORK_OPERATIONS: Record<string, OperationHandler> = {
  CreateHITType: createHITType,
  CreateHIT: createHIT,
  CreateHITWithHITType: createHITWithHITType,
  GetHIT: getHIT,
  ListHITs: listHITs,
  ListReviewableHITs: listReviewableHITs,
  ListHITsForQualificationType: listHITsForQualificationType,
  DeleteHIT: deleteHIT,
  UpdateExpirationForHIT: updateExpirationForHIT,
  UpdateHITReviewStatus: updateHITReviewStatus,
  UpdateHITTypeOfHIT: updateHITTypeOfHIT,
  CreateAdditionalAssignmentsForHIT: createAdditionalAssignmentsForHIT,
  GetAssignment: getAssignment,
  ListAssignmentsForHIT: listAssignmentsForHIT,
  ApproveAssignment: approveAssignmentOp,
  RejectAssignment: rejectAssignmentOp,
  SendBonus: sendBonus,
  ListBonusPayments: listBonusPayments,
  GetAccountBalance: getAccountBalance,
  CreateWorkerBlock: createWorkerBlock,
  DeleteWorkerBlock: deleteWorkerBlock,
  ListWorkerBlocks: listWorkerBlocks,
  NotifyWorkers: notifyWorkers,
  UpdateNotificationSettings: updateNotificationSettings,
  SendTestEventNotification: sendTestEventNotification,
  GetFileUploadURL: getFileUploadURL,
  ListReviewPolicyResultsForHIT: listReviewPolicyResultsForHIT,
};

export const OPERATIONS: Readonly<Record<string, OperationHandler>> = {
  ...HIT_AND_WORK_OPERATIONS,
  ...qualificationOperations,
};
