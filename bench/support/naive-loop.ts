/**
 * The baseline a requester script would be: one plain @aws-sdk/client-mturk client with its defaults, ListHITs
 * pages of 100, then per HIT ListAssignmentsForHIT and ListBonusPayments, one call at a time (as psiTurk, amti and
 * Mephisto do). It stops after a time budget because at ~10 req/s the whole account takes minutes; the caller
 * projects the full time from the measured rate.
 */
import {
  ListAssignmentsForHITCommand,
  ListBonusPaymentsCommand,
  ListHITsCommand,
  type ListAssignmentsForHITCommandOutput,
  type ListBonusPaymentsCommandOutput,
  type ListHITsCommandOutput,
} from '@aws-sdk/client-mturk';
import type { LocalMTurk } from '../../local-mturk/src/index';
import { benchClient } from './seed';

export interface NaiveLoopResult {
  readonly calls: number;
  readonly seconds: number;
  readonly hitsListed: number;
  /** HITs whose assignments and bonuses were both read before the budget ran out. */
  readonly hitsDetailed: number;
  readonly assignmentsRead: number;
  readonly finished: boolean;
}

export async function runNaiveLoop(server: LocalMTurk, budgetSeconds: number): Promise<NaiveLoopResult> {
  const client = benchClient(server);
  const started = performance.now();
  const deadline = started + budgetSeconds * 1000;
  let calls = 0;
  let hitsDetailed = 0;
  let assignmentsRead = 0;
  const hitIds: string[] = [];
  const expired = (): boolean => performance.now() >= deadline;
  try {
    // A script lists everything first (it needs the HIT ids), then walks them.
    let token: string | undefined;
    do {
      const page: ListHITsCommandOutput = await client.send(new ListHITsCommand({ MaxResults: 100, NextToken: token }));
      calls += 1;
      hitIds.push(...(page.HITs ?? []).map((hit) => hit.HITId ?? ''));
      token = page.NextToken;
    } while (token && !expired());
    for (const hitId of hitIds) {
      if (expired()) break;
      let next: string | undefined;
      do {
        const page: ListAssignmentsForHITCommandOutput = await client.send(new ListAssignmentsForHITCommand({ HITId: hitId, MaxResults: 100, NextToken: next }));
        calls += 1;
        assignmentsRead += page.Assignments?.length ?? 0;
        next = page.NextToken;
      } while (next);
      next = undefined;
      do {
        const page: ListBonusPaymentsCommandOutput = await client.send(new ListBonusPaymentsCommand({ HITId: hitId, MaxResults: 100, NextToken: next }));
        calls += 1;
        next = page.NextToken;
      } while (next);
      hitsDetailed += 1;
    }
    return {
      calls,
      seconds: (performance.now() - started) / 1000,
      hitsListed: hitIds.length,
      hitsDetailed,
      assignmentsRead,
      finished: hitsDetailed === hitIds.length && token === undefined,
    };
  } finally {
    client.destroy();
  }
}
