/**
 * What the Local MTurk serves under /demo/: the sign pictures of the labelling batch and the page of the
 * ExternalQuestion survey. Everything is generated in memory; nothing is read from disk, so a path can only name one
 * of these entries.
 */
import { createHash } from 'node:crypto';
import { SIGN_PICTURES } from './sign-images';

export const DEMO_PREFIX = '/demo/';
export const COMMUTE_SURVEY_PATH = '/demo/commute-survey.html';

export interface DemoAsset {
  readonly contentType: string;
  readonly body: string;
  readonly contentSecurityPolicy: string;
}

/**
 * The survey page's only script: like any ExternalQuestion page, it reads assignmentId and turkSubmitTo from its
 * query string, posts its form to turkSubmitTo's /mturk/externalSubmit, and stays read-only in preview.
 */
const SURVEY_SCRIPT = `
const params = new URLSearchParams(location.search);
const assignmentId = params.get('assignmentId') || 'ASSIGNMENT_ID_NOT_AVAILABLE';
const form = document.getElementById('survey');
document.getElementById('assignmentId').value = assignmentId;
const submitTo = params.get('turkSubmitTo');
if (submitTo) form.action = submitTo.replace(/\\/$/, '') + '/mturk/externalSubmit';
if (assignmentId === 'ASSIGNMENT_ID_NOT_AVAILABLE' || !submitTo) {
  document.getElementById('submit').disabled = true;
  document.getElementById('preview-note').hidden = false;
}
`;

const scriptHash = `'sha256-${createHash('sha256').update(SURVEY_SCRIPT).digest('base64')}'`;

const SURVEY_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>How do you get to work?</title>
<style>
  body { font: 15px/1.5 system-ui, sans-serif; max-width: 640px; margin: 24px auto; padding: 0 16px; color: #1d2430; }
  fieldset { border: 1px solid #cfd6df; border-radius: 6px; margin: 0 0 16px; padding: 12px 16px; }
  legend { font-weight: 600; }
  label { display: block; margin: 4px 0; }
  textarea, select, input[type=number] { font: inherit; }
  textarea { width: 100%; min-height: 80px; }
  .note { background: #fff4d6; padding: 8px 12px; border-radius: 6px; }
  button { font: inherit; padding: 6px 18px; }
</style>
</head>
<body>
<h1>How do you get to work?</h1>
<p>A 3-minute survey for a city transport study. There are no right or wrong answers.</p>
<p id="preview-note" class="note" hidden>Accept the HIT to answer this survey.</p>
<form id="survey" method="post">
  <input type="hidden" id="assignmentId" name="assignmentId">
  <fieldset>
    <legend>1. How do you usually get to work or school?</legend>
    <label><input type="radio" name="commute_mode" value="car" required> Car</label>
    <label><input type="radio" name="commute_mode" value="public_transport"> Bus, tram or train</label>
    <label><input type="radio" name="commute_mode" value="bicycle"> Bicycle</label>
    <label><input type="radio" name="commute_mode" value="walk"> On foot</label>
    <label><input type="radio" name="commute_mode" value="remote"> I work from home</label>
  </fieldset>
  <fieldset>
    <legend>2. How many minutes does the trip take, one way?</legend>
    <input type="number" name="commute_minutes" min="0" max="240" required>
  </fieldset>
  <fieldset>
    <legend>3. How many days a week do you work from home?</legend>
    <select name="remote_days" required>
      <option value="">Choose…</option>
      <option>0</option><option>1</option><option>2</option><option>3</option><option>4</option><option>5</option>
    </select>
  </fieldset>
  <fieldset>
    <legend>4. What would make your trip better? (optional)</legend>
    <textarea name="improvement" maxlength="500"></textarea>
  </fieldset>
  <button id="submit" type="submit">Submit</button>
</form>
<script>${SURVEY_SCRIPT}</script>
</body>
</html>
`;

const SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'";
/** The page posts only to a loopback Local MTurk or to MTurk's own submit targets. */
const PAGE_POLICY =
  `default-src 'none'; script-src ${scriptHash}; style-src 'unsafe-inline'; ` +
  'form-action http://127.0.0.1:* http://localhost:* https://www.mturk.com https://workersandbox.mturk.com';

const ASSETS: ReadonlyMap<string, DemoAsset> = new Map<string, DemoAsset>([
  [COMMUTE_SURVEY_PATH, { contentType: 'text/html; charset=utf-8', body: SURVEY_PAGE, contentSecurityPolicy: PAGE_POLICY }],
  ...SIGN_PICTURES.map(
    (picture): [string, DemoAsset] => [`${DEMO_PREFIX}signs/${picture.file}`, { contentType: 'image/svg+xml', body: picture.svg, contentSecurityPolicy: SVG_POLICY }],
  ),
]);

/** The asset at this path, or undefined. */
export function demoAsset(pathname: string): DemoAsset | undefined {
  return ASSETS.get(pathname);
}

export const signPictureUrl = (baseUrl: string, file: string): string => `${baseUrl}${DEMO_PREFIX}signs/${file}`;
