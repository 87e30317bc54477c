/**
 * What every crowd element shares: render once the parser has delivered its children, build UI from text only
 * (template attributes are untrusted text, never markup), and report answers to the crowd-form.
 */

/** An element whose state becomes part of the crowd-form's answers. */
export interface AnswerSource {
  /** The `[key, value]` pairs this element adds to the answers object (most add one; a radio group one per button). */
  answerEntries(): Array<[string, unknown]>;
  /** Why the form may not be submitted yet (a required answer missing), or null. */
  missingAnswer(): string | null;
  /** Moves focus to where the missing answer is given. */
  focusAnswer(): void;
}

export function isAnswerSource(node: unknown): node is AnswerSource & HTMLElement {
  return node instanceof HTMLElement && typeof (node as Partial<AnswerSource>).answerEntries === 'function';
}

/** An element that can show a submitted answer (a review replay); `answers` is the whole object crowd-form posted. */
export interface ReplayTarget {
  showAnswer(answers: Readonly<Record<string, unknown>>): void;
}

export function isReplayTarget(node: unknown): node is ReplayTarget & HTMLElement {
  return node instanceof HTMLElement && typeof (node as Partial<ReplayTarget>).showAnswer === 'function';
}

/** Runs `fn` once the document is parsed: custom elements upgrade before their children exist. */
export function whenParsed(fn: () => void): void {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', fn, { once: true });
  else fn();
}

type Props = Record<string, string | number | boolean | undefined>;

/** Creates an element with attributes and text content (never innerHTML). */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === false) continue;
    if (key === 'text') el.textContent = String(value);
    // Through the CSSOM, which a page CSP without 'unsafe-inline' still allows (a style attribute would be blocked).
    else if (key === 'style') el.style.cssText = String(value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children) el.append(child);
  return el;
}

/** Child nodes a manual slot can show (elements and text). */
export function slottable(parent: Node): Array<Element | Text> {
  return [...parent.childNodes].filter((n): n is Element | Text => n instanceof Element || n instanceof Text);
}

const SVG_NS = 'http://www.w3.org/2000/svg';
export function svg<K extends keyof SVGElementTagNameMap>(tag: K, props: Props = {}): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(props)) if (value !== undefined && value !== false) el.setAttribute(key, String(value));
  return el;
}

export abstract class CrowdElement extends HTMLElement {
  private rendered = false;
  protected root!: ShadowRoot;
  /** Manual slots let an element show a named child region (short-instructions, classification-target…) where it wants. */
  protected shadowInit: ShadowRootInit = { mode: 'open', slotAssignment: 'manual' };

  connectedCallback(): void {
    if (this.rendered) return;
    this.rendered = true;
    whenParsed(() => {
      this.root = this.shadowRoot ?? this.attachShadow(this.shadowInit);
      this.render();
    });
  }

  protected abstract render(): void;

  /**
   * Styles the shadow root with a constructed stylesheet: unlike a <style> element, it needs no 'unsafe-inline' in
   * the page's CSP.
   */
  protected adoptStyles(css: string): void {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(BASE_CSS + css);
    this.root.adoptedStyleSheets = [sheet];
  }

  /** A slot showing this element's child region `<tag>` (e.g. short-instructions), or null when absent. */
  protected region(tag: string): HTMLSlotElement | null {
    const child = [...this.children].find((c) => c.localName === tag);
    if (!child) return null;
    const slot = h('slot');
    queueMicrotask(() => slot.assign(child));
    return slot;
  }

  protected attr(name: string, fallback = ''): string {
    return this.getAttribute(name) ?? fallback;
  }

  /** The closest crowd-form's submit (Enter in several elements submits, as in the real ones). */
  protected requestSubmit(): void {
    const form = this.closest('crowd-form') as (HTMLElement & { submitAnswers?: () => void }) | null;
    form?.submitAnswers?.();
  }
}

export const BASE_CSS = `
:host { display: block; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; font-size: 14px; color: #16191f; }
:host([hidden]) { display: none; }
.header { font-size: 18px; font-weight: 600; margin: 0 0 12px; }
button { font: inherit; }
button.choice { display: flex; align-items: center; gap: 8px; width: 100%; text-align: left; padding: 8px 10px; margin: 0 0 6px;
  border: 1px solid #aab7b8; border-radius: 4px; background: #fff; cursor: pointer; }
button.choice:hover { background: #f2f8fd; }
button.choice[aria-pressed="true"], button.choice[aria-checked="true"] { border-color: #0073bb; background: #e6f2fb; box-shadow: inset 0 0 0 1px #0073bb; }
button.choice:focus-visible, button:focus-visible, input:focus-visible { outline: 2px solid #0073bb; outline-offset: 1px; }
.key { display: inline-block; min-width: 18px; padding: 0 4px; border: 1px solid #aab7b8; border-radius: 3px; font-size: 12px; text-align: center; color: #545b64; }
.panel { border: 1px solid #d5dbdb; border-radius: 4px; padding: 12px; background: #fff; }
.side { width: 260px; flex: none; }
.layout { display: flex; gap: 16px; align-items: flex-start; }
.main { flex: 1; min-width: 0; }
.instructions { color: #545b64; margin-bottom: 12px; }
details summary { cursor: pointer; color: #0073bb; }
.error { color: #d13212; font-size: 13px; margin-top: 4px; }
`;
