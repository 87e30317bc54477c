#!/usr/bin/env node
// The installed `turkbench` command: the CLI as built by `npm run build` (out/main/cli.js).
import { createRequire } from 'node:module';

// better-sqlite3's prebuilt binary crashes older Node versions outright: say so instead.
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  process.stderr.write(`turkbench needs Node.js 22 or newer; this is ${process.version}. In a checkout, use "npm run turkbench -- …" (it brings Node 24).\n`);
  process.exit(1);
}

const require = createRequire(import.meta.url);
const { runCli } = require('../out/main/cli.js');
process.exitCode = await runCli(process.argv.slice(2));
