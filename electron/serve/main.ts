/**
 * Composition root of serve mode (`npm run serve`): the same core as the desktop app, with the
 * loopback HTTP bridge as its transport. Prints the address to open and the one-time sign-in code.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { createAppCore } from '../core/app-core';
import { defaultDataDir } from '../core/data-dir';
import { fileSink, teeSink } from '../logging/file-sink';
import { consoleSink, createLogger } from '../logging/logger';
import { createJsonFilePrefs } from '../prefs/json-file-prefs';
import { parseServeArgs } from './args';
import { startHttpBridge } from './http-bridge';
import packageJson from '../../package.json';

const VERSION = packageJson.version;

async function main(): Promise<void> {
  const args = parseServeArgs(process.argv.slice(2));
  const dataDir = resolve(args.dataDir ?? defaultDataDir());
  const log = createLogger('serve', teeSink(consoleSink, fileSink(join(dataDir, 'logs', 'turkbench.log'))));
  const staticDir = resolve(args.staticDir ?? join(process.cwd(), 'out', 'renderer'));
  if (!existsSync(join(staticDir, 'index.html'))) {
    throw new Error(`The renderer is not built (${staticDir}/index.html is missing). Run \`npm run build\` first.`);
  }
  const core = createAppCore({
    info: { name: 'Turkbench', version: VERSION, mode: 'serve', dataDir, platform: process.platform, versions: { node: process.versions.node } },
    prefs: createJsonFilePrefs(join(dataDir, 'preferences.json'), log.child('prefs')),
    log,
    // A browser cannot reach the OS keychain through us safely, so browser mode never stores keys.
    keychain: { unavailable: 'browser mode has no access to the OS keychain.' },
    env: process.env,
    homeDir: homedir(),
  });
  // Started before the page is served: the page's policy names the preview host as the one origin it may frame.
  await core.services.batchEditor.startPreviewHost();
  const bridge = await startHttpBridge({ dispatch: core.dispatch, events: core.events, staticDir, log, port: args.port, previewOrigin: () => core.services.batchEditor.previewOrigin() });
  // The two lines scripts and tests wait for; keep their wording stable.
  process.stdout.write(`Turkbench is running at ${bridge.url}\n`);
  process.stdout.write(`One-time code: ${bridge.signInCode}\n`);
  process.stdout.write(
    `Open the address in your browser and enter the code: it signs in one browser, once (restart for a new code).\n` +
      `Data folder: ${dataDir}\nPress Ctrl+C to stop.\n`,
  );

  const stop = async (): Promise<void> => {
    await bridge.close();
    await core.dispose();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((e: unknown) => {
  process.stderr.write(`Turkbench could not start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
