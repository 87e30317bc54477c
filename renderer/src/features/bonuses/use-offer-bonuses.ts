import { useCallback } from 'react';
import { useAppStore } from '../../stores/app-store';
import { offeredBonuses, type OfferedBonuses } from '../../stores/bonus-draft-store';

/** "Bonus these": the chosen work becomes a ledger draft in the Bonuses area, where amounts and reasons are written and checked. */
export function useOfferBonuses(): (offer: OfferedBonuses) => void {
  const goTo = useAppStore((s) => s.goTo);
  return useCallback(
    (offer: OfferedBonuses) => {
      if (offer.work.length === 0) return;
      offeredBonuses.give(offer);
      window.location.hash = '/bonuses';
      goTo('bonuses');
    },
    [goTo],
  );
}
