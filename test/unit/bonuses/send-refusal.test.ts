import { describe, expect, it } from 'vitest';
import type { LedgerCheck } from '../../../shared/contract/bonuses';
import { sendRefusal } from '../../../electron/services/bonuses/bonus-ledger-service';

const checked = (over: Partial<LedgerCheck> = {}): LedgerCheck => ({
  fileName: 'ledger.csv',
  encoding: 'UTF-8',
  rows: [],
  findings: [],
  errors: 0,
  ready: 2,
  alreadyPaid: 0,
  totals: { bonusCents: 300, feeCents: 60, totalCents: 360 },
  perWorker: [],
  capCents: 2_000,
  connection: { id: 'live', label: 'Lab account', production: false },
  balance: { availableCents: 1_000, afterCents: 640 },
  checkedOnMTurk: true,
  typeToConfirm: null,
  existingLedger: null,
  ...over,
});

describe('when a checked ledger may be sent', () => {
  it('may be sent when every row is valid, the name is typed on Production and the money is there', () => {
    expect(sendRefusal(checked(), {})).toBeNull();
    expect(sendRefusal(checked({ typeToConfirm: 'Lab account', connection: { id: 'live', label: 'Lab account', production: true } }), { typedConnectionName: ' Lab account ' })).toBeNull();
  });

  it('refuses rows in error, naming the first and the count', () => {
    const refusal = sendRefusal(checked({ errors: 2, findings: [{ row: 3, field: 'Amount', value: '1.005', message: 'Row 3, Amount: "1.005" has more than two decimals; MTurk pays whole cents.', severity: 'error' }] }), {});
    expect(refusal).toMatchObject({ kind: 'validation', field: 'Amount', message: '2 problems in ledger.csv; nothing was sent. The first: Row 3, Amount: "1.005" has more than two decimals; MTurk pays whole cents.' });
  });

  it('refuses Production without the connection name typed, and a total above the balance', () => {
    const production = checked({ typeToConfirm: 'Lab account', connection: { id: 'live', label: 'Lab account', production: true } });
    expect(sendRefusal(production, {})).toMatchObject({ field: 'typedConnectionName', message: expect.stringContaining('PRODUCTION') });
    expect(sendRefusal(production, { typedConnectionName: 'Lab' })).toMatchObject({ field: 'typedConnectionName' });
    expect(sendRefusal(checked({ balance: { availableCents: 100, afterCents: -260 } }), {})).toMatchObject({ kind: 'insufficient-funds', message: expect.stringContaining('cost $3.60') });
  });
});
