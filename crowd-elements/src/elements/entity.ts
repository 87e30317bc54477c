/**
 * crowd-entity-annotation: select a span of the text, then pick a label (click it or press its number). Offsets are
 * positions in the `text` attribute, as the real element reports them. Keyboard path: type "start, end".
 */
import { entityAnswer, isRecord, parseLooseJson, type Entity } from '../answers';
import { answerNamed } from '../replay';
import { CrowdElement, h, type AnswerSource, type ReplayTarget } from './base';
import { digitIndex, ownsShortcuts } from './keys';

interface EntityLabel {
  label: string;
  shortDisplayName: string;
  fullDisplayName: string;
}

const COLORS = ['#ffd8a8', '#a5d8ff', '#b2f2bb', '#ffc9c9', '#d0bfff', '#ffec99'];

export class CrowdEntityAnnotation extends CrowdElement implements AnswerSource, ReplayTarget {
  private labels: EntityLabel[] = [];
  private entities: Entity[] = [];
  private text = '';
  private textView!: HTMLDivElement;
  private list!: HTMLOListElement;
  private status!: HTMLDivElement;
  private labelButtons: HTMLButtonElement[] = [];

  get value(): unknown {
    return entityAnswer(this.sorted().map((e) => ({ ...e })));
  }

  protected render(): void {
    this.text = this.attr('text');
    this.labels = parseEntityLabels(this.getAttribute('labels'));
    this.entities = parseInitialEntities(this.getAttribute('initial-value'), this.text.length);
    this.textView = h('div', { class: 'text', 'aria-label': 'Text to annotate' });
    const labelList = h('div', { class: 'labels', role: 'group', 'aria-label': 'Labels' });
    this.labelButtons = this.labels.map((label, index) => {
      const button = h('button', { type: 'button', class: 'choice', title: label.fullDisplayName }, h('span', { class: 'swatch', style: `background:${color(index)}` }), h('span', { class: 'key', text: index < 10 ? String((index + 1) % 10) : '' }), h('span', { text: label.fullDisplayName }));
      // Keep the text selection: a mousedown on the button would otherwise clear it before the click.
      button.addEventListener('mousedown', (event) => event.preventDefault());
      button.addEventListener('click', () => this.labelSelection(index));
      labelList.append(button);
      return button;
    });
    const offsets = h('input', { type: 'text', class: 'coords', 'aria-label': 'Offsets (start, end)', placeholder: 'start, end' });
    const labelPick = h('select', { 'aria-label': 'Label for offsets' }, ...this.labels.map((l, i) => h('option', { value: String(i), text: l.fullDisplayName })));
    const add = h('button', { type: 'button', text: 'Add' });
    const addTyped = () => {
      const numbers = (offsets.value.match(/\d+/g) ?? []).map(Number);
      if (numbers.length !== 2) return this.say('Type the start and end offsets, e.g. 0, 5.');
      if (this.addEntity(numbers[0] as number, numbers[1] as number, Number(labelPick.value))) offsets.value = '';
    };
    add.addEventListener('click', addTyped);
    offsets.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter') return;
      event.preventDefault();
      event.stopPropagation();
      addTyped();
    });
    this.list = h('ol', { class: 'entities', 'aria-label': 'Entities' });
    this.status = h('div', { class: 'status', role: 'status' });
    const side = h(
      'div',
      { class: 'side panel' },
      h('div', { class: 'side-title', text: 'Labels' }),
      h('div', { class: 'hint', text: 'Select text, then choose a label (or press its number).' }),
      labelList,
      h('label', { class: 'side-title', text: 'Add by offsets' }),
      h('div', { class: 'row' }, offsets, labelPick, add),
      this.status,
      h('div', { class: 'side-title', text: 'Entities' }),
      this.list,
    );
    const short = this.region('short-instructions');
    if (short) side.prepend(h('div', { class: 'instructions' }, short));
    const full = this.region('full-instructions');
    if (full) side.append(h('details', {}, h('summary', { text: 'View full instructions' }), full));
    const header = this.getAttribute('header');
    this.adoptStyles(ENTITY_CSS);
    this.root.append(...(header ? [h('div', { class: 'header', text: header })] : []), h('div', { class: 'layout' }, h('div', { class: 'main panel' }, this.textView), side));
    document.addEventListener('keydown', (event) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || !ownsShortcuts(this)) return;
      const index = digitIndex(event.key);
      if (index < 0 || index >= this.labels.length) return;
      event.preventDefault();
      this.labelSelection(index);
    });
    this.redraw();
  }

  /** Labels the text currently selected inside this element. */
  private labelSelection(index: number): void {
    const span = this.selectedSpan();
    if (!span) return this.say('Select some of the text first.');
    if (this.addEntity(span.start, span.end, index)) document.getSelection()?.removeAllRanges();
  }

  private selectedSpan(): { start: number; end: number } | null {
    const selection = document.getSelection();
    if (!selection || selection.rangeCount === 0) return null;
    // A selection inside a shadow root is only visible through getComposedRanges.
    const composable = selection as Selection & { getComposedRanges?: (options: { shadowRoots: ShadowRoot[] }) => StaticRange[] };
    const composed = composable.getComposedRanges ? composable.getComposedRanges({ shadowRoots: [this.root] })[0] : selection.getRangeAt(0);
    if (!composed || composed.collapsed) return null;
    if (!this.textView.contains(composed.startContainer) || !this.textView.contains(composed.endContainer)) return null;
    let start = this.offsetOf(composed.startContainer, composed.startOffset);
    let end = this.offsetOf(composed.endContainer, composed.endOffset);
    // Selections by double-click or drag often take a neighbouring space along: it is not part of the entity.
    while (start < end && /\s/.test(this.text[start] as string)) start++;
    while (end > start && /\s/.test(this.text[end - 1] as string)) end--;
    return end > start ? { start, end } : null;
  }

  /** Character offset in the text of a DOM boundary point inside the text view. */
  private offsetOf(node: Node, offset: number): number {
    const range = document.createRange();
    range.setStart(this.textView, 0);
    range.setEnd(node, offset);
    return range.toString().length;
  }

  private addEntity(start: number, end: number, labelIndex: number): boolean {
    const label = this.labels[labelIndex];
    if (!label) return false;
    if (!(start >= 0 && end > start && end <= this.text.length)) {
      this.say(`Offsets must satisfy 0 ≤ start < end ≤ ${this.text.length}.`);
      return false;
    }
    if (this.entities.some((e) => start < e.endOffset && e.startOffset < end)) {
      this.say('That span overlaps an entity already marked; delete that one first.');
      return false;
    }
    this.entities.push({ endOffset: end, label: label.label, startOffset: start });
    this.say(`Marked “${this.text.slice(start, end)}” as ${label.fullDisplayName}.`);
    this.redraw();
    this.dispatchEvent(new Event('change', { bubbles: true }));
    return true;
  }

  private sorted(): Entity[] {
    return [...this.entities].sort((a, b) => a.startOffset - b.startOffset);
  }

  private redraw(): void {
    const parts: Node[] = [];
    let at = 0;
    for (const entity of this.sorted()) {
      if (entity.startOffset > at) parts.push(document.createTextNode(this.text.slice(at, entity.startOffset)));
      const index = this.labels.findIndex((l) => l.label === entity.label);
      // The label tag is CSS generated content, so it never becomes part of the selectable text or its offsets.
      parts.push(h('mark', { style: `background:${color(Math.max(0, index))}`, 'data-label': this.labels[index]?.shortDisplayName ?? entity.label, text: this.text.slice(entity.startOffset, entity.endOffset) }));
      at = entity.endOffset;
    }
    if (at < this.text.length) parts.push(document.createTextNode(this.text.slice(at)));
    this.textView.replaceChildren(...parts);
    this.list.replaceChildren(
      ...this.sorted().map((entity) => {
        const remove = h('button', { type: 'button', class: 'remove', 'aria-label': `Delete ${entity.label} ${entity.startOffset}–${entity.endOffset}`, text: 'Delete' });
        remove.addEventListener('click', () => {
          this.entities = this.entities.filter((e) => e !== entity);
          this.redraw();
        });
        return h('li', {}, h('span', { text: `${entity.label}: “${this.text.slice(entity.startOffset, entity.endOffset)}” (${entity.startOffset}–${entity.endOffset})` }), remove);
      }),
    );
  }

  private say(text: string): void {
    this.status.textContent = text;
  }

  answerEntries(): Array<[string, unknown]> {
    const name = this.attr('name');
    return name === '' ? [] : [[name, this.value]];
  }

  showAnswer(answers: Readonly<Record<string, unknown>>): void {
    this.entities = entitiesFrom(answerNamed(answers, this.attr('name')), this.text.length);
    this.redraw();
  }

  missingAnswer(): string | null {
    return this.hasAttribute('required') && this.entities.length === 0 ? `${this.attr('header', 'The text')}: mark at least one entity.` : null;
  }

  focusAnswer(): void {
    this.labelButtons[0]?.focus();
  }
}

/** `labels='[{"label": "person", "shortDisplayName": "per", "fullDisplayName": "Person"}]'` (plain strings accepted too). */
function parseEntityLabels(attribute: string | null): EntityLabel[] {
  const parsed = attribute ? parseLooseJson(attribute) : undefined;
  if (!Array.isArray(parsed)) return [];
  return parsed.flatMap((item): EntityLabel[] => {
    if (typeof item === 'string') return [{ label: item, shortDisplayName: item, fullDisplayName: item }];
    if (!isRecord(item) || typeof item.label !== 'string') return [];
    const full = typeof item.fullDisplayName === 'string' ? item.fullDisplayName : item.label;
    return [{ label: item.label, shortDisplayName: typeof item.shortDisplayName === 'string' ? item.shortDisplayName : item.label, fullDisplayName: full }];
  });
}

function parseInitialEntities(attribute: string | null, length: number): Entity[] {
  return entitiesFrom(attribute ? parseLooseJson(attribute) : undefined, length);
}

function entitiesFrom(parsed: unknown, length: number): Entity[] {
  const list = isRecord(parsed) && Array.isArray(parsed.entities) ? parsed.entities : Array.isArray(parsed) ? parsed : [];
  return list.filter(
    (e): e is Entity => isRecord(e) && typeof e.label === 'string' && typeof e.startOffset === 'number' && typeof e.endOffset === 'number' && e.startOffset >= 0 && e.endOffset > e.startOffset && e.endOffset <= length,
  );
}

const color = (index: number) => COLORS[index % COLORS.length] as string;

const ENTITY_CSS = `
.text { white-space: pre-wrap; line-height: 2.1; font-size: 16px; user-select: text; }
mark { padding: 2px 0; border-radius: 2px; color: inherit; }
mark::after { content: attr(data-label); font-size: 10px; font-weight: 700; text-transform: uppercase; margin-left: 3px; padding: 0 3px; border-radius: 2px; background: rgba(0,0,0,.12); user-select: none; }
.side-title { display: block; font-weight: 600; margin: 10px 0 6px; }
.side-title:first-child { margin-top: 0; }
.swatch { width: 12px; height: 12px; border-radius: 2px; display: inline-block; }
.hint { color: #545b64; font-size: 13px; margin: 0 0 6px; }
.row { display: flex; gap: 6px; }
.coords { flex: 1; min-width: 0; padding: 4px 6px; border: 1px solid #aab7b8; border-radius: 2px; font: inherit; }
.status { font-size: 13px; color: #545b64; min-height: 18px; margin-top: 4px; }
.entities { margin: 0; padding: 0; list-style: none; font-size: 13px; }
.entities li { margin: 2px 0; display: flex; align-items: baseline; justify-content: space-between; gap: 6px; }
.remove { margin-left: 6px; font-size: 12px; }
`;
