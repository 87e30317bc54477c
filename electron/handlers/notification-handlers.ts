import { err } from '../../shared/result';
import type { Handler } from '../core/handlers';
import type { ConnectionContexts } from '../services/connections/connection-context';
import type { NotificationsService } from '../services/notifications/notifications-service';

export function createNotificationHandlers(notifications: NotificationsService, contexts: ConnectionContexts) {
  const list: Handler<'notifications.list'> = ({ archiveId }) => {
    const context = contexts.scoped(archiveId);
    return Promise.resolve(context.ok ? notifications.list(context.value) : err(context.error));
  };
  const update: Handler<'notifications.update'> = (input) => notifications.update(input);
  const test: Handler<'notifications.test'> = (input) => notifications.test(input);
  return { 'notifications.list': list, 'notifications.update': update, 'notifications.test': test } as const;
}
