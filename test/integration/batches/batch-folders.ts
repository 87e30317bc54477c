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

/** The animals a `photoBatch` asks workers to tell apart, and the one each row's picture shows. */
export const PHOTO_CATEGORIES = ['Cat', 'Dog', 'Bird'] as const;
export const photoAnimal = (row: number): string => PHOTO_CATEGORIES[(row - 1) % PHOTO_CATEGORIES.length]!;

/** A small picture naming the row and its animal, as a data: URL (no network involved). */
export function photoUrl(row: number): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="120"><rect width="240" height="120" fill="#3b6ea5"/><text x="16" y="70" font-size="28" fill="#fff">${photoAnimal(row)} #${row}</text></svg>`;
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

/**
 * A folder made the way the Requester website's "image classification" project makes one: its template loads the
 * crowd-html-elements script from MTurk's CDN, asks with a <crowd-classifier> inside a <crowd-form>, and shows each
 * row's picture from `${image_url}`; `input.csv` has a picture and a caption per row.
 */
export function photoBatch(rows: number, batch: Record<string, unknown> = {}): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'tb-batch-')), 'animal-photos');
  mkdirSync(dir);
  writeFileSync(
    join(dir, 'batch.json'),
    JSON.stringify({ name: 'Animal photos', Title: 'Which animal is in the photo?', Description: 'Look at one photo and pick the animal it shows.', Keywords: 'image, classification', Reward: '0.05', MaxAssignments: 2, LifetimeInSeconds: 86_400, AssignmentDurationInSeconds: 600, ...batch }),
  );
  writeFileSync(
    join(dir, 'template.html'),
    [
      '<!-- You must include this JavaScript file -->',
      '<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>',
      '',
      '<!-- For the full list of available Crowd HTML Elements and their input/output documentation,',
      '      please refer to https://docs.aws.amazon.com/sagemaker/latest/dg/sms-ui-template-reference.html -->',
      '<crowd-form>',
      `  <crowd-classifier name="animal" categories="${JSON.stringify(PHOTO_CATEGORIES).replaceAll('"', "'")}" header="Which animal is in the photo?">`,
      '    <classification-target>',
      '      <img src="${image_url}" alt="${caption}" style="max-width: 100%; max-height: 240px">',
      '      <p>${caption}</p>',
      '    </classification-target>',
      '    <full-instructions header="Instructions"><p>Pick the animal the photo shows. If you cannot tell, pick the closest.</p></full-instructions>',
      '    <short-instructions><p>Pick the animal in the photo.</p></short-instructions>',
      '  </crowd-classifier>',
      '</crowd-form>',
      '',
    ].join('\n'),
  );
  const lines = Array.from({ length: rows }, (_, i) => `"${photoUrl(i + 1)}","Photo ${i + 1} of the shelter, ${photoAnimal(i + 1).toLowerCase()} run"`);
  writeFileSync(join(dir, 'input.csv'), `image_url,caption\n${lines.join('\n')}\n`);
  return dir;
}
