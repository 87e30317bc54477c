/**
 * Image annotation: crowd-bounding-box, crowd-keypoint, crowd-polygon, crowd-line and crowd-polyline. One tool with
 * a drawing mode per element. Coordinates are natural image pixels (what the real elements report), whatever size
 * the image is shown at. Mouse draws on the image; the keyboard path types coordinates into the "Add by
 * coordinates" box; number keys pick the label.
 */
import {
  boundingBoxAnswer,
  keypointAnswer,
  lineAnswer,
  parseLabelList,
  polygonAnswer,
  polylineAnswer,
  type ImageSize,
  type Point,
} from '../answers';
import { answerNamed } from '../replay';
import { clamp, color, describe, initialShapes, shapesFrom, toBox, type Mode, type Shape } from './annotate-shapes';
import { CrowdElement, h, svg, type AnswerSource, type ReplayTarget } from './base';
import { digitIndex, ownsShortcuts } from './keys';

/** How close (in screen pixels) a click must be to the first vertex to close a polygon. */
const CLOSE_DISTANCE = 10;

const HOW_TO: Record<Mode, { mouse: string; keyboard: string; minPoints: number; maxPoints: number }> = {
  box: { mouse: 'Drag on the image to draw a box.', keyboard: 'left, top, width, height', minPoints: 2, maxPoints: 2 },
  point: { mouse: 'Click the image to place a point.', keyboard: 'x, y', minPoints: 1, maxPoints: 1 },
  line: { mouse: 'Click the two ends of the line.', keyboard: 'x1, y1, x2, y2', minPoints: 2, maxPoints: 2 },
  polygon: { mouse: 'Click each corner; click the first corner again (or press Enter) to close.', keyboard: 'x1, y1, x2, y2, x3, y3, …', minPoints: 3, maxPoints: Infinity },
  polyline: { mouse: 'Click each point; double-click (or press Enter) to finish.', keyboard: 'x1, y1, x2, y2, …', minPoints: 2, maxPoints: Infinity },
};

abstract class ImageAnnotator extends CrowdElement implements AnswerSource, ReplayTarget {
  protected abstract readonly mode: Mode;
  private labels: string[] = [];
  private labelIndex = 0;
  private shapes: Shape[] = [];
  private draft: Point[] = [];
  /** Showing submitted work: shapes drawn later (when the image loads) get no working Delete button either. */
  private replaying = false;
  private size: ImageSize = { width: 0, height: 0 };
  private image!: HTMLImageElement;
  private overlay!: SVGSVGElement;
  private labelButtons: HTMLButtonElement[] = [];
  private shapeList!: HTMLOListElement;
  private status!: HTMLDivElement;

  /** The answer object, as `element.value` gives it in the real elements. */
  get value(): unknown {
    const image = { ...this.size };
    const shapes = this.shapes.map((s) => ({ label: s.label, vertices: s.points.map((p) => ({ ...p })) }));
    switch (this.mode) {
      case 'box':
        return boundingBoxAnswer(this.shapes.map(toBox), image);
      case 'point':
        return keypointAnswer(this.shapes.map((s) => ({ label: s.label, x: (s.points[0] as Point).x, y: (s.points[0] as Point).y })), image);
      case 'line':
        return lineAnswer(shapes, image);
      case 'polygon':
        return polygonAnswer(shapes, image);
      case 'polyline':
        return polylineAnswer(shapes, image);
    }
  }

  protected render(): void {
    const how = HOW_TO[this.mode];
    this.labels = parseLabelList(this.getAttribute('labels') ?? undefined);
    if (this.labels.length === 0) this.labels = ['object'];
    this.image = h('img', { src: this.attr('src'), alt: this.attr('header', 'Image to annotate'), draggable: 'false' });
    this.overlay = svg('svg', { class: 'overlay', role: 'img', 'aria-label': 'Annotations' });
    const stage = h('div', { class: 'stage' }, this.image);
    stage.append(this.overlay);
    this.image.addEventListener('load', () => this.onImageLoad());
    this.image.addEventListener('error', () => this.say(`The image could not be loaded: ${this.attr('src')}`));

    const labelList = h('div', { role: 'radiogroup', 'aria-label': 'Label', class: 'labels' });
    this.labelButtons = this.labels.map((label, index) => {
      const button = h('button', { type: 'button', class: 'choice', role: 'radio', 'aria-checked': String(index === 0) }, h('span', { class: 'swatch', style: `background:${color(index)}` }), h('span', { class: 'key', text: index < 10 ? String((index + 1) % 10) : '' }), h('span', { text: label }));
      button.addEventListener('click', () => this.chooseLabel(index));
      labelList.append(button);
      return button;
    });

    const coordinates = h('input', { type: 'text', class: 'coords', 'aria-label': `Coordinates (${how.keyboard})`, placeholder: how.keyboard });
    const add = h('button', { type: 'button', text: 'Add' });
    const addTyped = () => {
      if (this.addTyped(coordinates.value)) coordinates.value = '';
    };
    add.addEventListener('click', addTyped);
    coordinates.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter') return;
      event.preventDefault();
      event.stopPropagation();
      addTyped();
    });
    const finish = h('button', { type: 'button', text: 'Finish shape' });
    finish.addEventListener('click', () => this.finishDraft());
    this.shapeList = h('ol', { class: 'shapes', 'aria-label': 'Annotations' });
    this.status = h('div', { class: 'status', role: 'status' });

    const side = h(
      'div',
      { class: 'side panel' },
      h('div', { class: 'side-title', text: 'Labels' }),
      labelList,
      h('div', { class: 'hint', text: how.mouse }),
      ...(this.mode === 'polygon' || this.mode === 'polyline' ? [finish] : []),
      h('label', { class: 'side-title', text: 'Add by coordinates (image pixels)' }),
      h('div', { class: 'row' }, coordinates, add),
      this.status,
      h('div', { class: 'side-title', text: 'Annotations' }),
      this.shapeList,
    );
    const short = this.region('short-instructions');
    if (short) side.prepend(h('div', { class: 'instructions' }, short));
    const full = this.region('full-instructions');
    if (full) side.append(h('details', {}, h('summary', { text: 'View full instructions' }), full));
    const header = this.getAttribute('header');
    this.adoptStyles(ANNOTATE_CSS);
    this.root.append(...(header ? [h('div', { class: 'header', text: header })] : []), h('div', { class: 'layout' }, h('div', { class: 'main' }, stage), side));

    this.overlay.addEventListener('pointerdown', (event) => this.onPointerDown(event));
    this.overlay.addEventListener('dblclick', (event) => {
      event.preventDefault();
      if (this.mode === 'polyline') this.finishDraft();
    });
    document.addEventListener('keydown', (event) => this.onKeydown(event));
    if (this.image.complete && this.image.naturalWidth > 0) this.onImageLoad();
  }

  private onImageLoad(): void {
    this.size = { width: this.image.naturalWidth, height: this.image.naturalHeight };
    this.overlay.setAttribute('viewBox', `0 0 ${this.size.width} ${this.size.height}`);
    if (this.shapes.length === 0) this.shapes = initialShapes(this.mode, this.getAttribute('initial-value'));
    this.redraw();
  }

  /** The submitted shapes, drawn (in natural image pixels, so they land where the worker drew them). */
  showAnswer(answers: Readonly<Record<string, unknown>>): void {
    const answer = answerNamed(answers, this.attr('name'));
    this.shapes = shapesFrom(this.mode, answer);
    this.draft = [];
    this.replaying = true;
    this.redraw();
    this.say(this.shapes.length === 0 ? 'No annotations were submitted.' : `${this.shapes.length} annotation${this.shapes.length === 1 ? '' : 's'} submitted.`);
  }

  private chooseLabel(index: number): void {
    this.labelIndex = index;
    this.labelButtons.forEach((button, i) => button.setAttribute('aria-checked', String(i === index)));
  }

  private get label(): string {
    return this.labels[this.labelIndex] as string;
  }

  /** Natural-pixel position of a pointer event, clamped to the image. */
  private toImage(event: MouseEvent): Point {
    const rect = this.overlay.getBoundingClientRect();
    const x = ((event.clientX - rect.left) / rect.width) * this.size.width;
    const y = ((event.clientY - rect.top) / rect.height) * this.size.height;
    return { x: clamp(Math.round(x), 0, this.size.width), y: clamp(Math.round(y), 0, this.size.height) };
  }

  private onPointerDown(event: PointerEvent): void {
    if (event.button !== 0 || this.size.width === 0) return;
    event.preventDefault();
    const start = this.toImage(event);
    if (this.mode !== 'box') return this.addVertex(start, event);
    this.overlay.setPointerCapture(event.pointerId);
    const move = (e: PointerEvent) => {
      this.draft = [start, this.toImage(e)];
      this.redraw();
    };
    const up = (e: PointerEvent) => {
      this.overlay.removeEventListener('pointermove', move);
      this.overlay.removeEventListener('pointerup', up);
      const end = this.toImage(e);
      this.draft = [];
      if (Math.abs(end.x - start.x) >= 2 && Math.abs(end.y - start.y) >= 2) this.commit([start, end]);
      else this.redraw();
    };
    this.overlay.addEventListener('pointermove', move);
    this.overlay.addEventListener('pointerup', up);
  }

  private addVertex(point: Point, event: MouseEvent): void {
    const first = this.draft[0];
    if (this.mode === 'polygon' && first && this.draft.length >= 3 && this.screenDistance(first, event) <= CLOSE_DISTANCE) return this.finishDraft();
    // The second click of a double-click lands on the vertex just placed: not a new vertex.
    const last = this.draft[this.draft.length - 1];
    if (last && last.x === point.x && last.y === point.y) return;
    this.draft.push(point);
    const need = HOW_TO[this.mode].maxPoints;
    if (this.draft.length >= need) {
      const shape = this.draft;
      this.draft = [];
      this.commit(shape);
    } else {
      this.redraw();
    }
  }

  private screenDistance(point: Point, event: MouseEvent): number {
    const rect = this.overlay.getBoundingClientRect();
    const sx = rect.left + (point.x / this.size.width) * rect.width;
    const sy = rect.top + (point.y / this.size.height) * rect.height;
    return Math.hypot(sx - event.clientX, sy - event.clientY);
  }

  private finishDraft(): void {
    if (this.draft.length === 0) return;
    if (this.draft.length < HOW_TO[this.mode].minPoints) {
      this.say(`A ${this.mode} needs at least ${HOW_TO[this.mode].minPoints} points.`);
      return;
    }
    const shape = this.draft;
    this.draft = [];
    this.commit(shape);
  }

  /** The keyboard path: numbers typed as the hint shows, in image pixels. */
  private addTyped(text: string): boolean {
    const numbers = (text.match(/-?\d+(?:\.\d+)?/g) ?? []).map(Number);
    const how = HOW_TO[this.mode];
    const ok = numbers.length % 2 === 0 && numbers.length / 2 >= how.minPoints && numbers.length / 2 <= how.maxPoints;
    if (!ok || this.size.width === 0) {
      this.say(this.size.width === 0 ? 'The image has not loaded yet.' : `Type ${how.keyboard}.`);
      return false;
    }
    let points: Point[] = [];
    for (let i = 0; i < numbers.length; i += 2) points.push({ x: numbers[i] as number, y: numbers[i + 1] as number });
    if (this.mode === 'box') {
      const [left, top, width, height] = numbers as [number, number, number, number];
      points = [{ x: left, y: top }, { x: left + width, y: top + height }];
    }
    const outside = points.some((p) => p.x < 0 || p.y < 0 || p.x > this.size.width || p.y > this.size.height);
    if (outside) {
      this.say(`Coordinates must lie within the image (${this.size.width} × ${this.size.height}).`);
      return false;
    }
    this.commit(points.map((p) => ({ x: Math.round(p.x), y: Math.round(p.y) })));
    return true;
  }

  private commit(points: Point[]): void {
    this.shapes.push({ label: this.label, points });
    this.say(`Added ${this.label}.`);
    this.redraw();
    this.dispatchEvent(new Event('change', { bubbles: true }));
  }

  private removeShape(index: number): void {
    const [removed] = this.shapes.splice(index, 1);
    if (removed) this.say(`Removed ${removed.label}.`);
    this.redraw();
  }

  private onKeydown(event: KeyboardEvent): void {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || !ownsShortcuts(this)) return;
    const index = digitIndex(event.key);
    if (index >= 0 && index < this.labels.length) {
      event.preventDefault();
      this.chooseLabel(index);
    } else if (event.key === 'Escape' && this.draft.length > 0) {
      this.draft = [];
      this.redraw();
    } else if (event.key === 'Enter' && this.draft.length > 0) {
      event.preventDefault();
      this.finishDraft();
    }
  }

  private say(text: string): void {
    this.status.textContent = text;
  }

  private redraw(): void {
    this.overlay.replaceChildren();
    const stroke = { 'vector-effect': 'non-scaling-stroke', 'stroke-width': 2, fill: 'none' };
    const fontSize = Math.max(12, Math.round(this.size.width / 45));
    this.shapes.forEach((shape, index) => {
      const c = color(Math.max(0, this.labels.indexOf(shape.label)));
      this.overlay.append(this.shapeElement(shape.points, c, stroke));
      const anchor = this.mode === 'box' ? toBox(shape) : { left: (shape.points[0] as Point).x, top: (shape.points[0] as Point).y };
      const caption = svg('text', { x: anchor.left + 4, y: anchor.top + fontSize, fill: c, 'font-size': fontSize, 'font-weight': 700, 'paint-order': 'stroke', stroke: '#fff', 'stroke-width': 3 });
      caption.textContent = `${index + 1} ${shape.label}`;
      this.overlay.append(caption);
    });
    if (this.draft.length > 0) this.overlay.append(this.shapeElement(this.draft, color(this.labelIndex), { ...stroke, 'stroke-dasharray': '6 4' }, true));
    this.shapeList.replaceChildren(
      ...this.shapes.map((shape, index) => {
        const remove = h('button', { type: 'button', class: 'remove', 'aria-label': `Delete ${index + 1} ${shape.label}`, text: 'Delete', disabled: this.replaying });
        remove.addEventListener('click', () => this.removeShape(index));
        return h('li', {}, h('span', { text: `${index + 1}. ${shape.label} — ${describe(this.mode, shape)}` }), remove);
      }),
    );
  }

  private shapeElement(points: Point[], c: string, stroke: Record<string, string | number>, draft = false): SVGElement {
    if (this.mode === 'box') {
      const box = toBox({ label: '', points });
      return svg('rect', { x: box.left, y: box.top, width: box.width, height: box.height, stroke: c, ...stroke });
    }
    const radius = Math.max(3, Math.round(this.size.width / 150));
    const group = svg('g');
    if (points.length > 1) {
      const closed = this.mode === 'polygon' && !draft;
      group.append(svg(closed ? 'polygon' : 'polyline', { points: points.map((p) => `${p.x},${p.y}`).join(' '), stroke: c, ...stroke }));
    }
    for (const p of points) group.append(svg('circle', { cx: p.x, cy: p.y, r: radius, fill: c, stroke: '#fff', 'stroke-width': 1, 'vector-effect': 'non-scaling-stroke' }));
    return group;
  }

  answerEntries(): Array<[string, unknown]> {
    const name = this.attr('name');
    return name === '' ? [] : [[name, this.value]];
  }

  missingAnswer(): string | null {
    return this.hasAttribute('required') && this.shapes.length === 0 ? `${this.attr('header', 'The image')}: add at least one annotation.` : null;
  }

  focusAnswer(): void {
    this.labelButtons[this.labelIndex]?.focus();
  }
}

export class CrowdBoundingBox extends ImageAnnotator {
  protected readonly mode = 'box';
}
export class CrowdKeypoint extends ImageAnnotator {
  protected readonly mode = 'point';
}
export class CrowdPolygon extends ImageAnnotator {
  protected readonly mode = 'polygon';
}
export class CrowdLine extends ImageAnnotator {
  protected readonly mode = 'line';
}
export class CrowdPolyline extends ImageAnnotator {
  protected readonly mode = 'polyline';
}

const ANNOTATE_CSS = `
.stage { position: relative; display: inline-block; max-width: 100%; line-height: 0; user-select: none; }
.stage img { max-width: 100%; display: block; }
.overlay { position: absolute; inset: 0; width: 100%; height: 100%; cursor: crosshair; touch-action: none; }
.side-title { display: block; font-weight: 600; margin: 10px 0 6px; }
.side-title:first-child { margin-top: 0; }
.swatch { width: 12px; height: 12px; border-radius: 2px; display: inline-block; }
.hint { color: #545b64; font-size: 13px; margin: 6px 0; }
.row { display: flex; gap: 6px; }
.coords { flex: 1; min-width: 0; padding: 4px 6px; border: 1px solid #aab7b8; border-radius: 2px; font: inherit; }
.status { font-size: 13px; color: #545b64; min-height: 18px; margin-top: 4px; }
.shapes { margin: 0; padding: 0; list-style: none; font-size: 13px; }
.shapes li { margin: 2px 0; }
.shapes li, .entities li { display: flex; align-items: baseline; justify-content: space-between; gap: 6px; }
.remove { margin-left: 6px; font-size: 12px; }
`;
