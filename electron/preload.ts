/**
 * The sandboxed preload: exposes exactly the contract's methods and event subscription, never
 * ipcRenderer itself. Bundled into one CommonJS file because sandboxed preloads cannot load modules.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  IPC_EVENT_CHANNEL,
  ipcChannel,
  isEventName,
  METHOD_NAMES,
  type EventName,
  type TurkbenchApi,
  type TurkbenchBridge,
} from '../shared/contract';

const api = Object.fromEntries(
  METHOD_NAMES.map((name) => [name, (input?: unknown) => ipcRenderer.invoke(ipcChannel(name), input)]),
) as unknown as TurkbenchApi;

const bridge: TurkbenchBridge = {
  api,
  on(name, listener) {
    if (!isEventName(name)) throw new Error(`Unknown event "${String(name)}"`);
    const relay = (_event: IpcRendererEvent, message: { name: EventName; payload: unknown }): void => {
      if (message.name === name) (listener as (payload: unknown) => void)(message.payload);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, relay);
    return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, relay);
  },
};

contextBridge.exposeInMainWorld('turkbench', bridge);
