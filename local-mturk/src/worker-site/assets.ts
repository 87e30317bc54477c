/**
 * The worker site's static files, kept in the bundle (the Local MTurk also runs inside the app's main-process bundle,
 * where files beside the sources do not exist). Pages load them from /worker/static/; none is inline, so the pages'
 * CSP needs no 'unsafe-inline'.
 */

/** Worker pages: the work page follows its assignment and moves on once the task frame has submitted it. */
const SITE_JS = `'use strict';
(function () {
  var main = document.querySelector('[data-status-url]');
  if (!main) return;
  var statusUrl = main.getAttribute('data-status-url');
  var next = main.getAttribute('data-next-url');
  function poll() {
    fetch(statusUrl, { credentials: 'same-origin', cache: 'no-store' })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (body) {
        if (body && body.status && body.status !== 'Accepted') window.location.assign(next);
        else window.setTimeout(poll, 1000);
      })
      .catch(function () { window.setTimeout(poll, 2000); });
  }
  window.setTimeout(poll, 1000);
})();
`;

/** QuestionForm task documents: the regex and selection-count checks HTML attributes cannot express. */
const QUESTION_FORM_JS = `'use strict';
(function () {
  function selectedCount(group) {
    var count = 0;
    group.querySelectorAll('input[type=checkbox], input[type=radio]').forEach(function (input) { if (input.checked) count++; });
    var select = group.querySelector('select');
    if (select) Array.prototype.forEach.call(select.selectedOptions, function (option) { if (option.value !== '') count++; });
    var other = group.querySelector('[name^="other."]');
    if (other && other.value !== '') count++;
    return count;
  }
  function checkGroup(group) {
    var min = Number(group.getAttribute('data-min'));
    var max = Number(group.getAttribute('data-max'));
    var count = selectedCount(group);
    var message = '';
    if (count === 0 && min > 0) message = 'Choose an answer.';
    else if (count > 0 && count < min) message = 'Choose at least ' + min + '.';
    else if (count > max) message = 'Choose at most ' + max + '.';
    var first = group.querySelector('input[type=checkbox], input[type=radio], select');
    if (first) first.setCustomValidity(message);
  }
  function checkText(input) {
    var message = '';
    if (input.value !== '') {
      var rules = JSON.parse(input.getAttribute('data-regexes'));
      for (var i = 0; i < rules.length; i++) {
        if (!new RegExp(rules[i].regex, rules[i].flags).test(input.value)) { message = rules[i].errorText; break; }
      }
    }
    input.setCustomValidity(message);
  }
  function checkAll() {
    document.querySelectorAll('[data-regexes]').forEach(checkText);
    document.querySelectorAll('[data-selection]').forEach(checkGroup);
  }
  document.addEventListener('input', checkAll);
  document.addEventListener('change', checkAll);
  document.addEventListener('submit', function (event) {
    checkAll();
    if (!event.target.checkValidity()) { event.preventDefault(); event.target.reportValidity(); }
  });
  checkAll();
})();
`;

const SITE_CSS = `
:root { --ink: #0f1111; --muted: #565959; --line: #d5d9d9; --bar: #232f3e; --accent: #e47911; --link: #007185; --ok: #067d62; --bad: #b12704; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 Arial, Helvetica, sans-serif; color: var(--ink); background: #fff; }
a { color: var(--link); text-decoration: none; }
a:hover { text-decoration: underline; }
header.bar { display: flex; align-items: center; gap: 24px; background: var(--bar); color: #fff; padding: 8px 20px; }
header.bar .brand { font-weight: bold; font-size: 16px; color: #fff; }
header.bar nav a { color: #fff; margin-right: 16px; }
header.bar nav a.current { border-bottom: 2px solid var(--accent); }
header.bar .who { margin-left: auto; display: flex; gap: 12px; align-items: center; font-size: 13px; }
header.bar form { margin: 0; }
header.bar button { background: none; border: 1px solid #8d9096; color: #fff; border-radius: 3px; padding: 2px 8px; cursor: pointer; }
main { padding: 16px 20px; }
h1 { font-size: 20px; margin: 0 0 12px; }
h2 { font-size: 16px; margin: 20px 0 8px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: #f3f3f3; font-weight: bold; white-space: nowrap; }
td.num, th.num { text-align: right; white-space: nowrap; }
.muted { color: var(--muted); }
.ok { color: var(--ok); }
.bad { color: var(--bad); }
.notice { border: 1px solid var(--line); border-left: 4px solid var(--accent); padding: 8px 12px; margin: 0 0 12px; background: #fffaf3; }
.notice.error { border-left-color: var(--bad); background: #fff5f5; }
button, .button { background: #ffd814; border: 1px solid #fcd200; border-radius: 8px; padding: 4px 12px; cursor: pointer; color: var(--ink); font: inherit; }
button.secondary, .button.secondary { background: #fff; border-color: var(--line); }
form.inline { display: inline; margin: 0; }
form.search { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; margin-bottom: 12px; }
form.search input[type=search] { width: 280px; padding: 4px 6px; }
.hitinfo { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 8px 16px; border: 1px solid var(--line); padding: 10px 12px; margin-bottom: 12px; }
.hitinfo div span { display: block; color: var(--muted); font-size: 12px; }
.actions { display: flex; gap: 8px; align-items: center; margin: 8px 0 12px; }
iframe.task { width: 100%; border: 1px solid var(--line); background: #fff; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); gap: 12px; }
.card { border: 1px solid var(--line); border-radius: 4px; padding: 10px 12px; }
.card h2 { margin-top: 0; }
.card dl { display: grid; grid-template-columns: 1fr auto; gap: 2px 12px; margin: 0; }
.card dd { margin: 0; text-align: right; font-weight: bold; }
.workers { display: grid; gap: 6px; max-width: 720px; }
.workers form { display: flex; gap: 12px; align-items: center; border: 1px solid var(--line); padding: 6px 10px; }
fieldset { border: 1px solid var(--line); max-width: 720px; }
fieldset label { display: inline-block; margin: 4px 16px 4px 0; }
.message { border-bottom: 1px solid var(--line); padding: 8px 0; }
.message pre { white-space: pre-wrap; font: inherit; margin: 4px 0 0; }
/* task documents (QuestionForm) */
body.task { padding: 12px 16px; }
.question, .overview { margin-bottom: 16px; }
.question .choice { display: block; margin: 4px 0; }
.question .choice p, .question .choice figure { display: inline; margin: 0; }
.question textarea, .question input[type=text], .question input[type=number] { width: 100%; max-width: 560px; padding: 4px 6px; font: inherit; }
.question select { min-width: 200px; }
.question figure { margin: 4px 0; }
.question img { max-width: 100%; }
`;

export const STATIC_FILES: Readonly<Record<string, { type: string; body: string }>> = {
  'site.js': { type: 'text/javascript; charset=utf-8', body: SITE_JS },
  'question-form.js': { type: 'text/javascript; charset=utf-8', body: QUESTION_FORM_JS },
  'site.css': { type: 'text/css; charset=utf-8', body: SITE_CSS },
};
