import { describe, expect, it } from 'vitest';
import { cellText, DISPLAY_LIMIT, displayText, revealHidden } from '../../../renderer/src/components/display-text';

describe('showing untrusted text', () => {
  it('makes a right-to-left override visible, so "gnp.exe" cannot pass for "exe.png"', () => {
    expect(revealHidden('photo\u202Egnp.exe')).toBe('photo⟨U+202E⟩gnp.exe');
  });

  it('marks every bidi control, zero-width and control character, and keeps tabs and line breaks', () => {
    const hidden = ['\u200B', '\u200E', '\u200F', '\u202A', '\u202B', '\u202C', '\u202D', '\u2066', '\u2067', '\u2068', '\u2069', '\u061C', '\uFEFF', '\u0000', '\u001B', '\u007F', '\u0085', '\u2028'];
    for (const ch of hidden) expect(revealHidden(`a${ch}b`), ch.codePointAt(0)!.toString(16)).toMatch(/^a⟨U\+[0-9A-F]{4}⟩b$/);
    expect(revealHidden('a\tb\nc\r\nd')).toBe('a\tb\nc\r\nd');
    expect(revealHidden('café, 東京, مرحبا')).toBe('café, 東京, مرحبا');
  });

  it('leaves markup as the characters it is (it is set as text, never parsed)', () => {
    expect(displayText('<img src=x onerror=window.__pwned()>').text).toBe('<img src=x onerror=window.__pwned()>');
  });

  it('cuts a huge value before doing anything else with it, and says how long it was', () => {
    const huge = 'x'.repeat(20_000_000);
    const shown = displayText(huge);
    expect(shown).toMatchObject({ truncated: true, length: 20_000_000 });
    expect(shown.text).toHaveLength(DISPLAY_LIMIT);
    expect(displayText('short')).toEqual({ text: 'short', truncated: false, length: 5 });
    expect(displayText(null)).toEqual({ text: '', truncated: false, length: 0 });
  });

  it('fits a grid cell on one line', () => {
    expect(cellText('two\nlines\t\u202Eand')).toBe('two lines ⟨U+202E⟩and');
    expect(cellText('y'.repeat(600))).toBe(`${'y'.repeat(500)}… (600 characters)`);
    // A value the grid page already cut still says how long it really is.
    expect(cellText('y'.repeat(10_000), 500, 20_000_000)).toBe(`${'y'.repeat(500)}… (20,000,000 characters)`);
    expect(cellText('short', 500, 20_000_000)).toBe('short… (20,000,000 characters)');
  });
});
