import { useEffect } from 'react';
import { shortcutsAllowed } from '../../app/shortcut-guard';
import { isMac, keyContextOf } from '../../app/shortcuts';

export interface ArchiveShortcuts {
  onSync(): void;
  onImport(): void;
}

/**
 * Keys that only mean something on the Archive screen: Ctrl/⌘+R syncs (instead of reloading the window) and
 * Ctrl/⌘+O opens the import file chooser. Registered while the screen is mounted, so other areas keep the defaults.
 * In a dialog or a text field they do nothing — and Ctrl/⌘+R still does not reload, which would lose what was typed.
 */
export function useArchiveShortcuts(shortcuts: ArchiveShortcuts): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const mod = isMac() ? e.metaKey : e.ctrlKey;
      if (!mod || e.shiftKey || e.altKey) return;
      const key = e.key.toLowerCase();
      if (!shortcutsAllowed(keyContextOf(e))) {
        if (key === 'r') e.preventDefault();
        return;
      }
      if (key === 'r') {
        e.preventDefault();
        shortcuts.onSync();
      } else if (key === 'o') {
        e.preventDefault();
        shortcuts.onImport();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [shortcuts]);
}
