// `npm run serve`: build the bundles, then run Turkbench's loopback server (the same handlers as the
// desktop app) and print the URL to open. Extra arguments go to the server (--port, --data-dir).
import { bin, run } from './lib.mjs';

const built = await run(bin('electron-vite'), ['build', '--logLevel', 'warn']);
if (built !== 0) {
  console.error('The build failed; see the errors above.');
  process.exit(built);
}
process.exit(await run(bin('tsx'), ['electron/serve/main.ts', ...process.argv.slice(2)]));
