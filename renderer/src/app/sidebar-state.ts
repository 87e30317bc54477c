/**
 * Whether the sidebar shows icons only. The user's choice (a preference) holds in a wide window; in a narrow one the
 * sidebar starts collapsed, because the grids and the review's replay need the room more, and the toggle opens it
 * for the moment without changing the preference.
 */

/** Narrower than this, the sidebar starts collapsed (the window's minimum is 960 px). */
export const NARROW_WINDOW_PX = 1100;

export function sidebarCollapsed(preference: boolean, narrow: boolean, openedWhileNarrow: boolean): boolean {
  return narrow ? !openedWhileNarrow : preference;
}
