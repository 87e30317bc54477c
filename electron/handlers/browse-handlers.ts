import type { Handler } from '../core/handlers';
import type { BrowseService } from '../services/browse/browse-service';

export function createBrowseHandlers(service: BrowseService) {
  const hits: Handler<'hits.page'> = (query) => service.hits(query);
  const assignments: Handler<'assignments.page'> = (query) => service.assignments(query);
  return { 'hits.page': hits, 'assignments.page': assignments } as const;
}
