import { useEffect, useState } from 'react';
import type { ArchiveTable } from '../../../../shared/contract/archive';
import { bridge } from '../../api/bridge';
import { watchArchiveTables } from '../../data/live-query';

/**
 * A counter that increases whenever the archive changes one of `tables` (or the connections change): grids that page
 * by themselves restart on it. The table dependency is the live-query one; every listener is released on unmount.
 */
export function useArchiveRefresh(tables: readonly ArchiveTable[]): number {
  const [key, setKey] = useState(0);
  const wanted = tables.join(',');
  useEffect(() => {
    if (!bridge) return;
    const bump = (): void => setKey((k) => k + 1);
    const offChanged = watchArchiveTables(bridge, wanted.split(',') as ArchiveTable[], undefined, bump);
    const offConnection = bridge.on('connections.changed', bump);
    return () => {
      offChanged();
      offConnection();
    };
  }, [wanted]);
  return key;
}
