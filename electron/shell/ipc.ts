import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { IPC_EVENT_CHANNEL, ipcChannel, METHOD_NAMES } from '../../shared/contract';
import { appError } from '../../shared/errors';
import { err } from '../../shared/result';
import type { Dispatch } from '../core/dispatch';
import type { EventBus } from '../core/event-bus';
import type { Logger } from '../logging/logger';

/**
 * Binds every contract method to ipcMain.handle by iterating the contract (so none can be missed),
 * behind a sender check: only the main frame of a window we created, showing our own page, may call.
 */
export function registerIpc(opts: {
  dispatch: Dispatch;
  events: EventBus;
  isTrustedPage: (url: string) => boolean;
  trustedContents: ReadonlySet<number>;
  log: Logger;
}): () => void {
  const isTrusted = (event: IpcMainInvokeEvent): boolean => {
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null) return false;
    return opts.trustedContents.has(event.sender.id) && opts.isTrustedPage(frame.url);
  };

  for (const name of METHOD_NAMES) {
    ipcMain.handle(ipcChannel(name), (event, input: unknown) => {
      if (!isTrusted(event)) {
        opts.log.warn(`refused ${name} from untrusted sender ${event.senderFrame?.url ?? '(gone)'}`);
        return err(appError('auth', 'This window is not allowed to call Turkbench.'));
      }
      return opts.dispatch(name, input);
    });
  }
  return () => METHOD_NAMES.forEach((name) => ipcMain.removeHandler(ipcChannel(name)));
}

/** Forwards bus events to one window until it is destroyed. */
export function forwardEvents(events: EventBus, contents: WebContents): void {
  const stop = events.subscribe((name, payload) => {
    if (!contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, { name, payload });
  });
  contents.once('destroyed', stop);
}
