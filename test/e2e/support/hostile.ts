import type { Page } from 'playwright-core';

/**
 * Payloads that would run code, change the page or mislead the reader if the app ever treated untrusted
 * text as markup, a template, a URL or a style. Each one that could run calls window.__pwned(tag).
 */
export const PAYLOADS = {
  img: `<img src=x onerror="window.__pwned('img')">`,
  script: `<script>window.__pwned('script')</script>`,
  jsUrl: `javascript:window.__pwned('js-url')`,
  svg: `"><svg onload="window.__pwned('svg')">`,
  template: `{{7*7}} \${window.__pwned('template')} {{constructor.constructor('window.__pwned(1)')()}}`,
  css: `</style><style>*{background:url("javascript:window.__pwned('css')") !important;display:none}</style>`,
  link: `<a href="javascript:window.__pwned('link')">click</a>`,
  iframe: `<iframe srcdoc="<script>parent.__pwned('iframe')</script>"></iframe>`,
} as const;

/** U+202E makes "photo‮gnp.exe" read as "photoexe.png" unless it is isolated and shown. */
export const RLO_NAME = 'photo\u202Egnp.exe';

export const ALL_PAYLOADS = Object.values(PAYLOADS).join(' ');

export interface Watch {
  /** Every way code could have run or the page was interfered with, as seen so far. */
  findings(): Promise<string[]>;
}

/** Installs the tripwires before any page script runs: a callable __pwned, dialog and CSP listeners. */
export async function watchForExecution(page: Page): Promise<Watch> {
  const seen: string[] = [];
  await page.exposeFunction('__pwned', (tag: unknown) => seen.push(`__pwned(${String(tag)}) was called`));
  // Strings, not functions: this file is type-checked without the DOM library.
  await page.addInitScript(`
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ': ' + e.blockedURI));
  `);
  page.on('dialog', (dialog) => {
    seen.push(`a ${dialog.type()} dialog opened: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => seen.push(`page error: ${error.message}`));
  return {
    async findings() {
      const csp = await page.evaluate<string[]>('window.__csp');
      return [...seen, ...csp.map((v) => `CSP violation: ${v}`)];
    },
  };
}

/** Widths that would betray a value overflowing its box (the 33-million-pixel panel). */
export async function overflow(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(`(() => {
    const problems = [];
    const viewport = window.innerWidth;
    if (document.documentElement.scrollWidth > viewport) problems.push('page is ' + document.documentElement.scrollWidth + 'px wide in a ' + viewport + 'px window');
    for (const selector of ${JSON.stringify(['.content', '.detail', '.hit-panel', '.answer-panel', '.archive', '.dialog[open]', '.toolbar'])}) {
      for (const el of document.querySelectorAll(selector)) {
        const box = el.getBoundingClientRect();
        if (box.right > viewport + 1) problems.push(selector + ' reaches ' + Math.round(box.right) + 'px in a ' + viewport + 'px window');
        // Nothing here should scroll sideways: long values wrap (the grids scroll their own columns inside).
        if (selector !== '.content' && el.scrollWidth > el.clientWidth + 1) problems.push(selector + ' content is ' + el.scrollWidth + 'px wide in a ' + el.clientWidth + 'px box');
      }
    }
    return problems;
  })()`);
}
