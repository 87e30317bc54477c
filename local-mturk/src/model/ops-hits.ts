/** Input shapes of the HIT and HIT-type operations. */
import {
  ASSIGNMENT_DURATION,
  AUTO_APPROVAL_DELAY,
  CURRENCY_AMOUNT,
  DESCRIPTION,
  ENTITY_ID,
  IDEMPOTENCY_TOKEN,
  KEYWORDS,
  LIFETIME,
  MAX_ASSIGNMENTS,
  PAGINATION_TOKEN,
  REQUESTER_ANNOTATION,
  RESULT_SIZE,
  REVIEWABLE_HIT_STATUS,
  REVIEW_POLICY_LEVEL,
  TITLE,
  XML_DOCUMENT,
  bool,
  list,
  struct,
  timestamp,
  type StructureCheck,
  type StructureShape,
} from './shapes';
import { HIT_LAYOUT_PARAMETER, NOTIFICATION_SPECIFICATION, QUALIFICATION_REQUIREMENTS, REVIEW_POLICY } from './structures';

/** "Either a Question or a HITLayoutId must be provided", and not both. */
const questionXorLayout: StructureCheck = (v) => {
  const hasQuestion = v.Question !== undefined;
  const hasLayout = v.HITLayoutId !== undefined;
  if (hasQuestion === hasLayout)
    return {
      member: 'Question',
      message: hasQuestion
        ? 'Question and HITLayoutId cannot both be provided'
        : 'Either a Question or a HITLayoutId must be provided',
    };
  return null;
};

const perHitMembers = {
  Question: XML_DOCUMENT,
  RequesterAnnotation: REQUESTER_ANNOTATION,
  UniqueRequestToken: IDEMPOTENCY_TOKEN,
  AssignmentReviewPolicy: REVIEW_POLICY,
  HITReviewPolicy: REVIEW_POLICY,
  HITLayoutId: ENTITY_ID,
  HITLayoutParameters: list(HIT_LAYOUT_PARAMETER),
};

const hitTypeMembers = {
  AutoApprovalDelayInSeconds: AUTO_APPROVAL_DELAY,
  AssignmentDurationInSeconds: ASSIGNMENT_DURATION,
  Reward: CURRENCY_AMOUNT,
  Title: TITLE,
  Keywords: KEYWORDS,
  Description: DESCRIPTION,
  QualificationRequirements: QUALIFICATION_REQUIREMENTS,
};

const hitIdOnly = struct({ HITId: ENTITY_ID }, ['HITId']);

export const HIT_OPERATIONS: Readonly<Record<string, StructureShape>> = {
  CreateHIT: struct(
    { MaxAssignments: MAX_ASSIGNMENTS, LifetimeInSeconds: LIFETIME, ...hitTypeMembers, ...perHitMembers },
    ['LifetimeInSeconds', 'AssignmentDurationInSeconds', 'Reward', 'Title', 'Description'],
    [questionXorLayout],
  ),
  CreateHITType: struct(hitTypeMembers, ['AssignmentDurationInSeconds', 'Reward', 'Title', 'Description']),
  CreateHITWithHITType: struct(
    { HITTypeId: ENTITY_ID, MaxAssignments: MAX_ASSIGNMENTS, LifetimeInSeconds: LIFETIME, ...perHitMembers },
    ['HITTypeId', 'LifetimeInSeconds'],
    [questionXorLayout],
  ),
  DeleteHIT: hitIdOnly,
  GetHIT: hitIdOnly,
  ListHITs: struct({ NextToken: PAGINATION_TOKEN, MaxResults: RESULT_SIZE }),
  ListHITsForQualificationType: struct(
    { QualificationTypeId: ENTITY_ID, NextToken: PAGINATION_TOKEN, MaxResults: RESULT_SIZE },
    ['QualificationTypeId'],
  ),
  ListReviewPolicyResultsForHIT: struct(
    {
      HITId: ENTITY_ID,
      PolicyLevels: list(REVIEW_POLICY_LEVEL),
      RetrieveActions: bool,
      RetrieveResults: bool,
      NextToken: PAGINATION_TOKEN,
      MaxResults: RESULT_SIZE,
    },
    ['HITId'],
  ),
  ListReviewableHITs: struct({
    HITTypeId: ENTITY_ID,
    Status: REVIEWABLE_HIT_STATUS,
    NextToken: PAGINATION_TOKEN,
    MaxResults: RESULT_SIZE,
  }),
  UpdateExpirationForHIT: struct({ HITId: ENTITY_ID, ExpireAt: timestamp }, ['HITId', 'ExpireAt']),
  UpdateHITReviewStatus: struct({ HITId: ENTITY_ID, Revert: bool }, ['HITId']),
  UpdateHITTypeOfHIT: struct({ HITId: ENTITY_ID, HITTypeId: ENTITY_ID }, ['HITId', 'HITTypeId']),
  UpdateNotificationSettings: struct(
    { HITTypeId: ENTITY_ID, Notification: NOTIFICATION_SPECIFICATION, Active: bool },
    ['HITTypeId'],
    [
      (v) =>
        v.Notification === undefined && v.Active === undefined
          ? { member: 'Notification', message: 'Either Notification or Active must be provided' }
          : null,
    ],
  ),
};
