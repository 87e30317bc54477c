/** Whether a key press may act as a shortcut (pure: no DOM, unit-tested). */

/** Where a key press happened, as far as shortcuts care. */
export interface KeyContext {
  /** A modal dialog is open: its own keys (Escape closes it) are the only ones that apply. */
  readonly modalOpen: boolean;
  readonly target: { readonly tagName: string; readonly type?: string; readonly isContentEditable?: boolean } | null;
}

/** Inputs whose keys type text; a checkbox or a button does not. */
const NON_TEXT_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image']);

export function isTextEntry(target: KeyContext['target']): boolean {
  if (!target) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName.toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  return tag === 'INPUT' && !NON_TEXT_INPUTS.has((target.type ?? 'text').toLowerCase());
}

/** App and screen shortcuts never act inside a dialog or while typing: they would navigate away from what was typed. */
export function shortcutsAllowed(context: KeyContext): boolean {
  return !context.modalOpen && !isTextEntry(context.target);
}
