// `npm start`: the desktop app when the Electron runtime is available, otherwise the same workbench
// in the browser (serve mode) — so `npm start` always ends with a working Turkbench.
import { join } from 'node:path';
import { electronBinary } from './electron-runtime.mjs';
import { bin, ROOT, run } from './lib.mjs';

const electronDir = join(ROOT, 'node_modules', 'electron');

let electron = electronBinary(electronDir);
if (!electron && process.env.TURKBENCH_BROWSER !== '1') {
  // Only reached when the runtime really is missing: once it is there, starts are silent.
  console.log('The Electron runtime is not installed yet; fetching it…');
  await run(process.execPath, [join(electronDir, 'install.js')], { quiet: true });
  electron = electronBinary(electronDir);
}

if (electron) {
  const built = await run(bin('electron-vite'), ['build', '--logLevel', 'warn']);
  if (built !== 0) process.exit(built);
  process.exit(await run(electron, ['.', ...process.argv.slice(2)]));
}

console.log(`
The Electron runtime is not available on this machine (it could not be downloaded, or
TURKBENCH_BROWSER=1 is set), so Turkbench will run in browser mode instead: the same app and the
same data, served on 127.0.0.1 only. Open the address printed below in your browser and enter the
one-time code printed with it (it signs in one browser, once). To get the desktop window later, run \`npx install-electron\` on a machine with internet
access (or set ELECTRON_OVERRIDE_DIST_PATH to an Electron 45 build) and run \`npm start\` again.
`);
process.exit(await run(process.execPath, [join(ROOT, 'scripts', 'serve.mjs'), ...process.argv.slice(2)]));
