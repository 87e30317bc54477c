/** The shapes image annotators draw: their geometry, captions, colours, and reading them from an answer or `initial-value`. */
import { isRecord, parseLooseJson, type Point } from '../answers';

export type Mode = 'box' | 'point' | 'line' | 'polygon' | 'polyline';
/** A drawn shape; a box is its top-left and bottom-right corners. */
export interface Shape {
  label: string;
  points: Point[];
}

const COLORS = ['#ff9900', '#1f77b4', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#17becf'];

export function toBox(shape: Shape) {
  const [a, b] = shape.points as [Point, Point];
  const left = Math.min(a.x, b.x);
  const top = Math.min(a.y, b.y);
  return { height: Math.abs(b.y - a.y), label: shape.label, left, top, width: Math.abs(b.x - a.x) };
}

export function describe(mode: Mode, shape: Shape): string {
  if (mode === 'box') {
    const box = toBox(shape);
    return `left ${box.left}, top ${box.top}, ${box.width} × ${box.height}`;
  }
  return shape.points.map((p) => `(${p.x}, ${p.y})`).join(' ');
}

/** Shapes from `initial-value`: the element's own output, or just its list of shapes. */
export function initialShapes(mode: Mode, attribute: string | null): Shape[] {
  return attribute ? shapesFrom(mode, parseLooseJson(attribute)) : [];
}

/** Shapes from an answer object in the element's own output shape, or from a bare list of shapes. */
export function shapesFrom(mode: Mode, parsed: unknown): Shape[] {
  const listKey = { box: 'boundingBoxes', point: 'keypoints', line: 'lines', polygon: 'polygons', polyline: 'polylines' }[mode];
  const list = Array.isArray(parsed) ? parsed : isRecord(parsed) && Array.isArray(parsed[listKey]) ? (parsed[listKey] as unknown[]) : [];
  const shapes: Shape[] = [];
  for (const item of list) {
    if (!isRecord(item)) continue;
    const label = typeof item.label === 'string' ? item.label : '';
    if (mode === 'box' && [item.left, item.top, item.width, item.height].every((n) => typeof n === 'number')) {
      const [left, top, width, height] = [item.left, item.top, item.width, item.height] as number[];
      shapes.push({ label, points: [{ x: left as number, y: top as number }, { x: (left as number) + (width as number), y: (top as number) + (height as number) }] });
    } else if (mode === 'point' && typeof item.x === 'number' && typeof item.y === 'number') {
      shapes.push({ label, points: [{ x: item.x, y: item.y }] });
    } else if (Array.isArray(item.vertices)) {
      const points = item.vertices.filter((v): v is Point => isRecord(v) && typeof v.x === 'number' && typeof v.y === 'number').map((v) => ({ x: v.x, y: v.y }));
      if (points.length > 0) shapes.push({ label, points });
    }
  }
  return shapes;
}

export const color = (index: number) => COLORS[index % COLORS.length] as string;
export const clamp = (n: number, low: number, high: number) => Math.min(high, Math.max(low, n));

