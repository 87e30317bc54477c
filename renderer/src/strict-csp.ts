import { provideGlobalGridOptions } from 'ag-grid-community';
import { config } from 'zod';

/**
 * What the page needs to run under its strict Content-Security-Policy; imported first by main.tsx.
 *
 * - No eval: zod probes for it (new Function) to speed up parsing, which the policy reports as a
 *   violation. Jitless mode never tries.
 * - No inline styles: the only <style> elements allowed carry this response's nonce, which the server
 *   puts in a meta tag. The grid injects its theme that way.
 */
config({ jitless: true });

const styleNonce = document.querySelector<HTMLMetaElement>('meta[name="turkbench-style-nonce"]')?.content;
if (styleNonce) provideGlobalGridOptions({ styleNonce });
