import type { Handler } from '../core/handlers';
import type { AuditService } from '../services/audit/audit-service';

export function createAuditHandlers(service: AuditService, now: () => number) {
  const page: Handler<'audit.page'> = async (input) => service.page(input);
  const exportFile: Handler<'audit.export'> = async (input) => service.export(input, now());
  return { 'audit.page': page, 'audit.export': exportFile } as const;
}
