import { ok } from '../../shared/result';
import type { Handler } from '../core/handlers';
import type { ConnectionContexts } from '../services/connections/connection-context';
import type { DashboardService } from '../services/dashboard/dashboard-service';

export function createDashboardHandlers(dashboard: DashboardService, contexts: ConnectionContexts) {
  const summary: Handler<'dashboard.summary'> = async (input) => {
    const context = contexts.scoped(input?.archiveId);
    return context.ok ? dashboard.summary({ balance: input?.balance === true }, context.value) : context;
  };
  const spend: Handler<'dashboard.spend'> = async (input) => {
    const context = contexts.scoped(input.archiveId);
    return context.ok ? ok(dashboard.spend(input.by, context.value)) : context;
  };
  const deadlines: Handler<'dashboard.deadlines'> = async (input) => {
    const context = contexts.scoped(input?.archiveId);
    return context.ok ? ok(dashboard.deadlines(context.value)) : context;
  };
  return { 'dashboard.summary': summary, 'dashboard.spend': spend, 'dashboard.deadlines': deadlines } as const;
}
