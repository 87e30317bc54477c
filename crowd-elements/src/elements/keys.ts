/** Page-level keyboard shortcuts (number keys pick categories/labels) must never fire while the worker types. */

/** The element that really has focus, looking through shadow roots. */
export function deepActiveElement(): Element | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

export function isTyping(): boolean {
  const active = deepActiveElement();
  if (!active) return false;
  if (active instanceof HTMLTextAreaElement || active instanceof HTMLSelectElement) return true;
  if (active instanceof HTMLInputElement) return !['button', 'checkbox', 'radio', 'range', 'submit', 'reset'].includes(active.type);
  return active instanceof HTMLElement && active.isContentEditable;
}

/** Every element with number-key shortcuts; with focus nowhere in particular, the first of them takes the keys. */
const SHORTCUT_ELEMENTS = [
  'crowd-classifier',
  'crowd-classifier-multi-select',
  'crowd-image-classifier',
  'crowd-image-classifier-multi-select',
  'crowd-bounding-box',
  'crowd-keypoint',
  'crowd-polygon',
  'crowd-line',
  'crowd-polyline',
  'crowd-entity-annotation',
].join(', ');

/** Whether a shortcut pressed now belongs to `owner`: focus is inside it, or focus is idle and it comes first. */
export function ownsShortcuts(owner: HTMLElement): boolean {
  if (isTyping()) return false;
  const active = document.activeElement;
  if (active && (active === owner || owner.contains(active))) return true;
  const idle = active === null || active === document.body || active === document.documentElement;
  return idle && document.querySelector(SHORTCUT_ELEMENTS) === owner;
}

/** "1".."9" → 0..8, "0" → 9; anything else → -1. */
export function digitIndex(key: string): number {
  if (!/^[0-9]$/.test(key)) return -1;
  return key === '0' ? 9 : Number(key) - 1;
}
