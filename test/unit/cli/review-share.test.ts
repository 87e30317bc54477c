import { describe, expect, it } from 'vitest';
import { qualityFilter } from '../../../cli/verbs/review';
import { refusal } from './support/refusal';

const refusalOf = (o: Record<string, string | undefined>): string => refusal(() => qualityFilter(o));

describe('review list --agreement-below / --gold-below', () => {
  it('reads a share or a percentage', () => {
    expect(qualityFilter({ 'agreement-below': '0.5', 'gold-below': '60%' })).toEqual({ agreementBelow: 0.5, goldBelow: 0.6 });
    expect(qualityFilter({ 'agreement-below': ' .25 ', 'gold-below': '100 %' })).toEqual({ agreementBelow: 0.25, goldBelow: 1 });
    expect(qualityFilter({ 'agreement-below': '0' })).toEqual({ agreementBelow: 0 });
    expect(qualityFilter({})).toEqual({});
  });

  it('refuses a share without digits instead of reading it as 0', () => {
    expect(refusalOf({ 'agreement-below': '%' })).toBe('--agreement-below %: give a share from 0 to 1, or a percentage like 60%.');
    expect(refusalOf({ 'gold-below': ' %' })).toBe('--gold-below  %: give a share from 0 to 1, or a percentage like 60%.');
    expect(refusalOf({ 'gold-below': '' })).toBe('--gold-below : give a share from 0 to 1, or a percentage like 60%.');
  });

  it('refuses forms Number() reads but nobody means, and shares out of range', () => {
    for (const text of ['0x1', '1e-1', '-0.1', '50%%', '.%', '2', '101%']) {
      expect(refusalOf({ 'agreement-below': text })).toBe(`--agreement-below ${text}: give a share from 0 to 1, or a percentage like 60%.`);
    }
  });
});
