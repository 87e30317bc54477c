import { describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW, restoreWindowState } from '../../../electron/shell/window-bounds';

const laptop = { x: 0, y: 0, width: 1440, height: 900 };
const monitor = { x: 1440, y: 0, width: 2560, height: 1440 };

describe('restoring the window', () => {
  it('keeps a saved position that is on a connected display', () => {
    const saved = { x: 1600, y: 100, width: 1400, height: 900, maximized: false };
    expect(restoreWindowState(saved, [laptop, monitor])).toEqual(saved);
  });

  it('drops the position when its display is gone, keeping a size that fits', () => {
    const saved = { x: 1600, y: 100, width: 2000, height: 1200, maximized: true };
    expect(restoreWindowState(saved, [laptop])).toEqual({ width: 1440, height: 900, maximized: true });
  });

  it('does not trust a title bar above the top of every display', () => {
    expect(restoreWindowState({ x: 100, y: -300, width: 1000, height: 700, maximized: false }, [laptop])).not.toHaveProperty('x');
  });

  it('falls back to defaults for anything that is not a saved state', () => {
    for (const bad of [undefined, null, 'big', { width: 10, height: 10, maximized: false }, { width: 1200 }]) {
      expect(restoreWindowState(bad, [laptop])).toEqual(DEFAULT_WINDOW);
    }
  });
});
