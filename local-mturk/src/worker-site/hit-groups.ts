/**
 * The HIT list: HITs of one HIT type shown as one group row (as MTurk lists them), the search and filter a worker
 * types, and the sort orders MTurk offers.
 */
import { parseMoney } from '../../../shared/domain/money';
import type { OpContext } from '../ops/types';
import type { HitForWorker } from '../worker/actions';
import { SORTS, type HitGroupRow, type HitListQuery, type SortKey } from './pages';
import { qualificationName } from './standing';

export function hitListQuery(params: URLSearchParams): HitListQuery {
  const sort = (params.get('sort') ?? 'created') as SortKey;
  const validSort: SortKey = sort in SORTS ? sort : 'created';
  const order = params.get('order') === 'asc' ? 'asc' : params.get('order') === 'desc' ? 'desc' : validSort === 'title' || validSort === 'requester' ? 'asc' : 'desc';
  return {
    q: params.get('q')?.trim() ?? '',
    sort: validSort,
    order,
    qualifiedOnly: params.get('qualified') === '1',
    minRewardCents: parseMoney(params.get('minReward') ?? '') ?? 0,
  };
}

/** HITs of one HIT group (same HIT type) shown as one row, as MTurk lists them. */
export function groupRows(ctx: OpContext, listings: readonly HitForWorker[]): (HitGroupRow & { keywords: string })[] {
  const groups = new Map<string, HitForWorker[]>();
  for (const listing of listings) {
    const members = groups.get(listing.hit.hit_group_id) ?? [];
    members.push(listing);
    groups.set(listing.hit.hit_group_id, members);
  }
  return [...groups.values()].map((members) => {
    const open = members.filter((m) => !m.heldByWorker && m.hit.available > 0);
    const lead = open[0] ?? members[0];
    if (lead === undefined) throw new Error('empty HIT group');
    const { hit } = lead;
    const missing = (lead.acceptRefusal?.missingTypeIds ?? []).flatMap((typeId) => {
      const name = qualificationName(ctx, typeId);
      return name === undefined ? [] : [{ typeId, name }];
    });
    const refusal = lead.acceptRefusal?.message ?? (open.length === 0 ? 'You already accepted every HIT of this group.' : undefined);
    return {
      groupId: hit.hit_group_id,
      title: hit.title,
      description: hit.description,
      keywords: hit.keywords ?? '',
      requester: hit.requester,
      rewardCents: hit.reward_cents,
      durationS: hit.assignment_duration_s,
      available: open.reduce((sum, m) => sum + m.hit.available, 0),
      createdMs: Math.min(...members.map((m) => m.hit.creation_ms)),
      expiresMs: Math.max(...members.map((m) => m.hit.expiration_ms)),
      hitId: hit.hit_id,
      ...(refusal === undefined ? {} : { refusal }),
      missing,
    };
  });
}

export function matches(row: HitGroupRow & { keywords: string }, query: HitListQuery): boolean {
  if (query.qualifiedOnly && row.refusal !== undefined) return false;
  if (row.rewardCents < query.minRewardCents) return false;
  if (query.q === '') return true;
  const needle = query.q.toLowerCase();
  return [row.title, row.description, row.keywords, row.requester].some((text) => text.toLowerCase().includes(needle));
}

export function sortGroups<T extends HitGroupRow>(rows: T[], query: HitListQuery): T[] {
  const key = (row: HitGroupRow): number | string => {
    switch (query.sort) {
      case 'reward':
        return row.rewardCents;
      case 'available':
        return row.available;
      case 'title':
        return row.title.toLowerCase();
      case 'duration':
        return row.durationS;
      case 'expires':
        return row.expiresMs;
      case 'requester':
        return row.requester;
      case 'created':
        return row.createdMs;
    }
  };
  const direction = query.order === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    return (x < y ? -1 : x > y ? 1 : 0) * direction || a.title.localeCompare(b.title);
  });
}

