#!/usr/bin/env node
// The installed `turkbench` command: the CLI as built by `npm run build` (out/main/cli.js).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { runCli } = require('../out/main/cli.js');
process.exitCode = await runCli(process.argv.slice(2));
