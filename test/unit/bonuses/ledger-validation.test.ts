import { describe, expect, it } from 'vitest';
import { readBonusAmount } from '../../../shared/domain/bonus-amount';
import { readLedgerFile } from '../../../electron/services/bonuses/ledger-file';
import { BONUS_AGE_LIMIT_DAYS, validateLedger, type ArchivedAssignment, type LedgerLookups } from '../../../electron/services/bonuses/ledger-validation';

const NOW = Date.UTC(2026, 11, 1);
const DAY = 86_400_000;
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

const ASSIGNMENTS: Record<string, ArchivedAssignment> = {
  A1: { workerId: 'W1', status: 'Approved', submitTime: NOW - DAY },
  A2: { workerId: 'W2', status: 'Submitted', submitTime: NOW - DAY },
  A3: { workerId: 'W1', status: 'Rejected', submitTime: NOW - DAY },
  A4: { workerId: 'W3', status: 'Approved', submitTime: NOW - (BONUS_AGE_LIMIT_DAYS + 1) * DAY },
  A5: { workerId: 'W3', status: 'Approved', submitTime: NOW - DAY },
};

const lookups = (paid: { workerId: string; assignmentId: string; amountCents: number; reason: string }[] = []): LedgerLookups => ({
  assignment: (id) => ASSIGNMENTS[id] ?? null,
  earlierPayment: (p) =>
    paid.some((x) => x.workerId === p.workerId && x.assignmentId === p.assignmentId && x.amountCents === p.amountCents && x.reason === p.reason) ? 'already paid on 2026-11-30' : null,
  otherBonuses: (workerId, assignmentId) => paid.filter((x) => x.workerId === workerId && x.assignmentId === assignmentId).length,
});

const options = { capCents: 2_000, allowRejected: false, now: NOW, connectionLabel: 'Lab' };
const check = (csv: string | Uint8Array, paid?: Parameters<typeof lookups>[0], extra: Partial<typeof options> = {}) =>
  validateLedger(readLedgerFile(typeof csv === 'string' ? utf8(csv) : csv), lookups(paid), { ...options, ...extra });

describe('reading a bonus amount', () => {
  it.each([
    ['1.25', 125],
    ['0.01', 1],
    ['3', 300],
    ['3.5', 350],
    [' 20.00 ', 2000],
  ])('reads %j as %i cents', (text, cents) => {
    expect(readBonusAmount(text)).toEqual({ ok: true, cents });
  });

  it.each([
    ['1.005', /more than two decimals/],
    ['-1', /negative/],
    ['1e3', /scientific notation/],
    ['$1.00', /currency sign; write the number alone, like 1.00/],
    ['1,00', /decimal comma; write 1.00/],
    ['1,000.00', /thousands separator/],
    ['', /empty/],
    ['1000000000', /far more than any bonus/],
    ['0.00', /zero/],
    ['abc', /not an amount/],
    ['.5', /not an amount/],
  ])('refuses %j, saying why', (text, why) => {
    const read = readBonusAmount(text);
    expect(read.ok).toBe(false);
    expect(read.ok ? '' : read.message).toMatch(why);
  });
});

describe('validating a ledger', () => {
  it('passes good rows and names every field of every bad row (fuzz)', () => {
    const csv = [
      'WorkerId,AssignmentId,Amount,Reason',
      'W1,A1,1.25,Great work', // 1 ok
      'W2,A2,1.005,Thanks', // 2 decimals
      'W2,A2,-1,Thanks', // 3 negative (and a repeat of row 2)
      'W1,A1,1e3,Thanks', // 4 scientific (repeat of 1)
      'W5,A5,$1.00,Thanks', // 5 currency, foreign worker
      'W1,A1,"1,00",Thanks', // 6 comma
      'W3,A5,,Thanks', // 7 empty amount
      'W3,A5,1000000000,Thanks', // 8 huge (repeat of 7)
      'W9,AUNKNOWN,1.00,Thanks', // 9 unknown assignment
      'W1,A3,1.00,Thanks', // 10 rejected
      'W3,A4,1.00,Thanks', // 11 too old
      'W2,A2,25.00,', // 12 over cap, no reason (repeat)
      'w1,A1,1.00,x', // 13 lower-case worker id
    ].join('\n');
    const { rows, findings } = check(csv);
    expect(rows.map((r) => r.state)).toEqual(['ready', ...Array(12).fill('error')]);
    const named = (row: number) => findings.filter((f) => f.row === row && f.severity === 'error').map((f) => `${f.field}: ${f.message}`);
    expect(named(1)).toEqual([]);
    expect(named(2)).toEqual([expect.stringMatching(/^Amount: Row 2, Amount: "1.005" has more than two decimals/)]);
    expect(named(3)).toEqual([expect.stringMatching(/^Amount: .*negative/), expect.stringMatching(/^AssignmentId: .*repeats row 2/)]);
    expect(named(4)).toEqual([expect.stringMatching(/scientific/), expect.stringMatching(/repeats row 1/)]);
    expect(named(5)).toEqual([expect.stringMatching(/^Amount: .*currency sign/), expect.stringMatching(/^WorkerId: .*A5 was done by W3, not W5/)]);
    expect(named(6)).toEqual([expect.stringMatching(/decimal comma/), expect.stringMatching(/repeats row 1/)]);
    expect(named(7)).toEqual([expect.stringMatching(/^Amount: .*empty/)]);
    expect(named(8)).toEqual([expect.stringMatching(/far more/), expect.stringMatching(/repeats row 7/)]);
    expect(named(9)).toEqual([expect.stringMatching(/^AssignmentId: .*not an assignment of Lab in the archive/)]);
    expect(named(10)).toEqual([expect.stringMatching(/^AssignmentId: .*was rejected/)]);
    expect(named(11)).toEqual([expect.stringMatching(new RegExp(`^AssignmentId: .*submitted ${BONUS_AGE_LIMIT_DAYS + 1} days ago`))]);
    expect(named(12)).toEqual([expect.stringMatching(/over the \$20.00 cap/), expect.stringMatching(/^Reason: .*empty/), expect.stringMatching(/repeats row 2/)]);
    expect(named(13)).toEqual([expect.stringMatching(/^WorkerId: .*"w1" is not a worker id/)]);
  });

  it('allows a rejected assignment and a higher cap when the requester says so', () => {
    const { rows } = check('WorkerId,AssignmentId,Amount,Reason\nW1,A3,25.00,Sorry about the rejection', [], { allowRejected: true, capCents: 5_000 });
    expect(rows).toEqual([expect.objectContaining({ state: 'ready', amountCents: 2_500 })]);
  });

  it('marks an exact repeat of an earlier payment "already paid", and warns about a different earlier bonus', () => {
    const paid = [{ workerId: 'W1', assignmentId: 'A1', amountCents: 125, reason: 'Great work' }];
    const { rows, findings } = check('WorkerId,AssignmentId,Amount,Reason\nW1,A1,1.25,Great work', paid);
    expect(rows[0]).toMatchObject({ state: 'already-paid', alreadyPaid: 'already paid on 2026-11-30' });
    expect(findings).toEqual([]);
    const other = check('WorkerId,AssignmentId,Amount,Reason\nW1,A1,0.50,Extra', paid);
    expect(other.rows[0]!.state).toBe('ready');
    expect(other.findings).toEqual([expect.objectContaining({ row: 1, severity: 'warning', message: expect.stringMatching(/already has another bonus/) })]);
  });

  it('names missing columns, short rows, empty files and wrong encodings, with no rows to send', () => {
    expect(check('WorkerId,AssignmentId,Reason\nW1,A1,x').findings).toEqual([expect.objectContaining({ row: null, field: 'columns', value: 'Amount', message: expect.stringMatching(/"Amount" is missing/) })]);
    expect(check('WorkerId,AssignmentId,Amount,Reason\nW1,A1,1.00').findings).toEqual([expect.objectContaining({ row: 1, message: expect.stringMatching(/has 3 cells but the header names 4/) })]);
    expect(check('').findings[0]!.message).toMatch(/empty/);
    expect(check('WorkerId,AssignmentId,Amount,Reason\nW1,A1,1.00,Thanks,').findings).toEqual([expect.objectContaining({ row: 1, message: expect.stringMatching(/has 5 cells but the header names 4/) })]);
    expect(check('WorkerId,AssignmentId,Amount,Reason\n').findings[0]!.message).toMatch(/no rows/);
    const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from('WorkerId,AssignmentId,Amount,Reason\nW1,A1,1.00,x', 'utf16le')]);
    const wide = check(utf16);
    expect(wide.rows).toEqual([]);
    expect(wide.findings).toEqual([expect.objectContaining({ field: 'encoding', value: 'UTF-16LE', message: expect.stringMatching(/UTF-16LE text, not UTF-8/) })]);
    const latin = check(new Uint8Array([...utf8('WorkerId,AssignmentId,Amount,Reason\nW1,A1,1.00,Merci '), 0xe9, 0x74, 0xe9]));
    expect(latin.findings).toEqual([expect.objectContaining({ field: 'encoding', value: 'Windows-1252' })]);
    // Column names are matched without regard to case or order; extra columns are kept out of the way.
    expect(check('reason,amount,Note,workerid,assignmentid\nThanks,1.00,n,W1,A1').rows).toEqual([expect.objectContaining({ state: 'ready', amountCents: 100 })]);
  });

  describe('refuses a row with more cells than the header, since an unquoted comma moves values into the wrong column', () => {
    it.each([
      ['a decimal comma (amount 1, reason "50")', 'W1,A1,1,50,Thanks for the great work'],
      ['a reason with a comma (reason "Great work")', 'W1,A1,1.00,Great work, thank you'],
    ])('%s', (_what, row) => {
      const { rows, findings } = check(`WorkerId,AssignmentId,Amount,Reason\nW1,A1,1.25,Great work\n${row}`);
      expect(rows.map((r) => r.rowNumber)).toEqual([1]);
      expect(findings).toEqual([
        expect.objectContaining({ row: 2, field: 'file', severity: 'error', message: expect.stringMatching(/^Row 2 \(line 3\) has 5 cells but the header names 4\. A comma inside a value .*decimal comma.*double quotes/) }),
      ]);
    });

    it('reads the same values once they are quoted', () => {
      const { rows, findings } = check('WorkerId,AssignmentId,Amount,Reason\nW1,A1,1.00,"Great work, thank you"');
      expect(findings).toEqual([]);
      expect(rows).toEqual([expect.objectContaining({ state: 'ready', amountCents: 100, reason: 'Great work, thank you' })]);
    });
  });
});
