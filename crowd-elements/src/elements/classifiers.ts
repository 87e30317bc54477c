/**
 * crowd-classifier, crowd-classifier-multi-select, crowd-image-classifier and crowd-image-classifier-multi-select:
 * a question, the thing to classify, and a numbered list of categories (number keys pick, Enter submits).
 */
import { classifierAnswer, isRecord, multiLabelAnswer, parseLabelList, parseLooseJson } from '../answers';
import { answerNamed, labelsOf } from '../replay';
import { CrowdElement, h, type AnswerSource, type ReplayTarget } from './base';
import { digitIndex, ownsShortcuts } from './keys';

abstract class Classifier extends CrowdElement implements AnswerSource, ReplayTarget {
  protected abstract readonly multiple: boolean;
  protected abstract target(): Node | null;
  protected chosen = new Set<string>();
  private choices: HTMLButtonElement[] = [];
  private categories: string[] = [];

  get value(): unknown {
    const labels = this.categories.filter((c) => this.chosen.has(c));
    return this.multiple ? multiLabelAnswer(labels) : labels[0] === undefined ? undefined : classifierAnswer(labels[0]);
  }

  protected render(): void {
    this.categories = parseLabelList(this.getAttribute('categories') ?? undefined);
    const exclusion = exclusionCategory(this.getAttribute('exclusion-category'));
    if (this.multiple && exclusion && !this.categories.includes(exclusion)) this.categories.push(exclusion);
    const list = h('div', { role: this.multiple ? 'group' : 'radiogroup', 'aria-label': this.attr('header', 'Categories'), class: 'categories' });
    this.choices = this.categories.map((category, index) => {
      const state = this.multiple ? { 'aria-pressed': 'false' } : { role: 'radio', 'aria-checked': 'false' };
      const button = h('button', { type: 'button', class: 'choice', ...state }, h('span', { class: 'key', text: index < 10 ? String((index + 1) % 10) : '' }), h('span', { text: category }));
      button.addEventListener('click', () => this.toggle(category, exclusion));
      list.append(button);
      return button;
    });
    const side = h('div', { class: 'side panel' }, h('div', { class: 'side-title', text: this.multiple ? 'Select all that apply' : 'Select an option' }), list);
    const short = this.region('short-instructions');
    if (short) side.append(h('div', { class: 'instructions' }, short));
    const full = this.region('full-instructions');
    if (full) side.append(h('details', {}, h('summary', { text: 'View full instructions' }), full));
    const header = this.getAttribute('header');
    this.adoptStyles(CLASSIFIER_CSS);
    this.root.append(...(header ? [h('div', { class: 'header', text: header })] : []), h('div', { class: 'layout' }, h('div', { class: 'main panel' }, this.target() ?? ''), side));
    document.addEventListener('keydown', (event) => this.onKeydown(event, exclusion));
  }

  private toggle(category: string, exclusion: string | null): void {
    if (!this.multiple) this.chosen = new Set([category]);
    else if (this.chosen.has(category)) this.chosen.delete(category);
    else if (category === exclusion) this.chosen = new Set([category]);
    else {
      if (exclusion) this.chosen.delete(exclusion);
      this.chosen.add(category);
    }
    this.paintChosen();
    this.dispatchEvent(new Event('change', { bubbles: true }));
  }

  private paintChosen(): void {
    this.choices.forEach((button, index) => {
      const on = this.chosen.has(this.categories[index] as string);
      button.setAttribute(this.multiple ? 'aria-pressed' : 'aria-checked', String(on));
    });
  }

  /** The submitted choice, checked; a label outside the categories is named as text (it cannot be checked). */
  showAnswer(answers: Readonly<Record<string, unknown>>): void {
    const labels = labelsOf(answerNamed(answers, this.attr('name')));
    this.chosen = new Set(labels.filter((label) => this.categories.includes(label)));
    this.paintChosen();
    const outside = labels.filter((label) => !this.categories.includes(label));
    if (outside.length > 0) this.root.append(h('div', { class: 'error', 'data-replay': 'outside', text: `Answered outside the categories: ${outside.join(', ')}` }));
  }

  private onKeydown(event: KeyboardEvent, exclusion: string | null): void {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || !ownsShortcuts(this)) return;
    const index = digitIndex(event.key);
    const category = this.categories[index];
    if (category !== undefined) {
      event.preventDefault();
      this.toggle(category, exclusion);
      this.choices[index]?.focus();
    } else if (event.key === 'Enter') {
      const target = event.composedPath()[0];
      // Enter on any other button (Submit, the template's own) activates that button instead.
      if (target instanceof HTMLButtonElement && !this.choices.includes(target)) return;
      event.preventDefault();
      this.requestSubmit();
    }
  }

  answerEntries(): Array<[string, unknown]> {
    const name = this.attr('name');
    const value = this.value;
    return name === '' || value === undefined ? [] : [[name, value]];
  }

  missingAnswer(): string | null {
    const required = !this.multiple || this.hasAttribute('required');
    return required && this.chosen.size === 0 ? `${this.attr('header', 'Classify the item')}: choose a category.` : null;
  }

  focusAnswer(): void {
    this.choices[0]?.focus();
  }
}

/** `exclusion-category='{"text": "None of the above"}'` — a choice that clears (and is cleared by) the others. */
function exclusionCategory(attribute: string | null): string | null {
  if (!attribute) return null;
  const parsed = parseLooseJson(attribute);
  return isRecord(parsed) && typeof parsed.text === 'string' ? parsed.text : null;
}

abstract class TextTargetClassifier extends Classifier {
  protected target(): Node | null {
    return this.region('classification-target');
  }
}

abstract class ImageClassifier extends Classifier {
  protected target(): Node {
    return h('img', { src: this.attr('src'), alt: this.attr('header', 'Image to classify'), class: 'target-image' });
  }
}

export class CrowdClassifier extends TextTargetClassifier {
  protected readonly multiple = false;
}
export class CrowdClassifierMultiSelect extends TextTargetClassifier {
  protected readonly multiple = true;
}
export class CrowdImageClassifier extends ImageClassifier {
  protected readonly multiple = false;
}
export class CrowdImageClassifierMultiSelect extends ImageClassifier {
  protected readonly multiple = true;
}

const CLASSIFIER_CSS = `
.main { min-height: 120px; }
.side-title { font-weight: 600; margin-bottom: 8px; }
.target-image { max-width: 100%; display: block; }
`;
