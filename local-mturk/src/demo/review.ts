/**
 * The requester's first review of the demo's first wave, through the MTurk API, as a careful requester would do it on
 * day one: the labels of the first sign HITs checked against their pictures (right → approved, wrong → rejected with
 * feedback), part of the shopping survey approved, the first commute response approved with a bonus, panel grants for
 * the commute respondents, and a block for a worker whose label was wrong. The rest stays Submitted, to review in the app.
 */
import { parseQuestionFormAnswers, TASK_ANSWERS_IDENTIFIER } from '../../../shared/mturk/answers';
import { DEMO_ANNOTATION, PANEL_QUALIFICATION_NAME, type DemoBatchKind } from './batches';
import type { CreatedHit, RequesterApi } from './fill-demo';

const SIGN_HITS_REVIEWED = 6;
const SHOPPING_APPROVED = 10;
const PANEL_GRANTS = 4;

interface Submitted {
  readonly AssignmentId: string;
  readonly WorkerId: string;
  readonly Answer: string;
}

function submittedOf(requester: RequesterApi, hitId: string): Submitted[] {
  const page = requester.call('ListAssignmentsForHIT', { HITId: hitId, AssignmentStatuses: ['Submitted'], MaxResults: 100 });
  return (page.Assignments as Submitted[] | undefined) ?? [];
}

/** The label a crowd-classifier answer carries (`taskAnswers` = [{"category": {"label": …}}]), or null. */
export function classifierLabel(answerXml: string): string | null {
  const field = parseQuestionFormAnswers(answerXml).find((a) => a.questionIdentifier === TASK_ANSWERS_IDENTIFIER);
  try {
    const parsed = JSON.parse(field?.freeText ?? '') as { category?: { label?: unknown } }[];
    const label = parsed[0]?.category?.label;
    return typeof label === 'string' ? label : null;
  } catch {
    return null;
  }
}

export function reviewFirstWave(requester: RequesterApi, created: readonly CreatedHit[], typeIds: ReadonlyMap<string, string>): { approved: number; rejected: number } {
  const ofBatch = (kind: DemoBatchKind): CreatedHit[] => created.filter((c) => c.spec.batch === kind);
  let approved = 0;
  let rejected = 0;
  const wrongLabellers: string[] = [];

  for (const hit of ofBatch('signs').slice(0, SIGN_HITS_REVIEWED)) {
    for (const work of submittedOf(requester, hit.hitId)) {
      if (classifierLabel(work.Answer) === hit.spec.picture!.label) {
        requester.call('ApproveAssignment', { AssignmentId: work.AssignmentId, RequesterFeedback: 'Thanks!' });
        approved++;
      } else {
        requester.call('RejectAssignment', { AssignmentId: work.AssignmentId, RequesterFeedback: 'The picture shows a different sign; please read the instructions.' });
        rejected++;
        wrongLabellers.push(work.WorkerId);
      }
    }
  }

  for (const hit of ofBatch('shopping')) {
    for (const work of submittedOf(requester, hit.hitId).slice(0, SHOPPING_APPROVED)) {
      requester.call('ApproveAssignment', { AssignmentId: work.AssignmentId });
      approved++;
    }
  }

  for (const hit of ofBatch('commute')) {
    const responses = submittedOf(requester, hit.hitId);
    const first = responses[0];
    if (first) {
      requester.call('ApproveAssignment', { AssignmentId: first.AssignmentId, RequesterFeedback: 'Very helpful answers, thank you.' });
      approved++;
      requester.call('SendBonus', {
        WorkerId: first.WorkerId,
        AssignmentId: first.AssignmentId,
        BonusAmount: '0.50',
        Reason: 'Thank you for the detailed suggestions in our transport survey.',
        UniqueRequestToken: `${DEMO_ANNOTATION}-bonus-${first.AssignmentId}`,
      });
    }
    for (const work of responses.slice(0, PANEL_GRANTS)) {
      requester.call('AssociateQualificationWithWorker', {
        QualificationTypeId: typeIds.get(PANEL_QUALIFICATION_NAME)!,
        WorkerId: work.WorkerId,
        IntegerValue: 1,
        SendNotification: false,
      });
    }
  }

  const [blocked] = wrongLabellers;
  if (blocked) requester.call('CreateWorkerBlock', { WorkerId: blocked, Reason: 'Labels that do not match the pictures in our sign labelling batch.' });
  return { approved, rejected };
}
