/**
 * Fills a Local MTurk with a demo requester account: the qualification types and batches of ./batches, created
 * through the MTurk API operations (as any client would), then a first wave of work from a small crowd — sign tests
 * taken, HITs accepted and submitted, some of it reviewed, a bonus, a grant and a block — so every screen has data.
 *
 * A second fill finds the demo's HITs (by RequesterAnnotation) and adds nothing.
 */
import type { LocalControl, WorkerAttributes } from '../control/control';
import { commuteAnswers, seededRandom, shoppingAnswers, signAnswer, signTestAnswers, type Random } from './answers';
import {
  DEMO_ANNOTATION,
  DEMO_QUALIFICATION_TYPES,
  PANEL_QUALIFICATION_NAME,
  SIGN_TEST_NAME,
  SIGN_TEST_PASS_PERCENT,
  demoHits,
  signTestRequirement,
  type DemoBatchKind,
  type DemoHit,
} from './batches';

/** The requester side of the MTurk API, in-process: the same validation and operations as the wire. */
export interface RequesterApi {
  call(operation: string, input?: Record<string, unknown>): Record<string, unknown>;
}

export interface DemoTarget {
  /** Where this Local MTurk serves /demo/ (its http://127.0.0.1:PORT). */
  readonly url: string;
  readonly requester: RequesterApi;
  readonly control: LocalControl;
}

export interface DemoSummary {
  /** True when the demo was there already and nothing was added. */
  readonly alreadyThere: boolean;
  readonly qualificationTypes: number;
  readonly hits: number;
  readonly batches: readonly { readonly kind: DemoBatchKind; readonly title: string; readonly hits: number; readonly hitTypeId: string }[];
  /** Simulated workers created for the first wave of work. */
  readonly workers: number;
  readonly submitted: number;
  readonly approved: number;
  readonly rejected: number;
}

export interface DemoOptions {
  /** Seed of the answers' randomness (default 1): the same seed gives the same answers. */
  readonly seed?: number;
  /** Run the first wave of work (default true); false creates the account's HITs and qualifications only. */
  readonly firstWave?: boolean;
}

/** Creates the demo account, or says it is already there. */
export function fillDemo(target: DemoTarget, options: DemoOptions = {}): DemoSummary {
  const existing = existingDemoHits(target.requester);
  if (existing.length > 0) return { ...summaryOf(existing), alreadyThere: true, qualificationTypes: DEMO_QUALIFICATION_TYPES.length, workers: 0, submitted: 0, approved: 0, rejected: 0 };
  const typeIds = createQualificationTypes(target.requester);
  const signTestId = typeIds.get(SIGN_TEST_NAME)!;
  const created = demoHits(target.url).map((hit) => createHit(target.requester, hit, signTestId));
  const wave = options.firstWave === false ? NO_WORK : firstWave(target, created, typeIds, seededRandom(options.seed ?? 1));
  return { ...summaryOf(created.map((c) => c.hit)), alreadyThere: false, qualificationTypes: typeIds.size, ...wave };
}

interface CreatedHit {
  readonly spec: DemoHit;
  readonly hit: Record<string, unknown>;
  readonly hitId: string;
}

function summaryOf(hits: readonly Record<string, unknown>[]): Pick<DemoSummary, 'hits' | 'batches'> {
  const batches = new Map<DemoBatchKind, { kind: DemoBatchKind; title: string; hits: number; hitTypeId: string }>();
  for (const hit of hits) {
    const kind = String(hit.RequesterAnnotation).split(':')[1] as DemoBatchKind;
    const batch = batches.get(kind) ?? { kind, title: String(hit.Title), hits: 0, hitTypeId: String(hit.HITTypeId) };
    batches.set(kind, { ...batch, hits: batch.hits + 1 });
  }
  return { hits: hits.length, batches: [...batches.values()] };
}

function existingDemoHits(requester: RequesterApi): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  let nextToken: string | undefined;
  do {
    const page = requester.call('ListHITs', { MaxResults: 100, ...(nextToken ? { NextToken: nextToken } : {}) });
    const hits = (page.HITs as Record<string, unknown>[] | undefined) ?? [];
    found.push(...hits.filter((hit) => String(hit.RequesterAnnotation ?? '').startsWith(`${DEMO_ANNOTATION}:`)));
    nextToken = page.NextToken as string | undefined;
  } while (nextToken);
  return found;
}

/** Reuses a type of the same name (left by a fill that stopped half-way): MTurk refuses a second one anyway. */
function createQualificationTypes(requester: RequesterApi): Map<string, string> {
  const ids = new Map<string, string>();
  for (const spec of DEMO_QUALIFICATION_TYPES) {
    const listed = requester.call('ListQualificationTypes', { MustBeRequestable: false, MustBeOwnedByCaller: true, Query: spec.Name, MaxResults: 100 });
    const same = ((listed.QualificationTypes as Record<string, unknown>[] | undefined) ?? []).find((t) => t.Name === spec.Name);
    const type = same ?? (requester.call('CreateQualificationType', { ...spec }).QualificationType as Record<string, unknown>);
    ids.set(spec.Name, String(type.QualificationTypeId));
  }
  return ids;
}

function createHit(requester: RequesterApi, spec: DemoHit, signTestId: string): CreatedHit {
  const requirements = spec.batch === 'signs' ? { QualificationRequirements: [signTestRequirement(signTestId)] } : {};
  const hit = requester.call('CreateHIT', { ...spec.input, ...requirements }).HIT as Record<string, unknown>;
  return { spec, hit, hitId: String(hit.HITId) };
}

// ---------------------------------------------------------------------------------------------------------------
// The first wave of work

type WaveSummary = Pick<DemoSummary, 'workers' | 'submitted' | 'approved' | 'rejected'>;
const NO_WORK: WaveSummary = { workers: 0, submitted: 0, approved: 0, rejected: 0 };

const CROWD_COUNTRIES = ['US', 'US', 'IN', 'US', 'GB', 'CA', 'US', 'IN', 'PH', 'US', 'DE', 'US', 'BR', 'US'] as const;
/** The worker who fails the sign test. */
const FAILS_TEST = 5;
/** A labeller who passed the test but rushes the HITs: the source of the demo's rejection. */
const CARELESS_LABELLER = 2;

const SECOND = 1000;

function firstWave(target: DemoTarget, created: readonly CreatedHit[], typeIds: ReadonlyMap<string, string>, random: Random): WaveSummary {
  const { control, requester } = target;
  const workers = CROWD_COUNTRIES.map((country, index) =>
    control.createWorker({ country, approvalRatePercent: 95 + (index % 5), hitsApproved: 300 + index * 457 }),
  );
  const labellers = takeSignTest(control, workers, typeIds.get(SIGN_TEST_NAME)!, random);
  const ofBatch = (kind: DemoBatchKind): CreatedHit[] => created.filter((c) => c.spec.batch === kind);

  // Surveys take minutes: accepted first, submitted after the quick sign HITs. The clock moves a few seconds per
  // submission (a few minutes in all), so working times differ without putting the account far ahead of real time.
  const shopping = workers.slice(0, 12).map((w) => control.accept(w.workerId, ofBatch('shopping')[0]!.hitId));
  const commute = workers.slice(3, 11).map((w) => control.accept(w.workerId, ofBatch('commute')[0]!.hitId));

  const submittedSigns: { assignmentId: string; correct: boolean }[] = [];
  ofBatch('signs').forEach((hit, index) => {
    // The first HITs are done in full, a few more in part, the rest wait for the crowd.
    const slots = index < 6 ? 3 : index < 9 ? 1 + (index % 2) : 0;
    for (let slot = 0; slot < slots; slot++) {
      const worker = labellers[(index + slot) % labellers.length]!;
      const accepted = control.accept(worker.workerId, hit.hitId);
      control.advanceClock((3 + Math.floor(random() * 6)) * SECOND);
      const answers = signAnswer(random, hit.spec.picture!.label, worker === labellers[CARELESS_LABELLER] ? 0.4 : 0.92);
      control.submit(accepted.AssignmentId, answers);
      submittedSigns.push({ assignmentId: accepted.AssignmentId, correct: String(answers.taskAnswers).includes(`"${hit.spec.picture!.label}"`) });
    }
  });
  for (const accepted of shopping) {
    control.advanceClock((2 + Math.floor(random() * 5)) * SECOND);
    control.submit(accepted.AssignmentId, shoppingAnswers(random));
  }
  for (const accepted of commute) {
    control.advanceClock((2 + Math.floor(random() * 5)) * SECOND);
    control.submit(accepted.AssignmentId, commuteAnswers(random));
  }

  // Review part of it, as a requester would on the first day.
  let approved = 0;
  let rejected = 0;
  for (const sign of submittedSigns.slice(0, 12)) {
    if (sign.correct) {
      requester.call('ApproveAssignment', { AssignmentId: sign.assignmentId, RequesterFeedback: 'Thanks!' });
      approved++;
    } else if (rejected === 0) {
      requester.call('RejectAssignment', { AssignmentId: sign.assignmentId, RequesterFeedback: 'The picture shows a different sign; please read the instructions.' });
      rejected++;
    }
  }
  for (const accepted of shopping.slice(0, 8)) {
    requester.call('ApproveAssignment', { AssignmentId: accepted.AssignmentId });
    approved++;
  }
  const thorough = commute[0]!;
  requester.call('ApproveAssignment', { AssignmentId: thorough.AssignmentId, RequesterFeedback: 'Very helpful answers, thank you.' });
  approved++;
  requester.call('SendBonus', {
    WorkerId: thorough.WorkerId,
    AssignmentId: thorough.AssignmentId,
    BonusAmount: '0.50',
    Reason: 'Thank you for the detailed suggestions in our transport survey.',
    UniqueRequestToken: `${DEMO_ANNOTATION}-bonus-1`,
  });
  for (const accepted of commute.slice(0, 4)) {
    requester.call('AssociateQualificationWithWorker', {
      QualificationTypeId: typeIds.get(PANEL_QUALIFICATION_NAME)!,
      WorkerId: accepted.WorkerId,
      IntegerValue: 1,
      SendNotification: false,
    });
  }
  requester.call('CreateWorkerBlock', { WorkerId: workers[FAILS_TEST]!.workerId, Reason: 'Submitted the same answer to every question in an earlier study.' });
  return { workers: workers.length, submitted: submittedSigns.length + shopping.length + commute.length, approved, rejected };
}

/** Every worker takes the sign test; those it grants a pass label signs. */
function takeSignTest(control: LocalControl, workers: readonly WorkerAttributes[], typeId: string, random: Random): WorkerAttributes[] {
  return workers.filter((worker, index) => {
    const outcome = control.requestQualification(worker.workerId, typeId, signTestAnswers(random, index === FAILS_TEST));
    return outcome.outcome === 'Granted' && outcome.integerValue >= SIGN_TEST_PASS_PERCENT;
  });
}
