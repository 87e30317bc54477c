import { useState } from 'react';

/** One amount and/or reason written into every row of the draft at once (each row can still be changed after). */
export function FillBar({ onFill }: { onFill(values: { Amount?: string; Reason?: string }): void }) {
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const apply = (): void => {
    onFill({ Amount: amount, Reason: reason });
    setAmount('');
    setReason('');
  };
  return (
    <form
      className="bonus-fill"
      aria-label="Fill every row"
      onSubmit={(e) => {
        e.preventDefault();
        apply();
      }}
    >
      <span className="muted">Every row:</span>
      <input value={amount} onChange={(e) => setAmount(e.target.value)} placeholder="Amount, like 0.50" aria-label="Amount for every row" inputMode="decimal" />
      <input value={reason} onChange={(e) => setReason(e.target.value)} placeholder="Reason" aria-label="Reason for every row" maxLength={4096} />
      <button type="submit" className="button button--small" disabled={amount.trim() === '' && reason.trim() === ''}>Fill</button>
    </form>
  );
}
