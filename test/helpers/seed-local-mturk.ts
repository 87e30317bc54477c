import {
  ApproveAssignmentCommand,
  AssociateQualificationWithWorkerCommand,
  CreateQualificationTypeCommand,
  CreateWorkerBlockCommand,
  RejectAssignmentCommand,
  SendBonusCommand,
  type MTurkClient,
} from '@aws-sdk/client-mturk';
import type { LocalMTurk } from '../../local-mturk/src/index';
import { createHit } from '../../local-mturk/test/helpers';

export interface SeedSpec {
  readonly hits: number;
  /** Submitted assignments per HIT (each by a different worker). */
  readonly assignmentsPerHit: number;
  readonly workers?: number;
}

export interface Seeded {
  readonly hitIds: string[];
  readonly assignmentIds: string[];
  readonly workerIds: string[];
  readonly qualificationTypeId: string;
}

/**
 * Fills a Local MTurk with realistic work through its real API and its worker control: HITs, submitted
 * assignments, some approved, some rejected, a bonus, a qualification with grants, a block.
 */
export async function seedLocalMTurk(server: LocalMTurk, client: MTurkClient, spec: SeedSpec): Promise<Seeded> {
  const workerCount = Math.max(spec.assignmentsPerHit, spec.workers ?? spec.assignmentsPerHit);
  const workerIds = Array.from({ length: workerCount }, () => server.control.createWorker({ country: 'US', approvalRatePercent: 99 }).workerId);
  const hitIds: string[] = [];
  const assignmentIds: string[] = [];
  for (let h = 0; h < spec.hits; h++) {
    const hit = await createHit(client, { MaxAssignments: Math.max(1, spec.assignmentsPerHit), RequesterAnnotation: `batch-1 row ${h}` });
    hitIds.push(hit.HITId!);
    for (let a = 0; a < spec.assignmentsPerHit; a++) {
      const worker = workerIds[(h + a) % workerIds.length]!;
      const accepted = server.control.accept(worker, hit.HITId!);
      server.control.submit(accepted.AssignmentId, { label: `answer ${h}-${a}`, sentiment: a % 2 === 0 ? 'positive' : 'negative' });
      assignmentIds.push(accepted.AssignmentId);
    }
  }
  if (assignmentIds[0]) await client.send(new ApproveAssignmentCommand({ AssignmentId: assignmentIds[0], RequesterFeedback: 'Thanks!' }));
  if (assignmentIds[1]) await client.send(new RejectAssignmentCommand({ AssignmentId: assignmentIds[1], RequesterFeedback: 'Answer was empty' }));
  if (assignmentIds[0]) {
    await client.send(new SendBonusCommand({ WorkerId: workerIds[0]!, AssignmentId: assignmentIds[0], BonusAmount: '0.25', Reason: 'Great work', UniqueRequestToken: 'seed-bonus-1' }));
  }
  const { QualificationType } = await client.send(
    new CreateQualificationTypeCommand({ Name: `Trusted labellers ${Math.random().toString(36).slice(2, 8)}`, Description: 'Did good work before', QualificationTypeStatus: 'Active' }),
  );
  const qualificationTypeId = QualificationType!.QualificationTypeId!;
  for (const workerId of workerIds.slice(0, 2)) {
    await client.send(new AssociateQualificationWithWorkerCommand({ QualificationTypeId: qualificationTypeId, WorkerId: workerId, IntegerValue: 90, SendNotification: false }));
  }
  if (workerIds.length > 2) await client.send(new CreateWorkerBlockCommand({ WorkerId: workerIds[workerIds.length - 1]!, Reason: 'Spam answers' }));
  return { hitIds, assignmentIds, workerIds, qualificationTypeId };
}
