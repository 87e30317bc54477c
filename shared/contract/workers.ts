/** The Workers area: the workers list and dossiers, notes and tags, blocks, messages, and qualification administration. */
import { z } from 'zod';
import type { QualificationGrant, QualificationRequest, QualificationType } from '../domain/archive-types';
import type { MessagePlan, WorkerDossier, WorkerNote, WorkerQualityFigures, WorkerRow } from '../domain/workers';
import { MAX_SCORE, MIN_SCORE } from '../domain/worker-list';
import { archiveScope } from './archive';
import { method } from './define';
import type { JobProgress } from './jobs';

const workerId = z.string().trim().min(1, 'give a worker id').max(64, 'at most 64 characters');
const workerIds = z.array(workerId).min(1, 'name at least one worker').max(100_000, 'at most 100,000 workers at once');
const typeId = z.string().min(1, 'give a qualification type id').max(64, 'at most 64 characters');
const requestIds = z.array(z.string().min(1).max(64, 'at most 64 characters')).min(1, 'name at least one request').max(10_000, 'at most 10,000 requests at once');
/** MTurk's IntegerValue is a 32-bit integer. */
const score = z.number().int('a whole number').min(MIN_SCORE, `at least ${MIN_SCORE.toLocaleString('en-US')}`).max(MAX_SCORE, `at most ${MAX_SCORE.toLocaleString('en-US')}`);
/** A year, as the CLI's flags allow: a longer retry delay bans retakes for good, a longer test never ends. */
export const MAX_SETTING_SECONDS = 31_536_000;
export const MAX_WORKER_TAGS = 50;

const typeSettings = {
  description: z.string().min(1).max(2000, 'at most 2,000 characters').optional(),
  status: z.enum(['Active', 'Inactive']).optional(),
  retryDelaySeconds: z.number().int().min(0).max(MAX_SETTING_SECONDS, 'at most a year (31,536,000 seconds)').optional(),
  test: z.string().max(65_535, 'at most 65,535 characters').optional(),
  answerKey: z.string().max(65_535, 'at most 65,535 characters').optional(),
  testDurationSeconds: z.number().int().min(1).max(MAX_SETTING_SECONDS, 'at most a year (31,536,000 seconds)').optional(),
  autoGranted: z.boolean().optional(),
  autoGrantedValue: score.optional(),
};

const blockInput = z.object({ workerIds, reason: z.string().max(1024, 'at most 1,024 characters'), soft: z.boolean(), typedConnectionName: z.string().max(200).optional() }).strict();
const messageInput = z.object({ workerIds, subject: z.string().max(10_000), body: z.string().max(100_000) }).strict();

export const workersMethods = {
  'workers.list': method<{ archived: boolean; rows: WorkerRow[]; nextCursor: string | null }>()(
    z.object({ search: z.string().max(64).optional(), workerIds: workerIds.optional(), after: z.string().max(64).nullable().optional(), limit: z.number().int().min(1).max(1000), ...archiveScope }).strict(),
    'A page of the workers who worked for the account, by id: counts, approval rate for you, earnings, blocked.',
  ),
  'workers.quality': method<WorkerQualityFigures[]>()(
    z.object({ ...archiveScope }).strict(),
    'Per worker across the archive: labels agreeing with the consensus (majority vote per HIT type) and right on gold. Computed once per call; the grid loads it once.',
  ),
  'workers.dossier': method<WorkerDossier>()(z.object({ workerId, ...archiveScope }).strict(), 'Everything the archive holds about one worker.'),
  'workers.note': method<WorkerNote[]>()(z.object({ workerId, text: z.string().max(10_000, 'at most 10,000 characters') }).strict(), 'Adds a private note to a worker; returns their notes and history.'),
  'workers.setTags': method<string[]>()(z.object({ workerId, tags: z.array(z.string().max(64, 'at most 64 characters')).max(MAX_WORKER_TAGS, `at most ${MAX_WORKER_TAGS} tags`) }).strict(), "Replaces a worker's private tags."),
  'workers.block': method<JobProgress>()(blockInput, 'Blocks workers (hard: CreateWorkerBlock; soft: the private exclusion qualification) as a journaled job.'),
  'workers.unblock': method<JobProgress>()(blockInput, 'Lifts hard or soft blocks as a journaled job; the reason is kept.'),
  'messages.plan': method<MessagePlan>()(messageInput, 'Checks a message for every worker against MTurk limits and counts its calls; sends nothing.'),
  'messages.send': method<JobProgress>()(messageInput.extend({ typedConnectionName: z.string().max(200).optional() }).strict(), 'Sends it with NotifyWorkers in chunks of 100, each delivery stored.'),
  'quals.types': method<QualificationType[]>()(z.object({ ...archiveScope }).strict(), "The account's qualification types."),
  'quals.grants': method<QualificationGrant[]>()(z.object({ qualificationTypeId: typeId, ...archiveScope }).strict(), 'Workers holding (or revoked from) a type, with scores.'),
  'quals.requests': method<QualificationRequest[]>()(z.object({ qualificationTypeId: typeId.optional(), ...archiveScope }).strict(), 'Open qualification requests with their test answers.'),
  'quals.create': method<QualificationType>()(
    z.object({ name: z.string().min(1).max(128, 'at most 128 characters'), keywords: z.string().max(1000).optional(), ...typeSettings, description: z.string().min(1).max(2000, 'at most 2,000 characters') }).strict(),
    'Creates a qualification type (journaled).',
  ),
  'quals.update': method<QualificationType>()(z.object({ qualificationTypeId: typeId, ...typeSettings }).strict(), "Updates a type's description, status, test, retry delay or auto-grant."),
  'quals.usesOf': method<{ hitTypeIds: string[]; hitIds: string[] }>()(z.object({ qualificationTypeId: typeId }).strict(), 'Archived HIT types and open HITs that require the type: what deleting it breaks.'),
  'quals.delete': method<void>()(z.object({ qualificationTypeId: typeId }).strict(), 'Deletes a qualification type (journaled).'),
  'quals.grant': method<JobProgress>()(
    z.object({ qualificationTypeId: typeId, workers: z.array(z.object({ workerId, score: score.nullable() }).strict()).min(1).max(100_000), score: score.optional(), sendNotification: z.boolean().optional(), typedConnectionName: z.string().max(200).optional() }).strict(),
    'Grants or re-scores the workers as a journaled job, verified by their score; no e-mail unless asked.',
  ),
  'quals.revoke': method<JobProgress>()(z.object({ qualificationTypeId: typeId, workerIds, reason: z.string().max(1024).optional(), typedConnectionName: z.string().max(200).optional() }).strict(), 'Revokes the type from the workers as a journaled job.'),
  'quals.accept': method<JobProgress>()(z.object({ requestIds, score: score.optional() }).strict(), 'Accepts requests with a score as a journaled job.'),
  'quals.previewTest': method<{ frameUrl: string }>()(
    z.object({ title: z.string().max(200), test: typeSettings.test.unwrap().min(1, 'give the test'), answerKey: typeSettings.answerKey }).strict(),
    'Hosts a test for the sandboxed preview frame: taken as a worker sees it, scored by its answer key.',
  ),
  'quals.reject': method<JobProgress>()(z.object({ requestIds, reason: z.string().max(1024).optional() }).strict(), 'Rejects requests with a reason as a journaled job.'),
} as const;
