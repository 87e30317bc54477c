import { useEffect } from 'react';

export const isMac = (): boolean => /Mac|iPhone|iPad/.test(navigator.platform);
export const modKey = (): string => (isMac() ? '⌘' : 'Ctrl');

export interface ShortcutHandlers {
  onArea(index: number): void;
  onToggleSidebar(): void;
  onCycleTheme(): void;
  onHelp(): void;
  onJobs(): void;
}

/** App-wide keys: Ctrl/⌘+1…9 and 0 areas, Ctrl/⌘+J jobs, Ctrl/⌘+\ sidebar, Ctrl/⌘+Shift+L theme, ? help. */
export function useShortcuts(handlers: ShortcutHandlers): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const mod = isMac() ? e.metaKey : e.ctrlKey;
      const typing = e.target instanceof HTMLElement && /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName);
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
      } else if (!mod && !typing && e.key === '?') {
        handlers.onHelp();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [handlers]);
}
