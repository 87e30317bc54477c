/**
 * In-process Local MTurk for crowd tests: the app without HTTP (30 seeds of simulation stay fast), MTurk operations
 * called through the same registry and transaction as the wire API, and QuestionForm builders.
 */
import { LocalMTurkApp } from '../src/app';
import { createControl, type LocalControl } from '../src/control/control';
import { OPERATIONS } from '../src/ops/registry';

export interface CrowdTestApp {
  app: LocalMTurkApp;
  control: LocalControl;
  requester: string;
  call<T = Record<string, unknown>>(operation: string, input: Record<string, unknown>): T;
  createHit(input: Record<string, unknown>): string;
}

export function crowdTestApp(): CrowdTestApp {
  const app = new LocalMTurkApp({ credentials: [], env: 'sandbox', startingBalanceCents: 100_000_000, verifySignatures: true });
  const requester = app.credentials[0]?.accessKeyId ?? '';
  const call = <T,>(operation: string, input: Record<string, unknown>): T => {
    const handler = OPERATIONS[operation];
    if (!handler) throw new Error(`No operation ${operation}`);
    const ctx = app.context(requester);
    return app.transact(ctx, () => handler(input, ctx)) as T;
  };
  const createHit = (input: Record<string, unknown>): string =>
    call<{ HIT: { HITId: string } }>('CreateHIT', {
      Title: 'Label an image',
      Description: 'Say what the picture shows',
      Reward: '0.05',
      AssignmentDurationInSeconds: 600,
      LifetimeInSeconds: 7200,
      AutoApprovalDelayInSeconds: 3 * 86_400,
      MaxAssignments: 3,
      ...input,
    }).HIT.HITId;
  return { app, control: createControl(app), requester, call, createHit };
}

const QF_NS = 'http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2017-11-06/QuestionForm.xsd';

export function selectionQuestion(id: string, options: readonly string[], min = 1, max = 1): string {
  const selections = options.map((o) => `<Selection><SelectionIdentifier>${o}</SelectionIdentifier><Text>${o}</Text></Selection>`).join('');
  return `<Question><QuestionIdentifier>${id}</QuestionIdentifier><QuestionContent><Text>${id}?</Text></QuestionContent>
    <AnswerSpecification><SelectionAnswer><MinSelectionCount>${min}</MinSelectionCount><MaxSelectionCount>${max}</MaxSelectionCount>
    <Selections>${selections}</Selections></SelectionAnswer></AnswerSpecification></Question>`;
}

export function freeTextQuestion(id: string, constraints = ''): string {
  return `<Question><QuestionIdentifier>${id}</QuestionIdentifier><QuestionContent><Text>${id}?</Text></QuestionContent>
    <AnswerSpecification><FreeTextAnswer>${constraints ? `<Constraints>${constraints}</Constraints>` : ''}</FreeTextAnswer></AnswerSpecification></Question>`;
}

export const questionForm = (...questions: string[]): string => `<QuestionForm xmlns="${QF_NS}">${questions.join('')}</QuestionForm>`;

export const ANIMALS = ['cat', 'dog', 'bird', 'fish'] as const;
