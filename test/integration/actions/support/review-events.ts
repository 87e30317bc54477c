import { UpdateNotificationSettingsCommand, type MTurkClient } from '@aws-sdk/client-mturk';
import type { LocalMTurk } from '../../../../local-mturk/src/index';

/** Writes every approval and rejection of these HIT types to the Local MTurk's event log: one per call that took effect. */
export async function logReviewEvents(client: MTurkClient, hitTypeIds: Iterable<string>): Promise<void> {
  for (const HITTypeId of new Set(hitTypeIds)) {
    await client.send(
      new UpdateNotificationSettingsCommand({
        HITTypeId,
        Notification: { Destination: 'arn:aws:sns:us-east-1:000000000000:tb', Transport: 'SNS', Version: '2006-05-05', EventTypes: ['AssignmentApproved', 'AssignmentRejected'] },
        Active: true,
      }),
    );
  }
}

/** How many times each assignment was approved (or rejected), from the event log. */
export function reviewEventCounts(server: LocalMTurk, eventType: 'AssignmentApproved' | 'AssignmentRejected'): Map<string, number> {
  const counts = new Map<string, number>();
  for (const event of server.control.events()) if (event.eventType === eventType) counts.set(event.assignmentId!, (counts.get(event.assignmentId!) ?? 0) + 1);
  return counts;
}
