import type { Handler } from '../core/handlers';
import type { BonusRuleService } from '../services/bonuses/bonus-rule-service';

export function createBonusRuleHandlers(service: BonusRuleService) {
  const fromRule: Handler<'bonuses.fromRule'> = (input) => service.preview(input);
  return { 'bonuses.fromRule': fromRule } as const;
}
