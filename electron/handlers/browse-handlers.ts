import type { Handler } from '../core/handlers';
import type { BrowseService } from '../services/browse/browse-service';

export function createBrowseHandlers(service: BrowseService) {
  const hits: Handler<'hits.page'> = (query) => service.hits(query);
  const hitDetail: Handler<'hits.detail'> = (query) => service.hitDetail(query);
  const assignments: Handler<'assignments.page'> = (query) => service.assignments(query);
  const answer: Handler<'assignments.answer'> = (query) => service.answer(query);
  const workers: Handler<'workers.page'> = (query) => service.workers(query);
  const bonuses: Handler<'bonuses.page'> = (query) => service.bonuses(query);
  const qualificationTypes: Handler<'qualificationTypes.page'> = (query) => service.qualificationTypes(query);
  const workerBlocks: Handler<'workerBlocks.page'> = (query) => service.workerBlocks(query);
  return {
    'hits.page': hits,
    'hits.detail': hitDetail,
    'assignments.page': assignments,
    'assignments.answer': answer,
    'workers.page': workers,
    'bonuses.page': bonuses,
    'qualificationTypes.page': qualificationTypes,
    'workerBlocks.page': workerBlocks,
  } as const;
}
