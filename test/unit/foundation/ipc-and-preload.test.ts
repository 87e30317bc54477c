import { beforeEach, describe, expect, it, vi } from 'vitest';
import { METHOD_NAMES, ipcChannel, IPC_EVENT_CHANNEL, type TurkbenchBridge } from '../../../shared/contract';
import { createFakeElectron, electronModuleFor, FakeWebContents, type FakeElectron } from '../../helpers/fake-electron';
import { testAppCore } from '../../helpers/app-core';
import { memoryLogger } from '../../helpers/memory-log';

let fake: FakeElectron = createFakeElectron();
vi.mock('electron', () => electronModuleFor(() => fake));

const { registerIpc, forwardEvents } = await import('../../../electron/shell/ipc');
const { isSameDocument } = await import('../../../electron/security/trusted-page');
const { APP_PAGE_URL } = await import('../../../electron/shell/app-content');

const PAGE = APP_PAGE_URL;

function setup() {
  const core = testAppCore();
  const trusted = new Set<number>();
  const contents = new FakeWebContents();
  trusted.add(contents.id);
  registerIpc({ dispatch: core.dispatch, events: core.events, isTrustedPage: (url) => isSameDocument(url, PAGE), trustedContents: trusted, log: memoryLogger().log });
  const mainFrame = { url: PAGE, parent: null };
  const call = (method: string, input: unknown, sender = contents, frame: unknown = mainFrame) =>
    fake.ipcMain.handlers.get(ipcChannel(method as never))!({ sender, senderFrame: frame }, input);
  return { core, contents, call };
}

describe('IPC registration', () => {
  beforeEach(() => {
    fake = createFakeElectron();
  });

  it('registers exactly one handler per contract method', () => {
    setup();
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual(METHOD_NAMES.map(ipcChannel).sort());
  });

  it('dispatches calls from the trusted main frame', async () => {
    const { call } = setup();
    expect(await call('app.info', undefined)).toMatchObject({ ok: true, value: { name: 'Turkbench' } });
  });

  it('keeps trusting the page after it navigates by hash, and nothing else', async () => {
    const { call, contents } = setup();
    const from = (url: string) => call('app.info', undefined, contents, { url, parent: null });
    expect(await from(`${PAGE}#/review`)).toMatchObject({ ok: true });
    expect(await from(`${PAGE}?x=1#/hits`)).toMatchObject({ ok: true });
    expect(PAGE).toBe('app://turkbench/index.html');
    for (const url of ['app://turkbench/other.html', 'app://evil/index.html', 'file:///app/out/renderer/index.html', 'https://turkbench/index.html', 'not a url']) {
      expect(await from(url), url).toMatchObject({ ok: false, error: { kind: 'auth' } });
    }
  });

  it('validates input on the way in', async () => {
    const { call } = setup();
    expect(await call('prefs.set', { theme: 7 })).toMatchObject({ ok: false, error: { kind: 'validation', field: 'theme' } });
  });

  it('refuses subframes, other pages and unknown windows', async () => {
    const { call, contents } = setup();
    const stranger = new FakeWebContents();
    const refused = { ok: false, error: expect.objectContaining({ kind: 'auth' }) };
    expect(await call('app.info', undefined, contents, { url: PAGE, parent: { url: PAGE } })).toEqual(refused);
    expect(await call('app.info', undefined, contents, { url: 'https://evil.example/', parent: null })).toEqual(refused);
    expect(await call('app.info', undefined, stranger)).toEqual(refused);
    expect(await call('app.info', undefined, contents, null)).toEqual(refused);
  });

  it('forwards events to a window until it is destroyed', () => {
    const { core, contents } = setup();
    // The core's own services may follow events too (exclusions run after each sync); only the window's goes away.
    const coreListeners = core.events.size;
    forwardEvents(core.events, contents as never);
    core.events.emit('prefs.changed', { version: 1, theme: 'dark', lastArea: 'hits', sidebarCollapsed: false });
    expect(contents.sent).toHaveLength(1);
    expect(contents.sent[0]).toMatchObject({ channel: IPC_EVENT_CHANNEL, message: { name: 'prefs.changed' } });
    contents.emit('destroyed');
    core.events.emit('prefs.changed', { version: 1, theme: 'light', lastArea: 'hits', sidebarCollapsed: false });
    expect(contents.sent).toHaveLength(1);
    expect(core.events.size).toBe(coreListeners);
  });
});

describe('preload', () => {
  it('exposes exactly the contract methods and event subscription, never ipcRenderer', async () => {
    fake = createFakeElectron();
    vi.resetModules();
    await import('../../../electron/preload');
    const bridge = fake.contextBridge.exposed.get('turkbench') as TurkbenchBridge;
    expect([...fake.contextBridge.exposed.keys()]).toEqual(['turkbench']);
    expect(Object.keys(bridge).sort()).toEqual(['api', 'on']);
    expect(Object.keys(bridge.api).sort()).toEqual([...METHOD_NAMES].sort());
    expect(JSON.stringify(Object.keys(bridge))).not.toContain('ipcRenderer');

    await bridge.api['prefs.set']({ theme: 'dark' });
    expect(fake.ipcRenderer.invoked).toEqual([{ channel: ipcChannel('prefs.set'), input: { theme: 'dark' } }]);
  });

  it('delivers only the subscribed event and unsubscribes cleanly', async () => {
    fake = createFakeElectron();
    vi.resetModules();
    await import('../../../electron/preload');
    const bridge = fake.contextBridge.exposed.get('turkbench') as TurkbenchBridge;
    const got: unknown[] = [];
    const off = bridge.on('connection.changed', (payload) => got.push(payload));
    fake.ipcRenderer.emit(IPC_EVENT_CHANNEL, { name: 'prefs.changed', payload: 1 });
    fake.ipcRenderer.emit(IPC_EVENT_CHANNEL, { name: 'connection.changed', payload: 2 });
    off();
    fake.ipcRenderer.emit(IPC_EVENT_CHANNEL, { name: 'connection.changed', payload: 3 });
    expect(got).toEqual([2]);
    expect(() => bridge.on('no.such.event' as never, () => {})).toThrow(/Unknown event/);
  });
});
