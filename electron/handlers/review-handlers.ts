import type { Handler } from '../core/handlers';
import type { ReplayService } from '../services/review/replay-service';
import type { ReviewService } from '../services/review/review-service';

export function createReviewHandlers(service: ReviewService, replayService: ReplayService) {
  const queue: Handler<'review.queue'> = (input) => service.queue(input);
  const set: Handler<'review.setDrafts'> = (input) => service.setDrafts(input);
  const clear: Handler<'review.clearDrafts'> = (input) => service.clearDrafts(input);
  const counts: Handler<'review.draftCounts'> = () => service.draftCounts();
  const plan: Handler<'review.plan'> = (input) => service.plan(input);
  const send: Handler<'review.send'> = (input) => service.send(input);
  const replay: Handler<'review.replay'> = (input) => replayService.replay(input);
  const checkFile: Handler<'review.checkFile'> = (input) => service.checkFile(input);
  return {
    'review.queue': queue,
    'review.setDrafts': set,
    'review.clearDrafts': clear,
    'review.draftCounts': counts,
    'review.plan': plan,
    'review.send': send,
    'review.replay': replay,
    'review.checkFile': checkFile,
  } as const;
}
