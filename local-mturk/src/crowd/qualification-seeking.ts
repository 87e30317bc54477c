/**
 * A worker turned away by a HIT's qualification requirement asks for the requester's qualification type (as MTurk
 * workers do from the HIT page): once per type. A test is answered with the worker's accuracy (scored at once when
 * the type has an AnswerKey); otherwise the request waits for the requester (Accept/RejectQualificationRequest).
 */
import { findLiveType, findGrant, requestQualification } from '../ops/qualifications';
import { MTurkRequestError, type OpContext } from '../ops/types';
import type { QualificationRequirement } from '../rules/requirements';
import { systemQualificationType } from '../rules/system-qualifications';
import { answersXml } from '../worker/actions';
import { answerQualificationTest } from './answer-plan';
import type { CrowdMember } from './population';
import type { Random } from './random';

/** Requests every requestable type of these requirements the worker lacks and has not asked for; returns how many. */
export function seekQualifications(
  ctx: OpContext,
  member: CrowdMember,
  random: Random,
  requirements: readonly QualificationRequirement[],
  alreadyAsked: Set<string>,
): number {
  let requests = 0;
  for (const requirement of requirements) {
    const typeId = requirement.QualificationTypeId;
    if (alreadyAsked.has(typeId) || systemQualificationType(ctx.env, typeId) !== undefined) continue;
    if (requirement.Comparator === 'DoesNotExist') continue;
    const type = findLiveType(ctx, typeId);
    if (type?.status !== 'Active' || findGrant(ctx, typeId, member.workerId)?.status === 'Granted') continue;
    alreadyAsked.add(typeId);
    const answers = type.test === null ? undefined : answersXml(answerQualificationTest(type.test, type.answer_key, member, random));
    try {
      requestQualification(ctx, member.workerId, typeId, answers);
      requests += 1;
    } catch (error) {
      // Retake rules (one request ever, retry delays) are the type's to enforce; the worker simply moves on.
      if (!(error instanceof MTurkRequestError)) throw error;
    }
  }
  return requests;
}
