/**
 * Input shapes of the assignment, bonus, worker, notification and account operations
 *.
 */
import {
  ASSIGNMENT_STATUS,
  CURRENCY_AMOUNT,
  CUSTOMER_ID,
  ENTITY_ID,
  EVENT_TYPES,
  IDEMPOTENCY_TOKEN,
  PAGINATION_TOKEN,
  REQUESTER_FEEDBACK,
  RESULT_SIZE,
  bool,
  int,
  list,
  str,
  struct,
  type StructureShape,
} from './shapes';
import { NOTIFICATION_SPECIFICATION } from './structures';

/** MTurk's own words for a missing or malformed WorkerId of a block or unblock. */
const WORKER_ID_INVALID = { WorkerId: 'WorkerId is invalid.' };

export const WORK_OPERATIONS: Readonly<Record<string, StructureShape>> = {
  ApproveAssignment: struct(
    { AssignmentId: ENTITY_ID, RequesterFeedback: REQUESTER_FEEDBACK, OverrideRejection: bool },
    ['AssignmentId'],
  ),
  RejectAssignment: struct({ AssignmentId: ENTITY_ID, RequesterFeedback: REQUESTER_FEEDBACK }, [
    'AssignmentId',
    'RequesterFeedback',
  ]),
  CreateAdditionalAssignmentsForHIT: struct(
    {
      HITId: ENTITY_ID,
      // Legacy ExtendHIT allowed 1..1,000,000,000.
      NumberOfAdditionalAssignments: int({ min: 1, max: 1_000_000_000 }),
      UniqueRequestToken: IDEMPOTENCY_TOKEN,
    },
    ['HITId', 'NumberOfAdditionalAssignments'],
  ),
  GetAssignment: struct({ AssignmentId: ENTITY_ID }, ['AssignmentId']),
  GetFileUploadURL: struct({ AssignmentId: ENTITY_ID, QuestionIdentifier: str() }, [
    'AssignmentId',
    'QuestionIdentifier',
  ]),
  ListAssignmentsForHIT: struct(
    {
      HITId: ENTITY_ID,
      NextToken: PAGINATION_TOKEN,
      MaxResults: RESULT_SIZE,
      AssignmentStatuses: list(ASSIGNMENT_STATUS),
    },
    ['HITId'],
  ),
  ListBonusPayments: struct(
    { HITId: ENTITY_ID, AssignmentId: ENTITY_ID, NextToken: PAGINATION_TOKEN, MaxResults: RESULT_SIZE },
    [],
    [
      (v) =>
        v.HITId === undefined && v.AssignmentId === undefined
          ? { member: 'HITId', message: 'Either HITId or AssignmentId must be provided' }
          : null,
    ],
  ),
  SendBonus: struct(
    {
      WorkerId: CUSTOMER_ID,
      BonusAmount: CURRENCY_AMOUNT,
      AssignmentId: ENTITY_ID,
      Reason: str(),
      UniqueRequestToken: IDEMPOTENCY_TOKEN,
    },
    ['WorkerId', 'BonusAmount', 'AssignmentId', 'Reason'],
  ),
  CreateWorkerBlock: struct({ WorkerId: CUSTOMER_ID, Reason: str() }, ['WorkerId', 'Reason'], [], WORKER_ID_INVALID),
  DeleteWorkerBlock: struct({ WorkerId: CUSTOMER_ID, Reason: str() }, ['WorkerId'], [], WORKER_ID_INVALID),
  ListWorkerBlocks: struct({ NextToken: PAGINATION_TOKEN, MaxResults: RESULT_SIZE }),
  NotifyWorkers: struct(
    {
      Subject: str({ min: 1, max: 200 }),
      MessageText: str({ min: 1, max: 4096 }),
      WorkerIds: list(CUSTOMER_ID, { min: 1, max: 100 }),
    },
    ['Subject', 'MessageText', 'WorkerIds'],
  ),
  SendTestEventNotification: struct(
    { Notification: NOTIFICATION_SPECIFICATION, TestEventType: str({ enum: EVENT_TYPES }) },
    ['Notification', 'TestEventType'],
  ),
  GetAccountBalance: struct({}),
};
