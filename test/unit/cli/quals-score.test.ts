import { describe, expect, it, vi } from 'vitest';
import { parseCommand } from '../../../cli/args';
import type { Asker } from '../../../cli/confirm';
import type { Session } from '../../../cli/session';
import { parseScore, qualsVerb } from '../../../cli/verbs/quals';
import { CliFailure } from '../../../cli/output';
import { refusal } from './support/refusal';

/** A session whose qualification calls are recorded and then stop the verb, so nothing reaches MTurk. */
function fakeSession() {
  const stop = { ok: false, error: { kind: 'validation', message: 'stopped by the test' } };
  const qualifications = { updateType: vi.fn(async () => stop), accept: vi.fn(async () => stop) };
  const session = { services: { qualifications }, out: { note: vi.fn() }, context: vi.fn(() => ({})) } as unknown as Session;
  return { session, qualifications };
}

const run = async (...argv: string[]): Promise<string> => {
  const { session } = fakeSession();
  const failure = await qualsVerb(parseCommand(argv), session, {} as Asker).then(() => undefined, (error: unknown) => error);
  expect(failure).toBeInstanceOf(CliFailure);
  return (failure as Error).message;
};

describe('quals scores', () => {
  it('reads plain decimal integers across the 32-bit range', () => {
    expect(parseScore('90', 'score')).toBe(90);
    expect(parseScore(' -5 ', 'score')).toBe(-5);
    expect(parseScore('2147483647', 'auto-grant')).toBe(2_147_483_647);
    expect(parseScore('-2147483648', 'score')).toBe(-2_147_483_648);
  });

  it('refuses an empty score, exponents, hex and values MTurk cannot store, naming the option', () => {
    const range = 'a whole number from -2147483648 to 2147483647, in digits';
    expect(refusal(() => parseScore('', 'score'))).toBe(`--score needs ${range}; got "".`);
    expect(refusal(() => parseScore('1e20', 'score'))).toBe(`--score needs ${range}; got "1e20".`);
    expect(refusal(() => parseScore('99999999999', 'score'))).toBe(`--score needs ${range}; got "99999999999".`);
    expect(refusal(() => parseScore('2147483648', 'score'))).toBe(`--score needs ${range}; got "2147483648".`);
    expect(refusal(() => parseScore('0x10', 'auto-grant'))).toBe(`--auto-grant needs ${range}; got "0x10".`);
    expect(refusal(() => parseScore('', 'auto-grant'))).toBe(`--auto-grant needs ${range}; got "".`);
  });

  it('refuses bad --score, --auto-grant, --retry-delay and --test-duration before anything is sent', async () => {
    expect(await run('quals', 'accept', 'REQ1', '--score', '')).toBe('--score needs a whole number from -2147483648 to 2147483647, in digits; got "".');
    expect(await run('quals', 'update', 'TYPE1', '--auto-grant', '')).toBe('--auto-grant needs a whole number from -2147483648 to 2147483647, in digits; got "".');
    expect(await run('quals', 'update', 'TYPE1', '--retry-delay', '')).toBe('--retry-delay needs a whole number from 0 to 31536000, in digits; got "".');
    expect(await run('quals', 'update', 'TYPE1', '--retry-delay', '0x15180')).toBe('--retry-delay needs a whole number from 0 to 31536000, in digits; got "0x15180".');
    expect(await run('quals', 'update', 'TYPE1', '--test-duration', '1e3')).toBe('--test-duration needs a whole number from 1 to 31536000, in digits; got "1e3".');
  });

  it('passes good values on as numbers', async () => {
    const { session, qualifications } = fakeSession();
    await expect(qualsVerb(parseCommand(['quals', 'update', 'TYPE1', '--retry-delay', '86400', '--test-duration', '600', '--auto-grant=-3']), session, {} as Asker)).rejects.toThrow('stopped by the test');
    expect(qualifications.updateType).toHaveBeenCalledWith('TYPE1', { retryDelaySeconds: 86_400, testDurationSeconds: 600, autoGranted: true, autoGrantedValue: -3 }, {});
    await expect(qualsVerb(parseCommand(['quals', 'accept', 'REQ1', '--score', '007']), session, {} as Asker)).rejects.toThrow('stopped by the test');
    expect(qualifications.accept).toHaveBeenCalledWith(['REQ1'], 7, {});
  });
});
