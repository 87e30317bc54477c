import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFERENCES, normalizePreferences } from '../../../shared/preferences';
import { createJsonFilePrefs } from '../../../electron/prefs/json-file-prefs';
import { defaultDataDir } from '../../../electron/core/data-dir';
import { parseServeArgs } from '../../../electron/serve/args';
import { memoryLogger } from '../../helpers/memory-log';

describe('preferences', () => {
  it('fall back per key to defaults for missing or invalid values', () => {
    expect(normalizePreferences(null)).toEqual(DEFAULT_PREFERENCES);
    expect(normalizePreferences({ theme: 'dark', lastArea: 'nowhere', sidebarCollapsed: 'yes' })).toEqual({ ...DEFAULT_PREFERENCES, theme: 'dark' });
    expect(DEFAULT_PREFERENCES.wageFloorCents).toBe(725);
    expect(normalizePreferences({ wageFloorCents: 1200 }).wageFloorCents).toBe(1200);
    expect(normalizePreferences({ wageFloorCents: -5 }).wageFloorCents).toBe(725);
    expect(normalizePreferences({ wageFloorCents: 7.5 }).wageFloorCents).toBe(725);
  });

  it('persist to a JSON file and survive a reload', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tb-prefs-')), 'nested', 'preferences.json');
    const first = createJsonFilePrefs(file, memoryLogger().log);
    first.set({ theme: 'dark', lastArea: 'review' });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ theme: 'dark', lastArea: 'review', version: 1 });
    expect(createJsonFilePrefs(file, memoryLogger().log).get()).toMatchObject({ theme: 'dark', lastArea: 'review' });
  });

  it('start from defaults, with a warning, when the file is corrupt', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tb-prefs-')), 'preferences.json');
    writeFileSync(file, '{ not json');
    const { log, lines } = memoryLogger();
    expect(createJsonFilePrefs(file, log).get()).toEqual(DEFAULT_PREFERENCES);
    expect(lines.some((l) => l.level === 'warn' && l.line.includes(file))).toBe(true);
  });
});

describe('data folder', () => {
  it('matches Electron userData per platform and honours TURKBENCH_DATA_DIR', () => {
    expect(defaultDataDir({}, 'linux', '/home/ada')).toBe('/home/ada/.config/Turkbench');
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/x' }, 'linux', '/home/ada')).toBe('/x/Turkbench');
    expect(defaultDataDir({}, 'darwin', '/Users/ada')).toBe('/Users/ada/Library/Application Support/Turkbench');
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, 'win32', 'C:\\Users\\ada')).toMatch(/Roaming.Turkbench$/);
    expect(defaultDataDir({ TURKBENCH_DATA_DIR: '/data/tb' }, 'linux', '/home/ada')).toBe('/data/tb');
  });
});

describe('serve arguments', () => {
  it('parse known flags and reject unknown or incomplete ones', () => {
    expect(parseServeArgs(['--port', '8080', '--data-dir', '/d'])).toEqual({ port: 8080, dataDir: '/d' });
    expect(() => parseServeArgs(['--port', 'eighty'])).toThrow(/--port/);
    expect(() => parseServeArgs(['--data-dir'])).toThrow(/needs a value/);
    expect(() => parseServeArgs(['--verbose'])).toThrow(/Unknown option "--verbose"/);
  });
});
