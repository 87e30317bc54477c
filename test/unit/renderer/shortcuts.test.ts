import { describe, expect, it } from 'vitest';
import { isTextEntry, shortcutsAllowed } from '../../../renderer/src/app/shortcut-guard';

describe('when shortcuts act', () => {
  it('never while a modal dialog is open', () => {
    expect(shortcutsAllowed({ modalOpen: true, target: { tagName: 'BUTTON' } })).toBe(false);
    expect(shortcutsAllowed({ modalOpen: false, target: { tagName: 'BUTTON' } })).toBe(true);
    expect(shortcutsAllowed({ modalOpen: false, target: null })).toBe(true);
  });

  it('never while typing in a text field, a text area, a select or editable content', () => {
    for (const target of [{ tagName: 'INPUT' }, { tagName: 'INPUT', type: 'search' }, { tagName: 'INPUT', type: 'password' }, { tagName: 'TEXTAREA' }, { tagName: 'SELECT' }, { tagName: 'DIV', isContentEditable: true }]) {
      expect(shortcutsAllowed({ modalOpen: false, target }), JSON.stringify(target)).toBe(false);
    }
  });

  it('still on checkboxes, radios and buttons, which take no typing', () => {
    expect(isTextEntry({ tagName: 'INPUT', type: 'checkbox' })).toBe(false);
    expect(isTextEntry({ tagName: 'INPUT', type: 'radio' })).toBe(false);
    expect(isTextEntry({ tagName: 'A' })).toBe(false);
  });
});
