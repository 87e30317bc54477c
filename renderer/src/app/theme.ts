import { useEffect, useState } from 'react';
import type { Theme } from '../../../shared/preferences';

const NEXT: Record<Theme, Theme> = { system: 'light', light: 'dark', dark: 'system' };
export const nextTheme = (theme: Theme): Theme => NEXT[theme];

const DARK_QUERY = '(prefers-color-scheme: dark)';

/** Resolves "system" against the OS setting, following changes. Views that only need the answer use this. */
export function useResolvedTheme(theme: Theme): 'light' | 'dark' {
  const [systemDark, setSystemDark] = useState(() => window.matchMedia(DARK_QUERY).matches);
  useEffect(() => {
    const media = window.matchMedia(DARK_QUERY);
    const onChange = (e: MediaQueryListEvent): void => setSystemDark(e.matches);
    media.addEventListener('change', onChange);
    return () => media.removeEventListener('change', onChange);
  }, []);
  return theme === 'system' ? (systemDark ? 'dark' : 'light') : theme;
}

/** The shell's one call: resolves the theme and keeps <html data-theme> in step. */
export function useAppliedTheme(theme: Theme): 'light' | 'dark' {
  const applied = useResolvedTheme(theme);
  useEffect(() => {
    document.documentElement.dataset.theme = applied;
  }, [applied]);
  return applied;
}
