import { useState } from 'react';
import { DEFAULT_BONUS_CAP_CENTS } from '../../../../shared/contract/bonuses';
import { readBonusAmount } from '../../../../shared/domain/bonus-amount';
import { formatMoney } from '../../../../shared/domain/money';
import type { LedgerOptions } from './ledger-draft';

const MAX_CAP_CENTS = 100_000;

/** The per-payment cap and whether rejected work may be bonused; a change checks every row again. */
export function OptionsBar({ options, onChange }: { options: LedgerOptions | undefined; onChange(options: LedgerOptions): void }) {
  const current = options ?? { capCents: DEFAULT_BONUS_CAP_CENTS, allowRejected: false };
  const [cap, setCap] = useState(formatMoney(current.capCents));
  const read = readBonusAmount(cap);
  const problem = !read.ok ? read.message : read.cents > MAX_CAP_CENTS ? `The cap is at most ${formatMoney(MAX_CAP_CENTS)}.` : null;
  return (
    <div className="bonus-fill" role="group" aria-label="Checks">
      <label className="bonus-option">
        <span className="muted">Cap per payment $</span>
        <input value={cap} onChange={(e) => setCap(e.target.value)} onBlur={() => read.ok && !problem && read.cents !== current.capCents && onChange({ ...current, capCents: read.cents })}
          aria-label="Cap per payment" inputMode="decimal" aria-invalid={problem !== null} />
      </label>
      {problem && <span className="field__error" role="alert">{problem}</span>}
      <label className="bonus-option">
        <input type="checkbox" checked={current.allowRejected} onChange={(e) => onChange({ ...current, allowRejected: e.target.checked })} />
        <span>Allow rejected assignments</span>
      </label>
    </div>
  );
}
