import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A batch folder on disk: `rows` rows of a sentence-rating HTMLQuestion, each row's text unique. */
export function sentenceBatch(rows: number, batch: Record<string, unknown> = {}): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'tb-batch-')), 'sentences');
  mkdirSync(dir);
  writeFileSync(
    join(dir, 'batch.json'),
    JSON.stringify({ Title: 'Rate a sentence', Description: 'Read one sentence and rate how natural it sounds.', Reward: '0.10', MaxAssignments: 2, LifetimeInSeconds: 86_400, ...batch }),
  );
  writeFileSync(
    join(dir, 'template.html'),
    '<!DOCTYPE html><html><body><crowd-form><p id="s">${sentence}</p><crowd-slider name="rating" min="1" max="5" required></crowd-slider></crowd-form></body></html>',
  );
  const lines = Array.from({ length: rows }, (_, i) => `"Sentence number ${i + 1} <${i % 7 === 0 ? 'b' : 'i'}>"`);
  writeFileSync(join(dir, 'input.csv'), `sentence\n${lines.join('\n')}\n`);
  return dir;
}
