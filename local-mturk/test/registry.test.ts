import { describe, expect, it } from 'vitest';
import { OPERATION_NAMES } from '../src/model/validate';
import { OPERATIONS } from '../src/ops/registry';

describe('operation registry', () => {
  it('has a handler for each of the 39 modelled operations and nothing else', () => {
    expect(OPERATION_NAMES).toHaveLength(39);
    expect(Object.keys(OPERATIONS).sort()).toEqual([...OPERATION_NAMES].sort());
  });
});
