import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';

vi.mock('electron', () => ({ Menu: { setApplicationMenu: () => undefined, buildFromTemplate: (t: unknown) => t } }));
const { menuTemplate } = await import('../../../electron/shell/menu');

/** Every role in the template, submenus included. */
function roles(items: readonly MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [...(item.role ? [item.role] : []), ...(Array.isArray(item.submenu) ? roles(item.submenu) : [])]);
}

describe('application menu', () => {
  it('keeps the Edit menu everywhere (text-field shortcuts on macOS depend on it) and the app menu on macOS', () => {
    expect(roles(menuTemplate('darwin', true))).toEqual(expect.arrayContaining(['appMenu', 'editMenu', 'windowMenu']));
    expect(roles(menuTemplate('win32', true))).toContain('editMenu');
    expect(roles(menuTemplate('linux', true))).not.toContain('appMenu');
  });

  it('has no reload (Ctrl/⌘+R belongs to the app) and developer tools only in development', () => {
    for (const platform of ['darwin', 'linux', 'win32'] as const) {
      expect(roles(menuTemplate(platform, true))).not.toEqual(expect.arrayContaining(['reload']));
      expect(roles(menuTemplate(platform, true))).not.toContain('forceReload');
      expect(roles(menuTemplate(platform, true))).not.toContain('toggleDevTools');
      expect(roles(menuTemplate(platform, false))).toContain('toggleDevTools');
    }
  });
});
