import { useEffect, useState } from 'react';
import { bridge } from '../../api/bridge';

/** A counter that increases whenever the archive changes one of `tables` (views refetch on it). */
export function useArchiveRefresh(tables: readonly string[]): number {
  const [key, setKey] = useState(0);
  const wanted = tables.join(',');
  useEffect(() => {
    if (!bridge) return;
    const watch = new Set(wanted.split(','));
    const offChanged = bridge.on('archive.changed', (event) => {
      if (event.tables.some((t) => watch.has(t))) setKey((k) => k + 1);
    });
    const offConnection = bridge.on('connections.changed', () => setKey((k) => k + 1));
    return () => {
      offChanged();
      offConnection();
    };
  }, [wanted]);
  return key;
}
