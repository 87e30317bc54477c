import { colorSchemeDark, colorSchemeLight, themeQuartz } from 'ag-grid-community';

/** The grid follows the app's theme and type scale; built once per scheme. */
const base = themeQuartz.withParams({
  fontFamily: 'inherit',
  fontSize: 13,
  headerFontWeight: 600,
  spacing: 6,
  rowHeight: 32,
  headerHeight: 34,
  wrapperBorderRadius: 8,
});
const LIGHT = base.withPart(colorSchemeLight).withParams({ accentColor: '#2563eb', backgroundColor: '#ffffff', headerBackgroundColor: '#f3f4f7' });
const DARK = base.withPart(colorSchemeDark).withParams({ accentColor: '#6b9bff', backgroundColor: '#1e2128', headerBackgroundColor: '#262a33' });

export function gridTheme(applied: 'light' | 'dark') {
  return applied === 'dark' ? DARK : LIGHT;
}
