/** The sidebar's state in the window (see sidebar-state.ts for the rule). */
import { useCallback, useEffect, useState } from 'react';
import { NARROW_WINDOW_PX, sidebarCollapsed } from './sidebar-state';

const NARROW_QUERY = `(max-width: ${NARROW_WINDOW_PX - 1}px)`;

export function useSidebarCollapsed(preference: boolean, savePreference: (collapsed: boolean) => void): { collapsed: boolean; toggle: () => void } {
  const [narrow, setNarrow] = useState(() => window.matchMedia(NARROW_QUERY).matches);
  const [openedWhileNarrow, setOpenedWhileNarrow] = useState(false);
  useEffect(() => {
    const query = window.matchMedia(NARROW_QUERY);
    const onChange = (): void => {
      setNarrow(query.matches);
      // Opened for the moment: narrowing the window again starts collapsed again.
      setOpenedWhileNarrow(false);
    };
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);
  const collapsed = sidebarCollapsed(preference, narrow, openedWhileNarrow);
  // Stable between renders that change none of these: the keyboard shortcuts are registered again when it changes.
  const toggle = useCallback((): void => (narrow ? setOpenedWhileNarrow((open) => !open) : savePreference(!preference)), [narrow, preference, savePreference]);
  return { collapsed, toggle };
}
