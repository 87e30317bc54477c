/**
 * The plain pages of browser mode's sign-in: no script, one nonce'd stylesheet, one form that posts
 * the one-time code to this server. Rendered here rather than by the React app so that a browser
 * without a session gets nothing of the app at all.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `
  :root { color-scheme: light dark; font: 15px/1.5 system-ui, sans-serif; }
  body { max-width: 34rem; margin: 12vh auto; padding: 0 1.5rem; }
  h1 { font-size: 1.4rem; margin: 0 0 .5rem; }
  .problem { border-left: 4px solid #d33; padding: .4rem .8rem; background: rgba(221, 51, 51, .08); }
  label { display: block; margin: 1.2rem 0 .4rem; font-weight: 600; }
  input { font: 1.1rem ui-monospace, monospace; width: 100%; box-sizing: border-box; padding: .5rem; letter-spacing: .05em; }
  button { margin-top: 1rem; font: inherit; padding: .45rem 1.2rem; }
  code { font-family: ui-monospace, monospace; }
`;

export interface SignInPageOptions {
  readonly nonce: string;
  /** Shown above the form when the last attempt failed, in words saying what to do. */
  readonly problem?: string;
  /** A used code cannot become valid again: then the form is not offered. */
  readonly showForm: boolean;
}

export function signInPage(options: SignInPageOptions): string {
  const problem = options.problem ? `<p class="problem" role="alert">${escapeHtml(options.problem)}</p>` : '';
  const form = options.showForm
    ? `<form method="post" action="/session">
    <label for="code">One-time code</label>
    <input id="code" name="code" autocomplete="off" autocapitalize="characters" spellcheck="false" required autofocus />
    <button type="submit">Open Turkbench</button>
  </form>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <title>Turkbench — sign in</title>
  <link rel="icon" href="data:," />
  <style nonce="${options.nonce}">${STYLE}</style>
</head>
<body>
  <main>
    <h1>Open Turkbench</h1>
    <p>Enter the one-time code printed in the terminal where Turkbench started (<code>npm start</code> or <code>npm run serve</code>).
    It works once; this browser then stays signed in until Turkbench stops.</p>
    ${problem}
    ${form}
  </main>
</body>
</html>
`;
}

export const CODE_ALREADY_USED =
  'This code has already been used, so it cannot sign in another browser. Use the browser that signed in with it, or restart Turkbench (Ctrl+C, then npm start or npm run serve) to get a new code.';

export const CODE_WRONG = 'That is not the code Turkbench printed. Check the terminal and try again (dashes and capitals do not matter).';
