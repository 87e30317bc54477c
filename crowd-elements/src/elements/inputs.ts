/**
 * Form-style crowd elements: crowd-input, crowd-text-area, crowd-slider, crowd-checkbox and
 * crowd-radio-group / crowd-radio-button. Each wraps a real control in its shadow root.
 */
import { checkValueKey, isRecord } from '../answers';
import { answerNamed } from '../replay';
import { CrowdElement, h, slottable, type AnswerSource, type ReplayTarget } from './base';

abstract class TextLike extends CrowdElement implements AnswerSource, ReplayTarget {
  protected control!: HTMLInputElement | HTMLTextAreaElement;
  private error!: HTMLDivElement;
  private pendingValue: string | null = null;

  get value(): string {
    return this.control ? this.control.value : (this.pendingValue ?? this.attr('value'));
  }
  set value(text: string) {
    if (this.control) this.control.value = text;
    else this.pendingValue = text;
  }

  protected abstract createControl(): HTMLInputElement | HTMLTextAreaElement;

  protected render(): void {
    const id = 'control';
    this.control = this.createControl();
    this.control.id = id;
    this.control.name = this.attr('name');
    this.control.value = this.pendingValue ?? this.attr('value');
    this.control.disabled = this.hasAttribute('disabled');
    this.control.required = this.hasAttribute('required');
    const placeholder = this.getAttribute('placeholder');
    if (placeholder !== null) this.control.placeholder = placeholder;
    const maxLength = Number(this.getAttribute('max-length'));
    if (maxLength > 0) this.control.maxLength = maxLength;
    const minLength = Number(this.getAttribute('min-length'));
    if (minLength > 0) this.control.minLength = minLength;
    this.error = h('div', { class: 'error', role: 'alert' });
    const label = this.getAttribute('label');
    this.adoptStyles(TEXT_CSS);
    this.root.append(...(label ? [h('label', { for: id, text: label })] : []), this.control, this.error);
    if (this.hasAttribute('auto-focus')) queueMicrotask(() => this.control.focus());
    // `input` is composed and reaches the page by itself; `change` is not, so the host repeats it.
    this.control.addEventListener('input', () => (this.error.textContent = ''));
    this.control.addEventListener('change', () => this.dispatchEvent(new Event('change', { bubbles: true })));
    if (this.hasAttribute('auto-validate')) this.control.addEventListener('blur', () => this.showError());
  }

  answerEntries(): Array<[string, unknown]> {
    const name = this.attr('name');
    return name === '' ? [] : [[name, this.value]];
  }

  /** The submitted text as the control's value (never markup). */
  showAnswer(answers: Readonly<Record<string, unknown>>): void {
    const answer = answerNamed(answers, this.attr('name'));
    if (answer !== undefined) this.value = typeof answer === 'string' ? answer : JSON.stringify(answer);
  }

  missingAnswer(): string | null {
    if (!this.control || this.control.disabled || this.control.checkValidity()) return null;
    this.showError();
    return `${this.getAttribute('label') || this.attr('name') || 'A field'}: ${this.errorText()}`;
  }

  focusAnswer(): void {
    this.control.focus();
  }

  private errorText(): string {
    return this.getAttribute('error-message') || this.control.validationMessage;
  }

  private showError(): void {
    this.error.textContent = this.control.checkValidity() ? '' : this.errorText();
  }
}

export class CrowdInput extends TextLike {
  protected createControl(): HTMLInputElement {
    const input = h('input', { type: this.attr('type', 'text') });
    for (const name of ['min', 'max', 'step']) {
      const value = this.getAttribute(name);
      if (value !== null) input.setAttribute(name, value);
    }
    // allowed-pattern filters the characters that may be typed, e.g. "[0-9]".
    const allowed = this.getAttribute('allowed-pattern');
    if (allowed) {
      let charOk: RegExp | null = null;
      try {
        charOk = new RegExp(`^${allowed}$`);
      } catch {
        charOk = null;
      }
      input.addEventListener('beforeinput', (event) => {
        if (charOk && event.data && ![...event.data].every((c) => charOk.test(c))) event.preventDefault();
      });
    }
    return input;
  }
}

export class CrowdTextArea extends TextLike {
  protected createControl(): HTMLTextAreaElement {
    const area = h('textarea', { rows: this.attr('rows', '3') });
    if (this.hasAttribute('char-counter')) {
      const counter = h('div', { class: 'counter' });
      const update = () => (counter.textContent = `${area.value.length}${area.maxLength > 0 ? ` / ${area.maxLength}` : ''}`);
      area.addEventListener('input', update);
      queueMicrotask(() => {
        this.root.append(counter);
        update();
      });
    }
    return area;
  }
}

export class CrowdSlider extends CrowdElement implements AnswerSource, ReplayTarget {
  private input!: HTMLInputElement;
  private touched = false;

  get value(): number {
    return this.input ? Number(this.input.value) : Number(this.attr('value', this.attr('min', '0')));
  }

  protected render(): void {
    this.input = h('input', { type: 'range', min: this.attr('min', '0'), max: this.attr('max', '100'), step: this.attr('step', '1'), 'aria-label': this.attr('name', 'slider') });
    this.input.value = this.attr('value', this.attr('min', '0'));
    this.input.disabled = this.hasAttribute('disabled');
    const readout = h('output', { text: this.input.value });
    const number = h('input', { type: 'number', min: this.attr('min', '0'), max: this.attr('max', '100'), step: this.attr('step', '1'), 'aria-label': `${this.attr('name', 'slider')} value` });
    number.value = this.input.value;
    this.input.addEventListener('input', () => {
      this.touched = true;
      readout.textContent = this.input.value;
      number.value = this.input.value;
    });
    number.addEventListener('input', () => {
      this.touched = true;
      this.input.value = number.value;
      readout.textContent = this.input.value;
    });
    this.adoptStyles(SLIDER_CSS);
    this.root.append(h('div', { class: 'row' }, this.input, this.hasAttribute('editable') ? number : this.hasAttribute('pin') ? readout : ''));
  }

  answerEntries(): Array<[string, unknown]> {
    const name = this.attr('name');
    return name === '' ? [] : [[name, this.value]];
  }

  showAnswer(answers: Readonly<Record<string, unknown>>): void {
    const answer = answerNamed(answers, this.attr('name'));
    if (typeof answer !== 'number' && typeof answer !== 'string') return;
    this.input.value = String(answer);
    const shownValues = this.root.querySelectorAll('output, input[type=number]');
    // A reviewer cannot read an exact value off a thumb's position: a slider that shows no number gets one.
    if (shownValues.length === 0) this.root.querySelector('.row')?.append(h('output', { text: this.input.value }));
    for (const shown of shownValues) {
      if (shown instanceof HTMLInputElement) shown.value = this.input.value;
      else shown.textContent = this.input.value;
    }
  }

  /** A required slider must be moved at least once: its starting position is not an answer. */
  missingAnswer(): string | null {
    return this.hasAttribute('required') && !this.touched ? `${this.attr('name', 'A slider')}: move the slider to answer.` : null;
  }

  focusAnswer(): void {
    this.input.focus();
  }
}

/** A square or round toggle with a label slot; shared by crowd-checkbox and crowd-radio-button. */
abstract class Toggle extends CrowdElement {
  protected box!: HTMLButtonElement;
  protected abstract readonly toggleRole: 'checkbox' | 'radio';

  get checked(): boolean {
    return this.hasAttribute('checked');
  }
  set checked(on: boolean) {
    this.toggleAttribute('checked', on);
    this.box?.setAttribute('aria-checked', String(on));
  }

  protected render(): void {
    const label = h('slot');
    this.box = h('button', { type: 'button', role: this.toggleRole, class: 'toggle', 'aria-checked': String(this.checked) }, h('span', { class: 'mark' }), h('span', { class: 'label' }, label));
    this.box.disabled = this.hasAttribute('disabled');
    label.assign(...slottable(this));
    this.box.addEventListener('click', () => this.activate());
    this.adoptStyles(TOGGLE_CSS);
    this.root.append(this.box);
  }

  protected abstract activate(): void;

  focusAnswer(): void {
    this.box.focus();
  }
}

export class CrowdCheckbox extends Toggle implements AnswerSource, ReplayTarget {
  protected readonly toggleRole = 'checkbox';

  protected activate(): void {
    this.checked = !this.checked;
    this.dispatchEvent(new Event('change', { bubbles: true }));
  }

  answerEntries(): Array<[string, unknown]> {
    const name = this.attr('name');
    return name === '' ? [] : [[name, { [checkValueKey(this.getAttribute('value'))]: this.checked }]];
  }

  showAnswer(answers: Readonly<Record<string, unknown>>): void {
    const states = answerNamed(answers, this.attr('name'));
    this.checked = isRecord(states) && states[checkValueKey(this.getAttribute('value'))] === true;
  }

  missingAnswer(): string | null {
    return this.hasAttribute('required') && !this.checked ? `${this.textContent?.trim() || this.attr('name')}: this box must be checked.` : null;
  }
}

export class CrowdRadioButton extends Toggle {
  protected readonly toggleRole = 'radio';

  protected activate(): void {
    const group = this.closest('crowd-radio-group') as CrowdRadioGroup | null;
    if (group) group.select(this);
    else this.checked = true;
  }

  protected override render(): void {
    super.render();
    this.box.tabIndex = -1;
  }

  /** Roving focus: only the checked (or first) button of a group is in the tab order. */
  setTabStop(on: boolean): void {
    if (this.box) this.box.tabIndex = on ? 0 : -1;
  }

  focusButton(): void {
    this.box?.focus();
  }
}

export class CrowdRadioGroup extends CrowdElement implements AnswerSource, ReplayTarget {
  private get buttons(): CrowdRadioButton[] {
    return [...this.querySelectorAll('crowd-radio-button')].filter((b): b is CrowdRadioButton => b instanceof CrowdRadioButton);
  }

  protected render(): void {
    const slot = h('slot');
    const box = h('div', { role: 'radiogroup', class: 'group' }, slot);
    slot.assign(...slottable(this));
    this.adoptStyles(':host { display: block; }');
    this.root.append(box);
    this.addEventListener('keydown', (event) => this.onKeydown(event));
    // The buttons render in the same parsed-callback pass: give them their tab stops after that.
    queueMicrotask(() => this.updateTabStops());
  }

  select(button: CrowdRadioButton): void {
    for (const other of this.buttons) other.checked = other === button;
    this.updateTabStops();
    button.focusButton();
    this.dispatchEvent(new Event('change', { bubbles: true }));
  }

  private updateTabStops(): void {
    const buttons = this.buttons;
    const stop = buttons.find((b) => b.checked) ?? buttons[0];
    for (const b of buttons) b.setTabStop(b === stop);
  }

  private onKeydown(event: KeyboardEvent): void {
    const step = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 }[event.key];
    if (step === undefined) return;
    const buttons = this.buttons.filter((b) => !b.hasAttribute('disabled'));
    const current = buttons.findIndex((b) => b === event.target || b.contains(event.target as Node));
    const next = buttons[(current + step + buttons.length) % buttons.length];
    if (!next) return;
    event.preventDefault();
    this.select(next);
  }

  /** One entry per button — `{"<button name>": {"<value>": checked}}` — as the real group reports. */
  answerEntries(): Array<[string, unknown]> {
    return this.buttons.filter((b) => b.getAttribute('name')).map((b) => [b.getAttribute('name') as string, { [checkValueKey(b.getAttribute('value'))]: b.checked }]);
  }

  /** Each button checked as it was submitted (one answer entry per button name). */
  showAnswer(answers: Readonly<Record<string, unknown>>): void {
    for (const button of this.buttons) {
      const states = answerNamed(answers, button.getAttribute('name') ?? '');
      button.checked = isRecord(states) && states[checkValueKey(button.getAttribute('value'))] === true;
    }
  }

  missingAnswer(): string | null {
    const required = this.hasAttribute('required') || this.buttons.some((b) => b.hasAttribute('required'));
    return required && !this.buttons.some((b) => b.checked) ? 'Choose one of the options.' : null;
  }

  focusAnswer(): void {
    (this.buttons[0] as CrowdRadioButton | undefined)?.focusButton();
  }
}

const TEXT_CSS = `
label { display: block; font-weight: 600; margin-bottom: 4px; }
input, textarea { box-sizing: border-box; width: 100%; padding: 6px 8px; border: 1px solid #aab7b8; border-radius: 2px; font: inherit; }
input:invalid:focus, textarea:invalid:focus { border-color: #d13212; }
.counter { font-size: 12px; color: #687078; text-align: right; }
:host { margin: 8px 0; }
`;

const SLIDER_CSS = `
.row { display: flex; align-items: center; gap: 12px; }
input[type=range] { flex: 1; }
input[type=number] { width: 80px; }
`;

const TOGGLE_CSS = `
:host { display: block; margin: 4px 0; }
.toggle { display: inline-flex; align-items: center; gap: 8px; border: 0; background: none; padding: 2px; cursor: pointer; text-align: left; }
.mark { width: 16px; height: 16px; border: 1px solid #545b64; border-radius: 2px; display: inline-block; box-sizing: border-box; }
.toggle[role=radio] .mark { border-radius: 50%; }
.toggle[aria-checked=true] .mark { background: #0073bb; border-color: #0073bb; box-shadow: inset 0 0 0 3px #fff; }
.toggle:disabled { opacity: .5; cursor: not-allowed; }
`;
