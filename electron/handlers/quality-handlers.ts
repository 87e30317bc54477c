import type { Handler } from '../core/handlers';
import type { QualityService } from '../services/quality/quality-service';

export function createQualityHandlers(service: QualityService) {
  const report: Handler<'quality.report'> = (input) => service.report(input);
  return { 'quality.report': report } as const;
}
