import { EventEmitter } from 'node:events';

/**
 * A stand-in for the parts of Electron the shell uses. The real module cannot load here (its binary
 * cannot be downloaded), and a unit test should not need a GUI anyway: what we test is which
 * options and handlers our code installs, and what those handlers decide.
 */
export class FakeWebContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  sent: { channel: string; message: unknown }[] = [];
  destroyed = false;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, message: unknown): void {
    this.sent.push({ channel, message });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

/** Records how a window was made and what it loaded. */
export class FakeBrowserWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  loadedUrl: string | null = null;
  constructor(readonly options: Record<string, unknown>) {
    super();
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  loadFile(path: string): Promise<void> {
    this.loadedUrl = `file://${path}`;
    return Promise.resolve();
  }
  maximize(): void {}
  show(): void {}
  isMaximized(): boolean {
    return false;
  }
  getNormalBounds() {
    return { x: 0, y: 0, width: 1360, height: 860 };
  }
}

export interface FakeEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
}
export const fakeEvent = (): FakeEvent => ({
  defaultPrevented: false,
  preventDefault() {
    this.defaultPrevented = true;
  },
});

export function createFakeElectron() {
  const app = Object.assign(new EventEmitter(), {
    sandboxEnabled: false,
    enableSandbox() {
      this.sandboxEnabled = true;
    },
    whenReady: () => Promise.resolve(),
  });
  const headerListeners: ((details: { responseHeaders?: Record<string, string[]> }, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void)[] = [];
  const session = {
    defaultSession: {
      permissionRequestHandler: null as null | ((wc: unknown, permission: string, cb: (granted: boolean) => void, details?: { requestingUrl?: string; isMainFrame?: boolean }) => void),
      permissionCheckHandler: null as null | ((wc?: unknown, permission?: string, origin?: string, details?: { requestingUrl?: string; isMainFrame?: boolean }) => boolean),
      setPermissionRequestHandler(h: (wc: unknown, permission: string, cb: (granted: boolean) => void, details?: { requestingUrl?: string; isMainFrame?: boolean }) => void) {
        this.permissionRequestHandler = h;
      },
      setPermissionCheckHandler(h: (wc?: unknown, permission?: string, origin?: string, details?: { requestingUrl?: string; isMainFrame?: boolean }) => boolean) {
        this.permissionCheckHandler = h;
      },
      webRequest: { onHeadersReceived: (h: (typeof headerListeners)[number]) => headerListeners.push(h) },
    },
    headerListeners,
  };
  const opened: string[] = [];
  const shell = { openExternal: async (url: string) => void opened.push(url), opened };
  const handlers = new Map<string, (event: unknown, input: unknown) => unknown>();
  const ipcMain = {
    handle: (channel: string, fn: (event: unknown, input: unknown) => unknown) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, fn);
    },
    removeHandler: (channel: string) => handlers.delete(channel),
    handlers,
  };
  const exposed = new Map<string, unknown>();
  const rendererListeners = new Map<string, Set<(...args: unknown[]) => void>>();
  const invoked: { channel: string; input: unknown }[] = [];
  const ipcRenderer = {
    invoke: async (channel: string, input: unknown) => void invoked.push({ channel, input }),
    on: (channel: string, fn: (...args: unknown[]) => void) => {
      const set = rendererListeners.get(channel) ?? new Set();
      set.add(fn);
      rendererListeners.set(channel, set);
    },
    removeListener: (channel: string, fn: (...args: unknown[]) => void) => rendererListeners.get(channel)?.delete(fn),
    emit: (channel: string, message: unknown) => rendererListeners.get(channel)?.forEach((fn) => fn({}, message)),
    invoked,
    rendererListeners,
  };
  const contextBridge = { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value), exposed };
  const windows: FakeBrowserWindow[] = [];
  const BrowserWindow = class extends FakeBrowserWindow {
    constructor(options: Record<string, unknown>) {
      super(options);
      windows.push(this);
    }
  };
  const screen = { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] };
  const privileged: unknown[] = [];
  const protocolHandlers = new Map<string, (request: { url: string }) => Promise<Response>>();
  const protocol = {
    registerSchemesAsPrivileged: (schemes: unknown[]) => void privileged.push(...schemes),
    handle: (scheme: string, handler: (request: { url: string }) => Promise<Response>) => void protocolHandlers.set(scheme, handler),
    privileged,
    handlers: protocolHandlers,
  };
  return { app, session, shell, ipcMain, ipcRenderer, contextBridge, BrowserWindow, windows, screen, protocol };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;

/**
 * The module object to hand to vi.mock: reads through to whichever fake is current, so each test can
 * start from a fresh fake without re-importing the code under test.
 */
export function electronModuleFor(current: () => FakeElectron): FakeElectron {
  return {
    get app() { return current().app; },
    get session() { return current().session; },
    get shell() { return current().shell; },
    get ipcMain() { return current().ipcMain; },
    get ipcRenderer() { return current().ipcRenderer; },
    get contextBridge() { return current().contextBridge; },
    get BrowserWindow() { return current().BrowserWindow; },
    get windows() { return current().windows; },
    get screen() { return current().screen; },
    get protocol() { return current().protocol; },
  };
}
