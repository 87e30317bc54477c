/**
 * How a simulated worker answers a HIT, from its Question: a QuestionForm question by question, an HTMLQuestion from
 * its template's fields, an ExternalQuestion from the fields declared for its HIT type. Plans are built once per HIT
 * (parsing is the costly part) and then answer for any worker.
 */
import type { AnswerField } from '../../../shared/mturk/answers';
import { parseAnswerKey } from '../formats/answer-key';
import { parseMTurkXml } from '../formats/question';
import { childText } from '../formats/xml-document';
import type { OpContext } from '../ops/types';
import type { SubmittedAnswers } from '../worker/actions';
import { answerSlot, type Slot, type SlotValue } from './answer-values';
import { externalSlots } from './external-answers';
import { htmlQuestionPlan } from './html-question';
import type { CrowdMember } from './population';
import { formAnswerField, questionFormSlots } from './question-form';
import type { Random } from './random';
import type { TruthAnswers } from './truth';

export type AnswerPlan = (member: CrowdMember, random: Random, truth: TruthAnswers | undefined) => SubmittedAnswers;

/** Form-post answers: one FreeText per field, several chosen options joined with `|` (as checkbox groups post). */
function postedField(name: string, value: SlotValue): AnswerField {
  return { questionIdentifier: name, freeText: typeof value === 'string' ? value : value.join('|') };
}

function slotsPlan(slots: readonly Slot[]): AnswerPlan {
  return (member, random, truth) => slots.map((slot) => postedField(slot.name, answerSlot(slot, member, random, truth?.[slot.name])));
}

function questionFormPlan(xml: string): AnswerPlan {
  const slots = questionFormSlots(xml);
  return (member, random, truth) =>
    slots.map((formSlot) => formAnswerField(formSlot, answerSlot(formSlot.slot, member, random, truth?.[formSlot.slot.name])));
}

export function answerPlan(ctx: OpContext, question: string | null, hitTypeId: string): AnswerPlan {
  const document = parseMTurkXml(question ?? '');
  switch (document.rootName) {
    case 'QuestionForm':
      return questionFormPlan(question ?? '');
    case 'HTMLQuestion':
      return htmlQuestionPlan(childText(document.root, 'HTMLContent') ?? '');
    default:
      return slotsPlan(externalSlots(ctx, hitTypeId));
  }
}

/**
 * A qualification test answered with the worker's accuracy: the AnswerKey's best-scoring option of each question is
 * its truth. Without an AnswerKey nothing is true or false: the worker answers as it would a HIT without truth.
 */
export function answerQualificationTest(testXml: string, answerKeyXml: string | null, member: CrowdMember, random: Random): AnswerField[] {
  const truth: Record<string, readonly string[]> = {};
  if (answerKeyXml !== null) {
    for (const question of parseAnswerKey(answerKeyXml).questions) {
      const best = [...question.options].sort((a, b) => b.score - a.score)[0];
      if (best && best.score > question.defaultScore) truth[question.questionIdentifier] = best.selections;
    }
  }
  return questionFormPlan(testXml)(member, random, truth) as AnswerField[];
}
