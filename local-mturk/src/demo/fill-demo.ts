/**
 * Fills a Local MTurk with a demo requester account: the qualification types and batches of ./batches, created
 * through the MTurk API operations (as any client would), with the ground truth of the sign pictures and the fields
 * of the survey page for the simulated crowd. Then a first wave of work: the demo crowd works ten virtual minutes
 * (sign tests taken, HITs accepted and submitted) and the requester reviews part of it — approvals, a rejection, a
 * bonus, panel grants and a block — so every screen has data at once. The same crowd can keep working afterwards
 * (DEMO_CROWD, see LocalMTurk.startCrowd).
 *
 * A second fill finds the demo's HITs (by RequesterAnnotation) and adds nothing.
 */
import type { LocalControl } from '../control/control';
import {
  COMMUTE_FIELDS,
  DEMO_ANNOTATION,
  DEMO_QUALIFICATION_TYPES,
  SIGN_TEST_NAME,
  demoHits,
  signTestRequirement,
  type DemoBatchKind,
  type DemoHit,
} from './batches';
import { reviewFirstWave } from './review';

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
  /** Simulated workers of the first wave. */
  readonly workers: number;
  readonly submitted: number;
  readonly approved: number;
  readonly rejected: number;
}

/**
 * The crowd that keeps working after the first wave, at real-time pace. The population is seeded and stable by
 * index, so the first wave's workers are its first members. It has to be larger than a survey's MaxAssignments: a
 * worker answers each survey once.
 */
export const DEMO_CROWD = { workers: 120, seed: 2026, speed: 1 } as const;
/** The first wave: its workers and the virtual minutes they work before the requester's first review (the clock ends up that far ahead). */
export const DEMO_FIRST_WAVE = { workers: 30, minutes: 10 } as const;

export interface DemoOptions {
  /** Seed of the first wave's crowd (default DEMO_CROWD.seed): the same seed gives the same workers and answers. */
  readonly seed?: number;
  /** Run the first wave of work (default true); false creates the account's HITs and qualifications only. */
  readonly firstWave?: boolean;
}

/** Creates the demo account, or says it is already there. */
export async function fillDemo(target: DemoTarget, options: DemoOptions = {}): Promise<DemoSummary> {
  const existing = existingDemoHits(target.requester);
  if (existing.length > 0) return { ...summaryOf(existing), alreadyThere: true, qualificationTypes: DEMO_QUALIFICATION_TYPES.length, workers: 0, submitted: 0, approved: 0, rejected: 0 };
  const typeIds = createQualificationTypes(target.requester);
  const signTestId = typeIds.get(SIGN_TEST_NAME)!;
  const created = demoHits(target.url).map((hit) => createHit(target.requester, hit, signTestId));
  prepareCrowd(target.control, created);
  const summary = { ...summaryOf(created.map((c) => c.hit)), alreadyThere: false, qualificationTypes: typeIds.size };
  if (options.firstWave === false) return { ...summary, workers: 0, submitted: 0, approved: 0, rejected: 0 };
  const run = await target.control.simulate({ workers: DEMO_FIRST_WAVE.workers, seed: options.seed ?? DEMO_CROWD.seed, until: { minutes: DEMO_FIRST_WAVE.minutes } });
  const review = reviewFirstWave(target.requester, created, typeIds);
  return { ...summary, workers: DEMO_FIRST_WAVE.workers, submitted: run.submitted, ...review };
}

export interface CreatedHit {
  readonly spec: DemoHit;
  readonly hit: Record<string, unknown>;
  readonly hitId: string;
}

/** What the crowd needs to answer like people: the sign each picture shows, and the fields the survey page posts. */
function prepareCrowd(control: LocalControl, created: readonly CreatedHit[]): void {
  control.setTruths(Object.fromEntries(created.filter((c) => c.spec.picture).map((c) => [c.hitId, { category: c.spec.picture!.label }])));
  const commute = created.find((c) => c.spec.batch === 'commute');
  if (commute) control.declareExternalAnswers(String(commute.hit.HITTypeId), { fields: [...COMMUTE_FIELDS] });
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

