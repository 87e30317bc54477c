import { describe, expect, it } from 'vitest';
import type { Result } from '../../../shared/result';
import { LiveQuery, type LiveState } from '../../../renderer/src/data/live-query';
import { FakeBridge, pending, settle, type Pending } from './support/fake-bridge';

/** A query whose every fetch waits for the test to answer it. */
function harness(deps: ConstructorParameters<typeof LiveQuery<string[]>>[2] = {}) {
  const bridge = new FakeBridge();
  const fetches: Pending<string[]>[] = [];
  const states: LiveState<string[]>[] = [];
  const query = new LiveQuery<string[]>(
    bridge,
    (): Promise<Result<string[]>> => {
      const next = pending<string[]>();
      fetches.push(next);
      return next.promise;
    },
    deps,
    (state) => states.push(state),
  );
  return { bridge, fetches, states, query };
}

describe('LiveQuery', () => {
  it('drops an older answer that arrives after a newer one', async () => {
    const { fetches, query } = harness();
    void query.start();
    void query.refetch();
    expect(fetches).toHaveLength(2);
    fetches[1]!.answer(['new']);
    await settle();
    fetches[0]!.answer(['old']);
    await settle();
    expect(query.state).toEqual({ status: 'ready', value: ['new'], error: null });
  });

  it('refetches when archive.changed names one of its tables for the active connection only', async () => {
    let active = 'lab';
    const { bridge, fetches, query } = harness({ tables: ['operations_journal'], connectionId: () => active });
    void query.start();
    bridge.emit('archive.changed', { connectionId: 'lab', tables: ['hits'] });
    bridge.emit('archive.changed', { connectionId: 'other', tables: ['operations_journal'] });
    expect(fetches).toHaveLength(1);
    bridge.emit('archive.changed', { connectionId: 'lab', tables: ['hits', 'operations_journal'] });
    expect(fetches).toHaveLength(2);
    active = 'other';
    bridge.emit('archive.changed', { connectionId: 'other', tables: ['operations_journal'] });
    expect(fetches).toHaveLength(3);
  });

  it('asks again once whenever the transport may have missed events, with or without tables', async () => {
    const withTables = harness({ tables: ['hits'], connectionId: () => 'lab' });
    void withTables.query.start();
    withTables.bridge.resync();
    expect(withTables.fetches).toHaveLength(2);
    const withEvents = harness({ events: ['connection.changed'] });
    void withEvents.query.start();
    withEvents.bridge.resync();
    expect(withEvents.fetches).toHaveLength(2);
    withEvents.query.dispose();
    withEvents.bridge.resync();
    expect(withEvents.fetches).toHaveLength(2);
    expect(withEvents.bridge.count()).toBe(0);
  });

  it('follows every connection when none is named', async () => {
    const { bridge, fetches, query } = harness({ tables: ['jobs'] });
    void query.start();
    bridge.emit('archive.changed', { connectionId: 'any', tables: ['jobs'] });
    expect(fetches).toHaveLength(2);
  });

  it('replays an event that overtook an answer onto that answer', async () => {
    const { bridge, fetches, query } = harness({ patches: { 'prefs.changed': (list, prefs) => [...list, prefs.theme] } });
    void query.start();
    bridge.emit('prefs.changed', { version: 1, theme: 'dark', lastArea: 'hits', sidebarCollapsed: false });
    fetches[0]!.answer(['read before the event']);
    await settle();
    expect(query.state.value).toEqual(['read before the event', 'dark']);
    bridge.emit('prefs.changed', { version: 1, theme: 'light', lastArea: 'hits', sidebarCollapsed: false });
    expect(query.state.value).toEqual(['read before the event', 'dark', 'light']);
  });

  it('keeps the last value beside an error, and recovers on the next answer', async () => {
    const bridge = new FakeBridge();
    const answers: Result<number>[] = [{ ok: true, value: 1 }, { ok: false, error: { kind: 'network', message: 'offline' } }, { ok: true, value: 3 }];
    const query = new LiveQuery<number>(bridge, async () => answers.shift()!, { events: ['connection.changed'] }, () => undefined);
    await query.start();
    await query.refetch();
    expect(query.state).toEqual({ status: 'failed', value: 1, error: { kind: 'network', message: 'offline' } });
    await query.refetch();
    expect(query.state).toEqual({ status: 'ready', value: 3, error: null });
  });

  it('releases every listener on dispose and ignores answers still in flight', async () => {
    const { bridge, fetches, states, query } = harness({
      tables: ['hits'],
      events: ['connection.changed', 'sync.progress'],
      patches: { 'job.progress': (list) => list },
    });
    void query.start();
    // Four events and the transport's resync.
    expect(bridge.count()).toBe(5);
    query.dispose();
    expect(bridge.count()).toBe(0);
    fetches[0]!.answer(['late']);
    await settle();
    expect(states).toEqual([]);
    bridge.emit('archive.changed', { connectionId: 'lab', tables: ['hits'] });
    expect(fetches).toHaveLength(1);
  });

  it('subscribes once however often it is started', async () => {
    const { bridge, fetches, query } = harness({ tables: ['hits'], events: ['connection.changed'] });
    void query.start();
    void query.start();
    void query.start();
    expect(bridge.count()).toBe(3);
    expect(fetches).toHaveLength(3);
  });
});
