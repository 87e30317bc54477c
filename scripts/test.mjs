// `npm test`: lint, type-check, Electronegativity, build, then every vitest project (unit, integration, end-to-end in
// Chromium). Every step runs even if an earlier one failed, so one run shows every problem.
// The last line is the summary CI reads: "N passed, N failed". Zero tests run is a failure.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { bin, ROOT, run } from './lib.mjs';

const checks = [
  ['lint', bin('eslint'), ['.', '--max-warnings=0']],
  ['type-check (main, shared, Local MTurk, tests)', bin('tsc'), ['-p', 'tsconfig.node.json', '--noEmit']],
  ['type-check (renderer)', bin('tsc'), ['-p', 'tsconfig.web.json', '--noEmit']],
  ['Electronegativity (Electron security anti-patterns in electron/)', process.execPath, [join(ROOT, 'scripts', 'electronegativity.mjs')]],
  ['build (main, preload, renderer)', bin('electron-vite'), ['build', '--logLevel', 'warn']],
];

let passed = 0;
let failed = 0;
const failures = [];
for (const [name, command, args] of checks) {
  console.log(`\n▶ ${name}`);
  if ((await run(command, args)) === 0) passed++;
  else {
    failed++;
    failures.push(name);
  }
}

const report = join(ROOT, 'test-results', 'vitest.json');
mkdirSync(join(ROOT, 'test-results'), { recursive: true });
rmSync(report, { force: true });
console.log('\n▶ tests (unit, integration, end-to-end)');
const vitestCode = await run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)]);

let tests = { numPassedTests: 0, numFailedTests: 0, numTotalTests: 0 };
try {
  tests = JSON.parse(readFileSync(report, 'utf8'));
} catch {
  failures.push('vitest wrote no report');
  failed++;
}
passed += tests.numPassedTests;
failed += tests.numFailedTests;
if (tests.numTotalTests === 0) {
  failures.push('no tests ran');
  failed++;
} else if (vitestCode !== 0 && tests.numFailedTests === 0) {
  failures.push(`vitest exited with ${vitestCode}`);
  failed++;
}

if (failures.length) console.log(`\nFailed: ${failures.join('; ')}${tests.numFailedTests ? `; ${tests.numFailedTests} test(s)` : ''}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
