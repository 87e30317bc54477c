/** Input shapes of the twelve qualification operations. */
import {
  CUSTOMER_ID,
  ENTITY_ID,
  PAGINATION_TOKEN,
  QUALIFICATION_STATUS,
  QUALIFICATION_TYPE_STATUS,
  RESULT_SIZE,
  XML_DOCUMENT,
  bool,
  int,
  long,
  str,
  struct,
  type StructureShape,
} from './shapes';

// Test duration and retry delay: the model gives no bounds; reject negatives (a negative duration is meaningless).
const SECONDS = long({ min: 0 });

export const QUALIFICATION_OPERATIONS: Readonly<Record<string, StructureShape>> = {
  CreateQualificationType: struct(
    {
      Name: str({ min: 1 }),
      Keywords: str({ max: 1000 }),
      Description: str({ min: 1, max: 2000 }),
      QualificationTypeStatus: QUALIFICATION_TYPE_STATUS,
      RetryDelayInSeconds: SECONDS,
      Test: XML_DOCUMENT,
      AnswerKey: XML_DOCUMENT,
      TestDurationInSeconds: SECONDS,
      AutoGranted: bool,
      AutoGrantedValue: int(),
    },
    ['Name', 'Description', 'QualificationTypeStatus'],
  ),
  UpdateQualificationType: struct(
    {
      QualificationTypeId: ENTITY_ID,
      Description: str({ max: 2000 }),
      QualificationTypeStatus: QUALIFICATION_TYPE_STATUS,
      Test: XML_DOCUMENT,
      AnswerKey: XML_DOCUMENT,
      TestDurationInSeconds: SECONDS,
      RetryDelayInSeconds: SECONDS,
      AutoGranted: bool,
      AutoGrantedValue: int(),
    },
    ['QualificationTypeId'],
  ),
  GetQualificationType: struct({ QualificationTypeId: ENTITY_ID }, ['QualificationTypeId']),
  DeleteQualificationType: struct({ QualificationTypeId: ENTITY_ID }, ['QualificationTypeId']),
  ListQualificationTypes: struct(
    {
      Query: str(),
      MustBeRequestable: bool,
      MustBeOwnedByCaller: bool,
      NextToken: PAGINATION_TOKEN,
      MaxResults: RESULT_SIZE,
    },
    ['MustBeRequestable'],
  ),
  AcceptQualificationRequest: struct({ QualificationRequestId: str(), IntegerValue: int() }, ['QualificationRequestId']),
  RejectQualificationRequest: struct({ QualificationRequestId: str(), Reason: str() }, ['QualificationRequestId']),
  ListQualificationRequests: struct({
    QualificationTypeId: ENTITY_ID,
    NextToken: PAGINATION_TOKEN,
    MaxResults: RESULT_SIZE,
  }),
  AssociateQualificationWithWorker: struct(
    { QualificationTypeId: ENTITY_ID, WorkerId: CUSTOMER_ID, IntegerValue: int(), SendNotification: bool },
    ['QualificationTypeId', 'WorkerId'],
  ),
  DisassociateQualificationFromWorker: struct(
    { WorkerId: CUSTOMER_ID, QualificationTypeId: ENTITY_ID, Reason: str() },
    ['WorkerId', 'QualificationTypeId'],
  ),
  GetQualificationScore: struct({ QualificationTypeId: ENTITY_ID, WorkerId: CUSTOMER_ID }, [
    'QualificationTypeId',
    'WorkerId',
  ]),
  ListWorkersWithQualificationType: struct(
    { QualificationTypeId: ENTITY_ID, Status: QUALIFICATION_STATUS, NextToken: PAGINATION_TOKEN, MaxResults: RESULT_SIZE },
    ['QualificationTypeId'],
  ),
};
