import { err, ok } from '../../shared/result';
import { decodeImportBytes } from '../archive/import-decoding';
import type { Handler } from '../core/handlers';
import type { ExclusionService } from '../services/workers/exclusion-service';

export function createExclusionHandlers(exclusions: ExclusionService) {
  const plan: Handler<'exclusions.plan'> = ({ source, intoTypeId }) => Promise.resolve(exclusions.plan(source, intoTypeId));
  const run: Handler<'exclusions.run'> = ({ source, intoTypeId }) => exclusions.exclude(source, intoTypeId);
  const rules: Handler<'exclusions.rules'> = () => Promise.resolve(ok(exclusions.rules()));
  const setRule: Handler<'exclusions.setRule'> = ({ source, intoTypeId, on }) => Promise.resolve(exclusions.setRule(source, intoTypeId, on));
  const studies: Handler<'registry.studies'> = () => Promise.resolve(ok(exclusions.studies()));
  const exportRegistry: Handler<'registry.export'> = ({ study }) => Promise.resolve(ok(exclusions.exportRegistry(study)));
  const importRegistry: Handler<'registry.import'> = ({ base64, fileName }) => {
    const decoded = decodeImportBytes(Buffer.from(base64, 'base64'));
    if (!decoded.ok) return Promise.resolve(err({ ...decoded.error, message: `${fileName}: ${decoded.error.message}` }));
    const imported = exclusions.importRegistry(decoded.value.text, fileName);
    return Promise.resolve(imported.ok ? ok({ ...imported.value, note: decoded.value.note }) : imported);
  };
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
