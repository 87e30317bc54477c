/**
 * Row → wire shapes. Rules: timestamps are epoch seconds as JSON numbers, money is a two-decimal
 * string, absent members are omitted (never null).
 */
import { formatMoney } from '../../../shared/domain/money';
import type { AssignmentRow, HitView } from './rows';
import { parseJsonList } from './rows';

export const epochSeconds = (ms: number): number => ms / 1000;

/** Copies only the members that have a value. */
export function compact(members: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(members)) if (value !== null && value !== undefined) out[key] = value;
  return out;
}

export function hitToWire(hit: HitView): Record<string, unknown> {
  return compact({
    HITId: hit.hit_id,
    HITTypeId: hit.hit_type_id,
    HITGroupId: hit.hit_group_id,
    HITLayoutId: hit.hit_layout_id,
    CreationTime: epochSeconds(hit.creation_ms),
    Title: hit.title,
    Description: hit.description,
    Question: hit.question,
    Keywords: hit.keywords,
    HITStatus: hit.status,
    MaxAssignments: hit.max_assignments,
    Reward: formatMoney(hit.reward_cents),
    AutoApprovalDelayInSeconds: hit.auto_approval_delay_s,
    Expiration: epochSeconds(hit.expiration_ms),
    AssignmentDurationInSeconds: hit.assignment_duration_s,
    RequesterAnnotation: hit.requester_annotation,
    QualificationRequirements: parseJsonList(hit.qualification_requirements),
    HITReviewStatus: 'NotReviewed',
    NumberOfAssignmentsPending: hit.pending,
    NumberOfAssignmentsAvailable: hit.available,
    NumberOfAssignmentsCompleted: hit.completed,
  });
}

export function assignmentToWire(assignment: AssignmentRow): Record<string, unknown> {
  const seconds = (ms: number | null): number | undefined => (ms === null ? undefined : epochSeconds(ms));
  return compact({
    AssignmentId: assignment.assignment_id,
    WorkerId: assignment.worker_id,
    HITId: assignment.hit_id,
    AssignmentStatus: assignment.status,
    AutoApprovalTime: seconds(assignment.auto_approval_ms),
    AcceptTime: seconds(assignment.accept_ms),
    SubmitTime: seconds(assignment.submit_ms),
    ApprovalTime: seconds(assignment.approval_ms),
    RejectionTime: seconds(assignment.rejection_ms),
    Deadline: seconds(assignment.deadline_ms),
    Answer: assignment.answer,
    RequesterFeedback: assignment.requester_feedback,
  });
}
