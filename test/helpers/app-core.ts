import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAppCore, type AppCore } from '../../electron/core/app-core';
import { createMemoryPrefs } from '../../electron/prefs/json-file-prefs';
import { memoryLogger } from './memory-log';

export function testAppCore(): AppCore {
  return createAppCore({
    info: { name: 'Turkbench', version: '0.0.0-test', mode: 'serve', dataDir: mkdtempSync(join(tmpdir(), 'tb-core-')), platform: 'linux', versions: { node: process.versions.node } },
    prefs: createMemoryPrefs(),
    log: memoryLogger().log,
    keychain: { unavailable: 'tests use no keychain.' },
    env: {},
    homeDir: '/nonexistent-home',
    autoConnect: false,
  });
}
