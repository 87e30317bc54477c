/** Elements that collect no answer: crowd-instructions (a dialog of instructions and examples) and crowd-alert. */
import { CrowdElement, h, slottable } from './base';

const REGIONS: Array<[tag: string, title: string]> = [
  ['short-summary', 'Summary'],
  ['detailed-instructions', 'Detailed instructions'],
  ['positive-example', 'Good examples'],
  ['negative-example', 'Bad examples'],
];

export class CrowdInstructions extends CrowdElement {
  private dialog!: HTMLDialogElement;

  protected render(): void {
    const linkText = this.attr('link-text', 'Instructions');
    const opener = h('button', { type: 'button', class: this.attr('link-type') === 'button' ? 'as-button' : 'as-link', 'aria-haspopup': 'dialog', text: linkText });
    const close = h('button', { type: 'button', class: 'close', 'aria-label': 'Close instructions', text: '×' });
    const sections = REGIONS.flatMap(([tag, title]) => {
      const slot = this.region(tag);
      return slot ? [h('section', { class: tag }, h('h3', { text: title }), slot)] : [];
    });
    this.dialog = h('dialog', { 'aria-label': linkText }, h('div', { class: 'bar' }, h('h2', { text: linkText }), close), ...sections);
    opener.addEventListener('click', () => this.open());
    close.addEventListener('click', () => this.close());
    this.adoptStyles(INSTRUCTIONS_CSS);
    this.root.append(opener, this.dialog);
  }

  open(): void {
    if (!this.dialog.open) this.dialog.showModal();
  }

  close(): void {
    this.dialog.close();
  }
}

export class CrowdAlert extends CrowdElement {
  protected render(): void {
    const type = ['info', 'success', 'error', 'warning'].includes(this.attr('type')) ? this.attr('type') : 'info';
    const content = h('slot');
    content.assign(...slottable(this));
    const box = h('div', { class: `alert ${type}`, role: type === 'error' || type === 'warning' ? 'alert' : 'status' }, h('div', { class: 'content' }, content));
    if (this.hasAttribute('dismissible')) {
      const dismiss = h('button', { type: 'button', class: 'dismiss', 'aria-label': 'Dismiss', text: '×' });
      dismiss.addEventListener('click', () => (this.hidden = true));
      box.append(dismiss);
    }
    this.adoptStyles(ALERT_CSS);
    this.root.append(box);
  }
}

const INSTRUCTIONS_CSS = `
:host { display: block; margin: 0 0 12px; }
.as-link { border: 0; background: none; padding: 0; color: #0073bb; text-decoration: underline; cursor: pointer; }
.as-button { padding: 6px 14px; border: 1px solid #545b64; border-radius: 2px; background: #fff; font-weight: 700; cursor: pointer; }
dialog { width: min(760px, 90vw); max-height: 85vh; border: 1px solid #aab7b8; border-radius: 4px; padding: 0 20px 20px; }
dialog::backdrop { background: rgba(0, 0, 0, .35); }
.bar { display: flex; justify-content: space-between; align-items: center; position: sticky; top: 0; background: #fff; padding-top: 12px; }
.bar h2 { margin: 0; font-size: 20px; }
.close { border: 0; background: none; font-size: 24px; cursor: pointer; }
section { margin-top: 16px; }
section h3 { margin: 0 0 6px; font-size: 15px; }
.positive-example { border-left: 4px solid #1d8102; padding-left: 10px; }
.negative-example { border-left: 4px solid #d13212; padding-left: 10px; }
`;

const ALERT_CSS = `
:host { display: block; margin: 8px 0; }
.alert { display: flex; align-items: flex-start; gap: 8px; padding: 10px 14px; border: 1px solid; border-radius: 2px; }
.content { flex: 1; }
.info { border-color: #0073bb; background: #f1faff; }
.success { border-color: #1d8102; background: #f2f8f0; }
.error { border-color: #d13212; background: #fdf3f1; }
.warning { border-color: #ff9900; background: #fffaf0; }
.dismiss { border: 0; background: none; font-size: 18px; cursor: pointer; line-height: 1; }
`;
