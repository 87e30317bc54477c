import {
  CreateAdditionalAssignmentsForHITCommand,
  CreateHITTypeCommand,
  CreateHITWithHITTypeCommand,
  DeleteHITCommand,
  GetHITCommand,
  ListHITsCommand,
  ListHITsForQualificationTypeCommand,
  ListReviewableHITsCommand,
  UpdateExpirationForHITCommand,
  UpdateHITReviewStatusCommand,
  UpdateHITTypeOfHITCommand,
  type MTurkClient,
} from '@aws-sdk/client-mturk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LocalMTurk } from '../src/index';
import { EXTERNAL_QUESTION, clientFor, createHit, rejection, startTestServer } from './helpers';

let server: LocalMTurk;
let client: MTurkClient;
beforeEach(async () => ({ server, client } = await startTestServer()));
afterEach(() => server.close());

const hitType = {
  Title: 'Transcribe a receipt',
  Description: 'Type the total',
  Reward: '0.25',
  AssignmentDurationInSeconds: 300,
  Keywords: 'receipt, transcription',
};

const getHit = async (hitId: string) => (await client.send(new GetHITCommand({ HITId: hitId }))).HIT!;

describe('HIT types', () => {
  it('returns the same HITTypeId for the same defining properties, money normalised', async () => {
    const a = await client.send(new CreateHITTypeCommand({ ...hitType, Reward: '0.5' }));
    const b = await client.send(new CreateHITTypeCommand({ ...hitType, Reward: '0.50' }));
    const c = await client.send(new CreateHITTypeCommand({ ...hitType, Reward: '0.51' }));
    expect(a.HITTypeId).toMatch(/^3[A-Z0-9]{29}$/);
    expect(b.HITTypeId).toBe(a.HITTypeId);
    expect(c.HITTypeId).not.toBe(a.HITTypeId);
  });

  it('groups CreateHIT into the matching type and gives a separate HITGroupId', async () => {
    const { HITTypeId } = await client.send(new CreateHITTypeCommand({ ...hitType, AutoApprovalDelayInSeconds: 2_592_000 }));
    const hit = await createHit(client, { ...hitType });
    expect(hit.HITTypeId).toBe(HITTypeId);
    expect(hit.HITGroupId).toMatch(/^3[A-Z0-9]{29}$/);
    expect(hit.HITGroupId).not.toBe(hit.HITTypeId);
  });

  it('requires the model-required members', async () => {
    const error = await rejection(client.send(new CreateHITTypeCommand({ ...hitType, Title: undefined as unknown as string })));
    expect(error.name).toBe('RequestError');
    expect(error.message).toContain('title');
  });
});

describe('CreateHIT / CreateHITWithHITType', () => {
  it('creates an Assignable HIT with counters, expiry and defaults', async () => {
    const hit = await createHit(client, { MaxAssignments: 4, RequesterAnnotation: 'batch-7' });
    expect(hit).toMatchObject({
      HITStatus: 'Assignable',
      HITReviewStatus: 'NotReviewed',
      MaxAssignments: 4,
      NumberOfAssignmentsAvailable: 4,
      NumberOfAssignmentsPending: 0,
      NumberOfAssignmentsCompleted: 0,
      Reward: '0.50',
      AutoApprovalDelayInSeconds: 2_592_000,
      RequesterAnnotation: 'batch-7',
    });
    expect(hit.Expiration!.getTime() - hit.CreationTime!.getTime()).toBe(3_600_000);
  });

  it('accepts ExternalQuestion and refuses malformed question XML', async () => {
    await expect(createHit(client, { Question: EXTERNAL_QUESTION })).resolves.toMatchObject({ HITStatus: 'Assignable' });
    const error = await rejection(createHit(client, { Question: '<HTMLQuestion><oops' }));
    expect(error.TurkErrorCode).toMatch(/^AWS\.MechanicalTurk\./);
  });

  it('creates from a HIT type and refuses an unknown type or a layout', async () => {
    const { HITTypeId } = await client.send(new CreateHITTypeCommand(hitType));
    const { HIT: hit } = await client.send(
      new CreateHITWithHITTypeCommand({ HITTypeId, LifetimeInSeconds: 600, Question: EXTERNAL_QUESTION, MaxAssignments: 2 }),
    );
    expect(hit).toMatchObject({ HITTypeId, Title: hitType.Title, Keywords: hitType.Keywords, Reward: '0.25', MaxAssignments: 2 });
    const unknown = await rejection(
      client.send(new CreateHITWithHITTypeCommand({ HITTypeId: '3NOPE', LifetimeInSeconds: 600, Question: EXTERNAL_QUESTION })),
    );
    expect(unknown.TurkErrorCode).toBe('AWS.MechanicalTurk.HITTypeDoesNotExist');
    const layout = await rejection(client.send(new CreateHITWithHITTypeCommand({ HITTypeId, LifetimeInSeconds: 600, HITLayoutId: '3LAYOUT' })));
    expect(layout.TurkErrorCode).toBe('AWS.MechanicalTurk.HITLayoutDoesNotExist');
  });

  it('refuses a repeated UniqueRequestToken within 24 h naming the existing HIT, and allows it after', async () => {
    const first = await createHit(client, { UniqueRequestToken: 'batch-1-row-1' });
    const again = await rejection(createHit(client, { UniqueRequestToken: 'batch-1-row-1' }));
    expect(again.TurkErrorCode).toBe('AWS.MechanicalTurk.HitAlreadyExists');
    expect(again.message).toContain(first.HITId);
    expect((await client.send(new ListHITsCommand({}))).NumResults).toBe(1);
    server.clock.advance(24 * 3600 * 1000 + 1000);
    await expect(createHit(client, { UniqueRequestToken: 'batch-1-row-1' })).resolves.toHaveProperty('HITId');
  });

  it('refuses a HIT the balance cannot cover', async () => {
    const error = await rejection(createHit(client, { Reward: '5000.00', MaxAssignments: 2 }));
    expect(error.TurkErrorCode).toBe('AWS.MechanicalTurk.InsufficientFunds');
    expect(error.message).toContain('insufficient funds');
  });
});

describe('lists', () => {
  it('pages ListHITs without repeats or losses', async () => {
    const created = new Set<string>();
    for (let i = 0; i < 23; i += 1) created.add((await createHit(client, { RequesterAnnotation: `n${i}` })).HITId!);
    const seen: string[] = [];
    const tokens = new Set<string>();
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await client.send(new ListHITsCommand({ MaxResults: 10, NextToken: token }));
      pages += 1;
      expect(page.NumResults).toBe(page.HITs!.length);
      seen.push(...page.HITs!.map((h) => h.HITId!));
      token = page.NextToken;
      if (token) {
        expect(tokens.has(token)).toBe(false);
        tokens.add(token);
      }
    } while (token);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(23);
    expect(new Set(seen)).toEqual(created);
    const bad = await rejection(client.send(new ListHITsCommand({ MaxResults: 101 })));
    expect(bad.TurkErrorCode).toBe('AWS.ParameterOutOfRange');
  });

  it('lists reviewable HITs by status and HIT type, and HITs by qualification type', async () => {
    const qualified = await createHit(client, {
      QualificationRequirements: [{ QualificationTypeId: '00000000000000000071', Comparator: 'EqualTo', LocaleValues: [{ Country: 'US' }] }],
    });
    const plain = await createHit(client);
    await client.send(new UpdateExpirationForHITCommand({ HITId: plain.HITId, ExpireAt: new Date(0) }));
    const reviewable = await client.send(new ListReviewableHITsCommand({}));
    expect(reviewable.HITs!.map((h) => h.HITId)).toEqual([plain.HITId]);
    const ofOtherType = await client.send(new ListReviewableHITsCommand({ HITTypeId: qualified.HITTypeId }));
    expect(ofOtherType.NumResults).toBe(0);
    await client.send(new UpdateHITReviewStatusCommand({ HITId: plain.HITId }));
    expect((await client.send(new ListReviewableHITsCommand({ Status: 'Reviewing' }))).HITs!.map((h) => h.HITId)).toEqual([plain.HITId]);
    const byQual = await client.send(new ListHITsForQualificationTypeCommand({ QualificationTypeId: '00000000000000000071' }));
    expect(byQual.HITs!.map((h) => h.HITId)).toEqual([qualified.HITId]);
  });
});

describe('HIT updates', () => {
  it('expires now for a past time, extends for a later one, refuses an earlier future one', async () => {
    const hit = await createHit(client);
    const later = new Date(hit.Expiration!.getTime() + 3_600_000);
    await client.send(new UpdateExpirationForHITCommand({ HITId: hit.HITId, ExpireAt: later }));
    expect((await getHit(hit.HITId!)).Expiration!.getTime()).toBe(later.getTime());
    const earlier = await rejection(
      client.send(new UpdateExpirationForHITCommand({ HITId: hit.HITId, ExpireAt: new Date(later.getTime() - 60_000) })),
    );
    expect(earlier.TurkErrorCode).toBe('AWS.MechanicalTurk.InvalidParameterValue');
    await client.send(new UpdateExpirationForHITCommand({ HITId: hit.HITId, ExpireAt: new Date(0) }));
    const expired = await getHit(hit.HITId!);
    expect(expired).toMatchObject({ HITStatus: 'Reviewable', NumberOfAssignmentsAvailable: 0 });
    expect(Math.abs(expired.Expiration!.getTime() - server.clock.now())).toBeLessThan(2_000);
  });

  it('refuses an expiration more than a year from now, and the worker site still lists the HIT', async () => {
    const hit = await createHit(client);
    const refused = await rejection(client.send(new UpdateExpirationForHITCommand({ HITId: hit.HITId, ExpireAt: new Date(server.clock.now() + 366 * 86_400_000) })));
    expect(refused.TurkErrorCode).toBe('AWS.ParameterOutOfRange');
    expect(refused.message).toMatch(/more than 365 days from now/);
    const inAYear = new Date(server.clock.now() + 365 * 86_400_000);
    await client.send(new UpdateExpirationForHITCommand({ HITId: hit.HITId, ExpireAt: inAYear }));
    expect((await getHit(hit.HITId!)).Expiration!.getTime()).toBe(inAYear.getTime());
  });

  it('reopens an expired HIT that is extended', async () => {
    const hit = await createHit(client);
    server.clock.advance(3_601_000);
    expect((await getHit(hit.HITId!)).HITStatus).toBe('Reviewable');
    await client.send(new UpdateExpirationForHITCommand({ HITId: hit.HITId, ExpireAt: new Date(server.clock.now() + 600_000) }));
    expect(await getHit(hit.HITId!)).toMatchObject({ HITStatus: 'Assignable', NumberOfAssignmentsAvailable: 3 });
  });

  it('moves Reviewable ⇄ Reviewing and refuses other states', async () => {
    const hit = await createHit(client);
    const early = await rejection(client.send(new UpdateHITReviewStatusCommand({ HITId: hit.HITId })));
    expect(early.TurkErrorCode).toBe('AWS.MechanicalTurk.InvalidHITState');
    expect(early.message).toContain("currently in the state 'Assignable'");
    await client.send(new UpdateExpirationForHITCommand({ HITId: hit.HITId, ExpireAt: new Date(0) }));
    await client.send(new UpdateHITReviewStatusCommand({ HITId: hit.HITId, Revert: false }));
    expect((await getHit(hit.HITId!)).HITStatus).toBe('Reviewing');
    await client.send(new UpdateHITReviewStatusCommand({ HITId: hit.HITId, Revert: true }));
    expect((await getHit(hit.HITId!)).HITStatus).toBe('Reviewable');
  });

  it('re-points a HIT at another HIT type', async () => {
    const hit = await createHit(client);
    const { HITTypeId } = await client.send(new CreateHITTypeCommand(hitType));
    await client.send(new UpdateHITTypeOfHITCommand({ HITId: hit.HITId, HITTypeId }));
    expect(await getHit(hit.HITId!)).toMatchObject({ HITTypeId, Title: hitType.Title, Reward: '0.25', AssignmentDurationInSeconds: 300 });
    const unknown = await rejection(client.send(new UpdateHITTypeOfHITCommand({ HITId: hit.HITId, HITTypeId: '3NOPE' })));
    expect(unknown.TurkErrorCode).toBe('AWS.MechanicalTurk.HITTypeDoesNotExist');
  });

  it('adds assignments, refuses crossing the 10-assignment line and repeated tokens', async () => {
    const hit = await createHit(client, { MaxAssignments: 5 });
    await client.send(new CreateAdditionalAssignmentsForHITCommand({ HITId: hit.HITId, NumberOfAdditionalAssignments: 4, UniqueRequestToken: 'x1' }));
    expect(await getHit(hit.HITId!)).toMatchObject({ MaxAssignments: 9, NumberOfAssignmentsAvailable: 9 });
    const tenth = await rejection(client.send(new CreateAdditionalAssignmentsForHITCommand({ HITId: hit.HITId, NumberOfAdditionalAssignments: 1 })));
    expect(tenth.TurkErrorCode).toBe('AWS.MechanicalTurk.InvalidMaximumAssignmentsIncrease');
    const repeat = await rejection(
      client.send(new CreateAdditionalAssignmentsForHITCommand({ HITId: hit.HITId, NumberOfAdditionalAssignments: 1, UniqueRequestToken: 'x1' })),
    );
    expect(repeat.TurkErrorCode).toBe('AWS.MechanicalTurk.DuplicateRequest');
    expect((await getHit(hit.HITId!)).MaxAssignments).toBe(9);
    const big = await createHit(client, { MaxAssignments: 10 });
    await client.send(new CreateAdditionalAssignmentsForHITCommand({ HITId: big.HITId, NumberOfAdditionalAssignments: 15 }));
    expect((await getHit(big.HITId!)).MaxAssignments).toBe(25);
  });

  it('deletes only Reviewable HITs, then refuses the Disposed one and hides it from lists', async () => {
    const hit = await createHit(client);
    const live = await rejection(client.send(new DeleteHITCommand({ HITId: hit.HITId })));
    expect(live.message).toContain("This HIT is currently in the state 'Assignable'.  This operation can be called with a status of: Reviewing, Reviewable");
    await client.send(new UpdateExpirationForHITCommand({ HITId: hit.HITId, ExpireAt: new Date(0) }));
    await client.send(new DeleteHITCommand({ HITId: hit.HITId }));
    expect((await getHit(hit.HITId!)).HITStatus).toBe('Disposed');
    const again = await rejection(client.send(new DeleteHITCommand({ HITId: hit.HITId })));
    expect(again.message).toContain("currently in the state 'Disposed'");
    expect((await client.send(new ListHITsCommand({}))).NumResults).toBe(0);
  });

  it('disposes of a HIT automatically 120 days after it expired', async () => {
    const hit = await createHit(client, { LifetimeInSeconds: 60 });
    server.clock.advance(120 * 24 * 3600 * 1000);
    expect((await getHit(hit.HITId!)).HITStatus).toBe('Reviewable');
    server.clock.advance(61_000);
    expect((await getHit(hit.HITId!)).HITStatus).toBe('Disposed');
    expect((await client.send(new ListHITsCommand({}))).NumResults).toBe(0);
  });

  it('hides one requester’s HITs from another', async () => {
    await server.close();
    const keys = [
      { accessKeyId: 'AKIAFIRST00000000000', secretAccessKey: 'a'.repeat(40) },
      { accessKeyId: 'AKIASECOND0000000000', secretAccessKey: 'b'.repeat(40) },
    ];
    ({ server, client } = await startTestServer({ credentials: keys }));
    const hit = await createHit(client);
    const other = clientFor(server, keys[1]);
    const error = await rejection(other.send(new GetHITCommand({ HITId: hit.HITId })));
    expect(error.TurkErrorCode).toBe('AWS.MechanicalTurk.HITDoesNotExist');
    expect((await other.send(new ListHITsCommand({}))).NumResults).toBe(0);
  });
});
