import { ok } from '../../shared/result';
import type { Handler } from '../core/handlers';
import type { ExclusionService } from '../services/workers/exclusion-service';

export function createExclusionHandlers(exclusions: ExclusionService) {
  const plan: Handler<'exclusions.plan'> = ({ source, intoTypeId }) => Promise.resolve(exclusions.plan(source, intoTypeId));
  const run: Handler<'exclusions.run'> = ({ source, intoTypeId }) => exclusions.exclude(source, intoTypeId);
  const rules: Handler<'exclusions.rules'> = () => Promise.resolve(ok(exclusions.rules()));
  const setRule: Handler<'exclusions.setRule'> = ({ source, intoTypeId, on }) => Promise.resolve(exclusions.setRule(source, intoTypeId, on));
  const studies: Handler<'registry.studies'> = () => Promise.resolve(ok(exclusions.studies()));
  const exportRegistry: Handler<'registry.export'> = ({ study }) => Promise.resolve(ok(exclusions.exportRegistry(study)));
  const importRegistry: Handler<'registry.import'> = ({ base64, fileName }) => Promise.resolve(exclusions.importRegistryFile(Buffer.from(base64, 'base64'), fileName));
  return {
    'exclusions.plan': plan,
    'exclusions.run': run,
    'exclusions.rules': rules,
    'exclusions.setRule': setRule,
    'registry.studies': studies,
    'registry.export': exportRegistry,
    'registry.import': importRegistry,
  } as const;
}
