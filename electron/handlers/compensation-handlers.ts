import { ok } from '../../shared/result';
import type { Handler } from '../core/handlers';
import type { CompensationService } from '../services/compensation/compensation-service';

export function createCompensationHandlers(service: CompensationService) {
  const plan: Handler<'compensation.plan'> = (input) => service.plan(input);
  const run: Handler<'compensation.run'> = (input) => service.run(input);
  const list: Handler<'compensation.list'> = () => Promise.resolve(ok(service.list()));
  return { 'compensation.plan': plan, 'compensation.run': run, 'compensation.list': list } as const;
}
