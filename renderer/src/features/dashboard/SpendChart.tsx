import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { displayMoney } from '../../../../shared/domain/money';
import type { SpendGrouping } from '../../../../shared/contract/dashboard';
import { axisDollars, stackedColumns, tickLabel, type BarSpend } from './dashboard-model';

/** Canvas colours per theme (a canvas cannot read CSS variables as it paints). */
const PALETTES = {
  light: { axis: '#5b6472', grid: '#e3e6eb', rewards: '#2563eb', bonuses: '#0d9488', fees: '#d97706' },
  dark: { axis: '#9aa3b2', grid: '#323743', rewards: '#6b9bff', bonuses: '#2dd4bf', fees: '#fbbf24' },
} as const;

const HEIGHT = 240;
const HALF_BAR_S: Record<SpendGrouping, number> = { day: 43_200, week: 302_400, batch: 0.5 };

const dateTick = (seconds: number): string => new Date(seconds * 1000).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

interface Hover {
  readonly index: number;
  readonly left: number;
  readonly top: number;
  /** Near the right edge the tip opens to the left of the bar, so it stays inside the card. */
  readonly flip: boolean;
}

/**
 * Spend per day, week or batch as stacked bars (rewards, bonuses, MTurk fees) drawn by uPlot: a small canvas chart that styles its
 * elements through the CSSOM only, so it runs under the app's strict style policy. Rebuilt when the theme or the
 * data changes; resized with its box.
 */
export function SpendChart({ bars, by, theme, label }: { bars: readonly BarSpend[]; by: SpendGrouping; theme: 'light' | 'dark'; label: string }) {
  const box = useRef<HTMLDivElement>(null);
  const [hover, setHover] = useState<Hover | null>(null);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const palette = PALETTES[theme];
    const barPaths = uPlot.paths.bars!({ size: [0.7, 36], align: 0 });
    const layer = (label: string, colour: string): uPlot.Series => ({ label, fill: colour, stroke: colour, width: 0, paths: barPaths, points: { show: false } });
    const axis = (values: uPlot.Axis['values'], size?: number): uPlot.Axis => ({
      stroke: palette.axis,
      grid: { stroke: palette.grid, width: 1 },
      ticks: { stroke: palette.grid, width: 1 },
      font: '12px system-ui, sans-serif',
      values,
      ...(size ? { size } : {}),
    });
    const chart = new uPlot(
      {
        width: Math.max(element.clientWidth, 320),
        height: HEIGHT,
        legend: { show: false },
        tzDate: (seconds) => uPlot.tzDate(new Date(seconds * 1000), 'Etc/UTC'),
        cursor: { points: { show: false }, drag: { x: false, y: false, setScale: false }, y: false },
        scales: {
          x:
            by === 'batch'
              ? { time: false, range: () => [-HALF_BAR_S.batch, bars.length - 1 + HALF_BAR_S.batch] }
              : { time: true, range: (_u, min, max) => [min - HALF_BAR_S[by], max + HALF_BAR_S[by]] },
          y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.15 : 1] },
        },
        axes: [
          by === 'batch'
            ? { ...axis((_u, splits) => splits.map((s) => (Number.isInteger(s) && bars[s] ? tickLabel(bars[s].title) : ''))), splits: () => bars.map((b) => b.x) }
            : axis((_u, splits) => splits.map(dateTick)),
          axis((_u, splits) => splits.map(axisDollars), 64),
        ],
        series: [{}, layer('Fees', palette.fees), layer('Bonuses', palette.bonuses), layer('Rewards', palette.rewards)],
        hooks: {
          setCursor: [
            (u) => {
              const index = u.cursor.idx;
              if (index === null || index === undefined || u.cursor.left === undefined || u.cursor.left < 0) return setHover(null);
              const over = u.over.getBoundingClientRect();
              const outer = element.getBoundingClientRect();
              const top = u.valToPos(u.data[1]?.[index] ?? 0, 'y');
              const x = u.valToPos(u.data[0][index]!, 'x');
              setHover({ index, left: over.left - outer.left + x, top: over.top - outer.top + top, flip: x > over.width - 90 });
            },
          ],
        },
      },
      stackedColumns(bars, by !== 'batch'),
      element,
    );
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(element.clientWidth, 320), height: HEIGHT }));
    resize.observe(element);
    const leave = (): void => setHover(null);
    element.addEventListener('mouseleave', leave);
    return () => {
      element.removeEventListener('mouseleave', leave);
      resize.disconnect();
      chart.destroy();
    };
  }, [bars, by, theme]);

  const shown = hover ? bars[hover.index] : undefined;
  return (
    <div className="spend-chart" data-testid="spend-chart" data-theme-drawn={theme} data-by={by}>
      <ul className="spend-chart__legend" aria-label="Legend">
        <li><span className="swatch swatch--rewards" aria-hidden="true" />Rewards</li>
        <li><span className="swatch swatch--bonuses" aria-hidden="true" />Bonuses</li>
        <li><span className="swatch swatch--fees" aria-hidden="true" />MTurk fees</li>
      </ul>
      <div className="spend-chart__plot" ref={box} role="img" aria-label={`${label}, stacked: rewards, bonuses, MTurk fees`}>
        {shown && hover && (
          <div className={`spend-chart__tip${hover.flip ? ' spend-chart__tip--left' : ''}`} role="tooltip" data-testid="spend-tooltip" style={{ left: hover.left, top: hover.top }}>
            <strong>{shown.title}</strong>
            <span>Rewards {displayMoney(shown.rewardsCents)}</span>
            <span>Bonuses {displayMoney(shown.bonusesCents)}</span>
            <span>Fees {displayMoney(shown.feesCents)}</span>
            <span className="spend-chart__tip-total">Total {displayMoney(shown.totalCents)}</span>
          </div>
        )}
      </div>
    </div>
  );
}
