/** The folders the batch editor e2e opens: a Requester-website classifier template, its rows and properties, and a hostile one. */
export const TEMPLATE = `<!-- Image classification, as the Requester website's project template writes it -->
<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>

<crowd-form answer-format="flatten-objects">
  <crowd-image-classifier
    src="\${image_url}"
    categories="['Cat', 'Dog', 'Neither']"
    header="What animal is in this photo?"
    name="animal">
    <short-instructions>Pick the animal in the photo: \${caption}</short-instructions>
    <full-instructions header="How to label">
      <p>If there is no cat or dog, or you cannot tell, pick <strong>Neither</strong>.</p>
    </full-instructions>
  </crowd-image-classifier>
</crowd-form>
`;

export const INPUT = `image_url,caption
https://images.example.invalid/photos/0001.jpg,Tabby on a sofa
https://images.example.invalid/photos/0002.jpg,Spaniel in the park
https://images.example.invalid/photos/0003.jpg,Parrot <b>on</b> a perch
`;

export const BATCH = {
  Title: 'Which animal is in the photo?',
  Description: 'Look at one photo and pick the animal in it.',
  Keywords: 'image, animal',
  Reward: '0.05',
  MaxAssignments: 3,
  AssignmentDurationInSeconds: 600,
  LifetimeInSeconds: 259200,
  AutoApprovalDelayInSeconds: 259200,
  QualificationRequirements: [{ QualificationTypeId: '000000000000000000L0', Comparator: 'GreaterThanOrEqualTo', IntegerValues: [95] }],
  question: 'template.html',
};

/** Every way it could try to reach the app; each attempt's outcome is written into the frame's own page. */
export const hostileTemplate = (appOrigin: string): string => `<!DOCTYPE html>
<html><body>
<h1>Hostile \${caption}</h1>
<pre id="results"></pre>
<script>
  const out = (line) => { document.getElementById('results').textContent += line + '\\n'; };
  try { parent.document.body.innerHTML = 'pwned'; out('parent.document: reached'); } catch (e) { out('parent.document: ' + e.name); }
  try { top.document.title = 'pwned'; out('top.document: reached'); } catch (e) { out('top.document: ' + e.name); }
  try { out('localStorage: ' + typeof window.localStorage.length); } catch (e) { out('localStorage: ' + e.name); }
  try { out('cookie: [' + document.cookie + ']'); } catch (e) { out('cookie: ' + e.name); }
  try { top.location = 'https://evil.example.invalid/'; out('top.location: assigned'); } catch (e) { out('top.location: ' + e.name); }
  fetch('${appOrigin}/api/connections.list', { method: 'POST', credentials: 'include', body: '{}' })
    .then((r) => r.text()).then((t) => out('fetch: ' + t.slice(0, 80)), (e) => out('fetch: ' + e.name))
    .finally(() => out('done'));
</script>
</body></html>
`;

/** A small picture for each photo address, so the test never leaves loopback and the screenshots show the rows. */
export const photo = (label: string): string =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="300"><rect width="480" height="300" fill="#c9d7ee"/><text x="240" y="160" font-size="36" text-anchor="middle" font-family="sans-serif">${label}</text></svg>`;
