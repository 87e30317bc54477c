/**
 * <crowd-form>: gathers every answer inside it into one `taskAnswers` JSON and posts it, with the assignment id, to
 * `${turkSubmitTo}/mturk/externalSubmit` — the way MTurk's own crowd-form submits. <crowd-button>: a button, which
 * submits the form when `form-action="submit"`.
 */
import { checkValueKey, isRecord, taskAnswersJson } from '../answers';
import { CrowdElement, h, isAnswerSource, slottable } from './base';

const PREVIEW_ID = 'ASSIGNMENT_ID_NOT_AVAILABLE';
const NOT_ANSWERS = new Set(['submit', 'button', 'reset', 'image', 'file']);

export class CrowdForm extends CrowdElement {
  protected override shadowInit: ShadowRootInit = { mode: 'open' };
  private message!: HTMLDivElement;
  private submitButton: HTMLButtonElement | null = null;
  /** Set once the answers are on their way: a second click must not post them twice. */
  private sent = false;
  /** A review replay: the answers shown are someone's submitted work and are never posted again. */
  private replayNote: string | null = null;

  private get params(): URLSearchParams {
    return new URLSearchParams(window.location.search);
  }

  private get isPreview(): boolean {
    const id = this.params.get('assignmentId');
    return id === null || id === '' || id === PREVIEW_ID;
  }

  protected render(): void {
    this.message = h('div', { class: 'message', role: 'alert', 'aria-live': 'assertive' });
    this.adoptStyles(FORM_CSS);
    this.root.append(h('slot'), this.message);
    // The template may bring its own submit button; otherwise the form adds one, as the real one does.
    if (!this.querySelector('crowd-button[form-action="submit"]')) {
      this.submitButton = h('button', { type: 'button', class: 'submit', text: 'Submit' });
      this.submitButton.addEventListener('click', () => this.submitAnswers());
      this.root.append(h('div', { class: 'actions' }, this.submitButton));
    }
    if (this.isPreview) {
      if (this.submitButton) this.submitButton.disabled = true;
      for (const button of this.querySelectorAll('crowd-button[form-action="submit"]')) button.setAttribute('disabled', '');
      this.showMessage('This is a preview. Accept the HIT before you submit.', 'info');
    }
    // A blocking message goes away as soon as the worker changes something.
    const clearError = () => {
      if (this.message.classList.contains('error')) this.showMessage('', 'info');
    };
    this.addEventListener('input', clearError);
    this.addEventListener('change', clearError);
    this.addEventListener('click', (event) => this.onClick(event));
    this.addEventListener('keydown', (event) => this.onKeydown(event));
  }

  /** Templates call `crowdForm.submit()` as on a form element. */
  submit(): void {
    this.submitAnswers();
  }

  /** Validates, lets the template's own submit handlers veto, then posts the answers. */
  submitAnswers(): void {
    if (this.sent) return;
    if (this.replayNote !== null) {
      this.showMessage(this.replayNote, 'info');
      return;
    }
    if (this.isPreview) {
      this.showMessage('You must accept the HIT before you can submit the results.', 'error');
      return;
    }
    const missing = this.firstMissingAnswer();
    if (missing) {
      this.showMessage(missing.message, 'error');
      missing.focus();
      return;
    }
    // Templates validate in `crowdForm.onsubmit = (e) => { … e.preventDefault() }`.
    const proceed = this.dispatchEvent(new Event('submit', { cancelable: true }));
    if (!proceed) return;
    this.showMessage('', 'info');
    this.post(taskAnswersJson(this.collectAnswers(), this.answerFormat));
  }

  /** Read-only from now on: the submit buttons are disabled and `note` says why. */
  showReplay(note: string): void {
    this.replayNote = note;
    if (this.submitButton) this.submitButton.disabled = true;
    for (const button of this.querySelectorAll('crowd-button[form-action="submit"]')) button.setAttribute('disabled', '');
    this.showMessage(note, 'info');
  }

  private get answerFormat(): 'flatten-objects' | undefined {
    return this.getAttribute('answer-format') === 'flatten-objects' ? 'flatten-objects' : undefined;
  }

  /** Every answer inside the form, crowd elements and plain controls alike, in document order. */
  collectAnswers(): Record<string, unknown> {
    const values: Record<string, unknown> = {};
    for (const el of this.querySelectorAll('*')) {
      if (isAnswerSource(el)) {
        for (const [key, value] of el.answerEntries()) values[key] = mergeAnswer(values[key], value);
      } else if (isNativeControl(el) && el.name !== '' && !el.disabled && !el.closest('crowd-radio-group')) {
        addNativeAnswer(values, el);
      }
    }
    return values;
  }

  private firstMissingAnswer(): { message: string; focus: () => void } | null {
    for (const el of this.querySelectorAll('*')) {
      if (isAnswerSource(el)) {
        const message = el.missingAnswer();
        if (message) return { message, focus: () => el.focusAnswer() };
      } else if (isNativeControl(el) && !el.disabled && !el.checkValidity()) {
        const label = el.name || el.id || 'This field';
        return { message: `${label}: ${el.validationMessage}`, focus: () => el.focus() };
      }
    }
    return null;
  }

  /** Where answers go; only an http(s) origin is accepted (a `javascript:` one would run as the page). */
  private submitUrl(): string | null {
    const raw = this.params.get('turkSubmitTo') ?? 'https://www.mturk.com';
    try {
      const url = new URL(raw);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
      return `${url.href.replace(/\/+$/, '')}/mturk/externalSubmit`;
    } catch {
      return null;
    }
  }

  private post(taskAnswers: string): void {
    const action = this.submitUrl();
    if (!action) {
      this.showMessage('This page has no valid turkSubmitTo address, so the answers cannot be sent.', 'error');
      return;
    }
    const form = h('form', { method: 'post', action, hidden: true });
    const field = (name: string, value: string) => {
      const input = h('input', { type: 'hidden', name });
      input.value = value;
      return input;
    };
    form.append(field('assignmentId', this.params.get('assignmentId') ?? ''), field('taskAnswers', taskAnswers));
    document.body.append(form);
    this.sent = true;
    if (this.submitButton) this.submitButton.disabled = true;
    HTMLFormElement.prototype.submit.call(form);
  }

  private showMessage(text: string, kind: 'error' | 'info'): void {
    this.message.textContent = text;
    this.message.className = `message ${kind}`;
  }

  private onClick(event: MouseEvent): void {
    const target = event.target instanceof Element ? event.target : null;
    const trigger = target?.closest('crowd-button[form-action="submit"], button, input[type="submit"]');
    if (!trigger || !this.contains(trigger)) return;
    const isSubmit = trigger.localName === 'crowd-button' || trigger.localName === 'input' || (trigger as HTMLButtonElement).type === 'submit';
    if (!isSubmit || trigger.hasAttribute('disabled')) return;
    event.preventDefault();
    this.submitAnswers();
  }

  /** Enter in a one-line text field submits, as it does in a real form. */
  private onKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Enter' || event.defaultPrevented || event.isComposing) return;
    const target = event.composedPath()[0];
    if (target instanceof HTMLInputElement && !NOT_ANSWERS.has(target.type) && target.type !== 'checkbox' && target.type !== 'radio') {
      event.preventDefault();
      this.submitAnswers();
    }
  }
}

/** Checkboxes sharing a name report into one object: `{"colors": {"Red": true, "Green": false}}`. */
function mergeAnswer(existing: unknown, value: unknown): unknown {
  return isRecord(existing) && isRecord(value) ? { ...existing, ...value } : value;
}

type NativeControl = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

function isNativeControl(el: Element): el is NativeControl {
  if (el instanceof HTMLInputElement) return !NOT_ANSWERS.has(el.type);
  return el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement;
}

/** Plain controls in a crowd-form: text as strings, radios and checkboxes as `{value: checked}` per name. */
function addNativeAnswer(values: Record<string, unknown>, el: NativeControl): void {
  if (el instanceof HTMLInputElement && (el.type === 'radio' || el.type === 'checkbox')) {
    const states = (values[el.name] ?? {}) as Record<string, boolean>;
    states[checkValueKey(el.getAttribute('value'))] = el.checked;
    values[el.name] = states;
  } else if (el instanceof HTMLSelectElement && el.multiple) {
    values[el.name] = [...el.selectedOptions].map((o) => o.value);
  } else {
    values[el.name] = el.value;
  }
}

export class CrowdButton extends CrowdElement {
  protected render(): void {
    const button = h('button', { type: 'button', part: 'button', class: `variant-${this.attr('variant', 'normal')}` }, h('slot'));
    button.disabled = this.hasAttribute('disabled');
    this.adoptStyles(BUTTON_CSS);
    this.root.append(button);
    new MutationObserver(() => (button.disabled = this.hasAttribute('disabled'))).observe(this, { attributes: true, attributeFilter: ['disabled'] });
    const slot = button.querySelector('slot');
    slot?.assign(...slottable(this));
  }
}

const FORM_CSS = `
:host { display: block; }
.actions { margin-top: 16px; }
.submit { padding: 8px 20px; border: 1px solid #ec7211; border-radius: 2px; background: #ec7211; color: #fff; font-weight: 700; cursor: pointer; }
.submit:disabled { background: #d5dbdb; border-color: #d5dbdb; color: #687078; cursor: not-allowed; }
.message:empty { display: none; }
.message { margin-top: 12px; padding: 8px 12px; border-radius: 2px; }
.message.error { border: 1px solid #d13212; background: #fdf3f1; color: #d13212; }
.message.info { border: 1px solid #0073bb; background: #f1faff; color: #0073bb; }
`;

const BUTTON_CSS = `
:host { display: inline-block; }
button { padding: 6px 16px; border: 1px solid #545b64; border-radius: 2px; background: #fff; cursor: pointer; font-weight: 700; }
button.variant-primary { background: #ec7211; border-color: #ec7211; color: #fff; }
button:disabled { opacity: .5; cursor: not-allowed; }
`;
