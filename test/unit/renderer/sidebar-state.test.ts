import { describe, expect, it } from 'vitest';
import { sidebarCollapsed } from '../../../renderer/src/app/sidebar-state';

describe('sidebarCollapsed', () => {
  it("follows the user's preference in a wide window", () => {
    expect(sidebarCollapsed(false, false, false)).toBe(false);
    expect(sidebarCollapsed(true, false, false)).toBe(true);
    // Opened in a narrow window earlier: says nothing once the window is wide again.
    expect(sidebarCollapsed(true, false, true)).toBe(true);
  });

  it('starts collapsed in a narrow window whatever the preference, until opened for the moment', () => {
    expect(sidebarCollapsed(false, true, false)).toBe(true);
    expect(sidebarCollapsed(true, true, false)).toBe(true);
    expect(sidebarCollapsed(false, true, true)).toBe(false);
  });
});
