import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The same folder Electron's app.getPath('userData') gives for productName "Turkbench", so the
 * desktop app and serve mode share one archive and one preferences file.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  if (env.TURKBENCH_DATA_DIR) return env.TURKBENCH_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Turkbench');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Turkbench');
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Turkbench');
}
