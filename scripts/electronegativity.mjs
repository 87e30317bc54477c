// Electronegativity (Electron security anti-patterns) over electron/: exits non-zero on any finding.
// Findings that cannot be avoided are suppressed where they occur with `// eng-disable CHECK_ID`
// and a comment saying why, so a new one fails `npm test`.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT } from './lib.mjs';

const require = createRequire(join(ROOT, 'package.json'));
// The tool fetches updated translations from the internet on every run; the check must work offline
// and give the same answer everywhere, so it gets a stand-in that fails at once (English is bundled).
const gotPath = require.resolve('got', { paths: [require.resolve('@doyensec/electronegativity')] });
require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: () => Promise.reject(new Error('offline')) };
const run = require('@doyensec/electronegativity');

// The folder to check: electron/ (another only to test this script itself).
const input = process.argv[2] ?? join(ROOT, 'electron');
// Checks (by class name, as the tool wants them) this code base cannot satisfy in the form the tool
// recognises, each with the reason and what covers it instead:
const EXCLUDED = {
  // It looks for a CSP written as a string literal in the main process. Ours is built from directives in
  // electron/security/csp.ts and sent as a header with a per-response style nonce (app:// protocol and
  // serve mode); test/unit/foundation/security.test.ts and the end-to-end tests check it instead.
  CSPGlobalCheck: 'policy built in csp.ts, sent per response',
};
const log = console.log;
console.log = () => undefined; // its "could not retrieve translations" notice
const electronVersion = require(join(ROOT, 'node_modules', 'electron', 'package.json')).version;
const result = await run({ input, isRelative: true, excludeFromScan: Object.keys(EXCLUDED), parserPlugins: ['typescript'], electronVersionOverride: electronVersion }, false).finally(() => (console.log = log));

const findings = result.issues;
for (const issue of findings) {
  console.log(`${issue.id} ${issue.severity.name}/${issue.confidence.name}  ${issue.file}:${issue.location.line}:${issue.location.column}`);
  console.log(`  ${issue.description} (${issue.shortenedURL})`);
}
const broken = result.errors.filter((e) => !e.tolerable);
for (const error of broken) console.log(`could not analyse ${error.file}: ${error.message}`);
console.log(`Electronegativity: ${result.globalChecks + result.atomicChecks} checks, ${findings.length} finding(s), ${broken.length} file(s) not analysed.`);
process.exit(findings.length === 0 && broken.length === 0 ? 0 : 1);
