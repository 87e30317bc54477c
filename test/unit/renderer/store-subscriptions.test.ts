import { describe, expect, it } from 'vitest';
import type { ConnectionStatus } from '../../../shared/contract/app';
import type { ConnectionsOverview } from '../../../shared/contract/connections';
import { DEFAULT_PREFERENCES } from '../../../shared/preferences';
import { createAppStore } from '../../../renderer/src/stores/create-app-store';
import { createConnectionsStore } from '../../../renderer/src/stores/create-connections-store';
import { FakeBridge, pending, settle } from './support/fake-bridge';

const overview = (activeId: string) => ({ activeId, connections: [] }) as unknown as ConnectionsOverview;
const status = (id: string): ConnectionStatus => ({ id, kind: 'local', label: id, state: 'online', detail: '' }) as ConnectionStatus;

describe('the connections store', () => {
  it('follows connections.changed with one listener however often the Settings screen loads it', async () => {
    const bridge = new FakeBridge();
    const useConnectionsStore = createConnectionsStore(bridge);
    bridge.answer('connections.list', () => ({ ok: true, value: overview('local') }));
    for (let i = 0; i < 5; i++) await useConnectionsStore.getState().load();
    expect(bridge.count('connections.changed')).toBe(1);
    bridge.emit('connections.changed', overview('lab'));
    expect(useConnectionsStore.getState().overview?.activeId).toBe('lab');
    useConnectionsStore.getState().dispose();
    expect(bridge.count()).toBe(0);
  });

  it('keeps the newest list when an older answer arrives last', async () => {
    const bridge = new FakeBridge();
    const useConnectionsStore = createConnectionsStore(bridge);
    const first = pending<ConnectionsOverview>();
    const second = pending<ConnectionsOverview>();
    const answers = [first, second];
    bridge.answer('connections.list', () => answers.shift()!.promise);
    void useConnectionsStore.getState().load();
    void useConnectionsStore.getState().load();
    second.answer(overview('newer'));
    await settle();
    first.answer(overview('older'));
    await settle();
    expect(useConnectionsStore.getState().overview?.activeId).toBe('newer');
  });
});

describe('the app store', () => {
  function answerShell(bridge: FakeBridge, connection = status('local')) {
    bridge.answer('app.info', () => ({ ok: true, value: { name: 'Turkbench', version: '0', mode: 'serve', dataDir: '/tmp' } as never }));
    bridge.answer('prefs.get', () => ({ ok: true, value: DEFAULT_PREFERENCES }));
    bridge.answer('connection.status', () => ({ ok: true, value: connection }));
  }

  it('leaves one listener per event after repeated loads, and none after dispose', async () => {
    const bridge = new FakeBridge();
    const useAppStore = createAppStore(bridge);
    answerShell(bridge);
    await useAppStore.getState().load();
    await useAppStore.getState().load();
    await useAppStore.getState().load();
    expect(useAppStore.getState().status).toBe('ready');
    expect(bridge.count('prefs.changed')).toBe(1);
    expect(bridge.count('connection.changed')).toBe(1);
    bridge.emit('connection.changed', status('lab'));
    expect(useAppStore.getState().connection?.id).toBe('lab');
    useAppStore.getState().dispose();
    expect(bridge.count()).toBe(0);
  });

  it('keeps a connection change that overtook the first status answer', async () => {
    const bridge = new FakeBridge();
    const useAppStore = createAppStore(bridge);
    answerShell(bridge);
    const slow = pending<ConnectionStatus>();
    bridge.answer('connection.status', () => slow.promise);
    const loading = useAppStore.getState().load();
    bridge.emit('connection.changed', status('switched'));
    slow.answer(status('before-switch'));
    await loading;
    expect(useAppStore.getState().connection?.id).toBe('switched');
  });
});
