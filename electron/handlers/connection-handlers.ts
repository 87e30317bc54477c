import { ok } from '../../shared/result';
import type { Handler } from '../core/handlers';
import type { ConnectionService } from '../services/connections/connection-service';

export function createConnectionHandlers(service: ConnectionService) {
  const list: Handler<'connections.list'> = async () => ok(service.overview());
  const save: Handler<'connections.save'> = async ({ config }) => service.save(config);
  const remove: Handler<'connections.remove'> = async ({ id }) => service.remove(id);
  const activate: Handler<'connections.activate'> = ({ id, confirmProduction }) => service.activate(id, confirmProduction === true);
  const test: Handler<'connections.test'> = ({ id }) => service.test(id);
  const storeKeys: Handler<'connections.storeKeys'> = async ({ id, accessKeyId, secretAccessKey }) => service.storeKeys(id, { accessKeyId, secretAccessKey });
  const forgetKeys: Handler<'connections.forgetKeys'> = async ({ id }) => service.forgetKeys(id);
  return {
    'connections.list': list,
    'connections.save': save,
    'connections.remove': remove,
    'connections.activate': activate,
    'connections.test': test,
    'connections.storeKeys': storeKeys,
    'connections.forgetKeys': forgetKeys,
  } as const;
}
