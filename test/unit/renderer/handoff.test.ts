import { describe, expect, it } from 'vitest';
import { handoff } from '../../../renderer/src/stores/handoff';

describe('handoff', () => {
  it('gives the last value given, once', () => {
    const batch = handoff<string>();
    expect(batch.take()).toBeNull();
    batch.give('b1');
    batch.give('b2');
    expect(batch.take()).toBe('b2');
    expect(batch.take()).toBeNull();
  });
});
