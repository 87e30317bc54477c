import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHttpBridge } from '../../../renderer/src/api/http-bridge';

/** Stands in for the browser's EventSource: the test opens it and delivers messages. */
class FakeEventSource {
  static made: FakeEventSource[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((message: { data: string }) => void) | null = null;
  constructor(readonly url: string) {
    FakeEventSource.made.push(this);
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
  FakeEventSource.made = [];
});

describe('the browser-mode bridge’s event stream', () => {
  it('opens one stream, delivers events by name, and asks every view again on each (re)open', () => {
    vi.stubGlobal('EventSource', FakeEventSource);
    const bridge = createHttpBridge();
    const changes: unknown[] = [];
    let resyncs = 0;
    bridge.on('archive.changed', (change) => changes.push(change));
    const off = bridge.onResync!(() => resyncs++);
    expect(FakeEventSource.made.map((s) => s.url)).toEqual(['/api/events']);
    const stream = FakeEventSource.made[0]!;

    // The first open: anything sent before it was missed.
    stream.onopen!();
    expect(resyncs).toBe(1);
    stream.onmessage!({ data: JSON.stringify({ name: 'archive.changed', payload: { connectionId: 'lab', tables: ['hits'] } }) });
    expect(changes).toEqual([{ connectionId: 'lab', tables: ['hits'] }]);
    // EventSource reconnects by itself after the server or the network went away, and opens again.
    stream.onopen!();
    expect(resyncs).toBe(2);
    off();
    stream.onopen!();
    expect(resyncs).toBe(2);
  });
});
