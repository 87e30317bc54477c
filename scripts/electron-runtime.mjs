// Finds the Electron runtime the way the `electron` package itself does, without triggering its download.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The executable's path inside an Electron build, per platform (what electron/install.js writes to path.txt). */
export function platformExecutable(platform = process.platform) {
  if (platform === 'darwin' || platform === 'mas') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

/**
 * The runtime's executable, or null when it is really missing. ELECTRON_OVERRIDE_DIST_PATH points at a build
 * that needs no path.txt (nothing was ever downloaded), so that case must not count as missing.
 */
export function electronBinary(electronDir, env = process.env, platform = process.platform) {
  const pathFile = join(electronDir, 'path.txt');
  const recorded = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const relative = recorded || platformExecutable(platform);
  const base = env.ELECTRON_OVERRIDE_DIST_PATH || join(electronDir, 'dist');
  const full = join(base, relative);
  return existsSync(full) ? full : null;
}
