import type { ConnectionContext } from './connection-context';

export interface BalanceAfter {
  readonly availableCents: number;
  readonly afterCents: number;
}

/** The connection's available balance now and after spending `totalCents`; null when MTurk cannot be asked. */
export async function balanceAfter(context: ConnectionContext, totalCents: number): Promise<BalanceAfter | null> {
  const gateway = await context.gateway();
  if (!gateway.ok) return null;
  const balance = await gateway.value.getAccountBalance();
  return balance.ok ? { availableCents: balance.value.availableCents, afterCents: balance.value.availableCents - totalCents } : null;
}
