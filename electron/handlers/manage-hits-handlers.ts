import type { Handler } from '../core/handlers';
import type { ManageHitsService } from '../services/hits/manage-hits-service';

export function createManageHitsHandlers(service: ManageHitsService) {
  const plan: Handler<'hits.planManage'> = (input) => service.plan(input);
  const start: Handler<'hits.manage'> = (input) => service.start(input);
  return { 'hits.planManage': plan, 'hits.manage': start } as const;
}
