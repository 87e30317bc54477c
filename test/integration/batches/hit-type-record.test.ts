import { describe, expect, it } from 'vitest';
import { getHitType } from '../../../electron/archive/repos/hits';
import { createBatchHitType } from '../../../electron/services/actions/batch-actions';
import { openTestArchive, T0 } from '../archive/fixtures';

describe("a batch's HIT type, once MTurk made it", () => {
  it('is archived with its terms before any HIT of it exists, so moving HITs to it can be costed', () => {
    const { archive, connectionId } = openTestArchive();
    const requirements = [{ QualificationTypeId: '3EXCLUDE000000000000000000001', Comparator: 'DoesNotExist' as const, ActionsGuarded: 'DiscoverPreviewAndAccept' as const }];
    const request = { batchId: 'b1', title: 'Rate a sentence', description: 'Read it.', keywords: 'rating', rewardCents: 25, assignmentDurationSeconds: 600, autoApprovalDelaySeconds: 3600, qualificationRequirements: requirements };
    expect(getHitType(archive.read, connectionId, '3TYPEFROMBATCH0000000000000001')).toBeNull();
    expect(createBatchHitType.record(archive.write, connectionId, request, T0, { hitTypeId: '3TYPEFROMBATCH0000000000000001' })).toContain('hit_types');
    expect(getHitType(archive.read, connectionId, '3TYPEFROMBATCH0000000000000001')).toMatchObject({
      title: 'Rate a sentence', rewardCents: 25, assignmentDurationSeconds: 600, autoApprovalDelaySeconds: 3600, qualificationRequirements: requirements,
    });
  });
});
