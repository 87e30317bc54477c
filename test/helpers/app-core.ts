import { createAppCore, type AppCore } from '../../electron/core/app-core';
import { createMemoryPrefs } from '../../electron/prefs/json-file-prefs';
import { memoryLogger } from './memory-log';

export function testAppCore(): AppCore {
  return createAppCore({
    info: { name: 'Turkbench', version: '0.0.0-test', mode: 'serve', dataDir: '/tmp/turkbench-test', platform: 'linux', versions: { node: process.versions.node } },
    prefs: createMemoryPrefs(),
    log: memoryLogger().log,
  });
}
