import { useEffect } from 'react';
import { shortcutsAllowed, type KeyContext } from './shortcut-guard';

export const isMac = (): boolean => /Mac|iPhone|iPad/.test(navigator.platform);
export const modKey = (): string => (isMac() ? '⌘' : 'Ctrl');

export interface ShortcutHandlers {
  onArea(index: number): void;
  onToggleSidebar(): void;
  onCycleTheme(): void;
  onHelp(): void;
  onJobs(): void;
}

export function keyContextOf(event: KeyboardEvent): KeyContext {
  const target = event.target instanceof HTMLElement ? event.target : null;
  return {
    modalOpen: document.querySelector('dialog[open]') !== null,
    target: target && { tagName: target.tagName, type: target instanceof HTMLInputElement ? target.type : undefined, isContentEditable: target.isContentEditable },
  };
}

/** App-wide keys: Ctrl/⌘+1…9 and 0 areas, Ctrl/⌘+J jobs, Ctrl/⌘+\ sidebar, Ctrl/⌘+Shift+L theme, ? help. */
export function useShortcuts(handlers: ShortcutHandlers): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!shortcutsAllowed(keyContextOf(e))) return;
      const mod = isMac() ? e.metaKey : e.ctrlKey;
      if (mod && !e.shiftKey && /^[0-9]$/.test(e.key)) {
        e.preventDefault();
        handlers.onArea((Number(e.key) + 9) % 10);
      } else if (mod && !e.shiftKey && e.key.toLowerCase() === 'j') {
        e.preventDefault();
        handlers.onJobs();
      } else if (mod && e.key === '\\') {
        e.preventDefault();
        handlers.onToggleSidebar();
      } else if (mod && e.shiftKey && e.key.toLowerCase() === 'l') {
        e.preventDefault();
        handlers.onCycleTheme();
      } else if (!mod && e.key === '?') {
        handlers.onHelp();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [handlers]);
}
