/**
 * Where the pane's charts put things, worked out apart from drawing them: the budget bridge as a
 * waterfall (a starting total, each line's rise or fall floating from the running total, the end
 * total) and a comparator group as councils ranked by one indicator with the comparators' quartiles.
 * Pure functions of the figures and the width the pane gives; d3-scale does the mapping to pixels.
 */
import { scaleBand, scaleLinear } from 'd3-scale';
import type { Bridge, BridgeRow } from '../../engine/compare';
import { formatFigure } from '../../engine/numbers';

/** A figure as the pane prints it: thousands grouped, negatives in brackets. */
export const figure = (n: number) => formatFigure(n, { brackets: true });

/** Rough width of a line of text in the pane's font: wide enough that what fits here fits on screen. */
export function textWidth(text: string, fontSize: number): number {
  return text.length * fontSize * 0.6;
}

/**
 * Words wrapped into lines of at most `width` px, at most `lines` of them; a word too long for a
 * line is cut, and what does not fit ends the last line with "…".
 */
export function wrapText(text: string, width: number, fontSize: number, lines: number): string[] {
  const per = Math.max(3, Math.floor(width / (fontSize * 0.6)));
  const words = text.split(/\s+/).filter(Boolean);
  const out: string[] = [];
  let line = '';
  for (let w of words) {
    while (w.length > per) {
      if (line) out.push(line);
      out.push(w.slice(0, per));
      w = w.slice(per);
      line = '';
    }
    if (!line) line = w;
    else if (line.length + 1 + w.length <= per) line += ` ${w}`;
    else {
      out.push(line);
      line = w;
    }
  }
  if (line) out.push(line);
  if (out.length <= lines) return out;
  // The last line takes as much of the rest as fits, then "…".
  const kept = out.slice(0, lines);
  kept[lines - 1] = `${out
    .slice(lines - 1)
    .join(' ')
    .slice(0, per - 1)
    .trimEnd()}…`;
  return kept;
}

// ---- The waterfall -------------------------------------------------------------------------------

export interface WaterfallStep {
  label: string;
  kind: 'start' | 'rise' | 'fall' | 'end';
  /** The row's own figure: a total, or the line's movement (negative for a fall). */
  value: number;
  /** The running total before and after the step (a total runs from zero). */
  from: number;
  to: number;
}

const MOVES = new Set<BridgeRow['kind']>(['movement', 'other', 'unexplained']);

/** One year of a bridge as steps: the earlier total, each line that moved in the year, the total now. */
export function waterfallSteps(bridge: Bridge, year: number): WaterfallStep[] {
  const start = bridge.rows.find((r) => r.kind === 'start');
  const end = bridge.rows.find((r) => r.kind === 'end');
  if (!start || !end) return [];
  const first = start.values[year] ?? 0;
  const steps: WaterfallStep[] = [{ label: 'Earlier total', kind: 'start', value: first, from: 0, to: first }];
  let running = first;
  for (const r of bridge.rows) {
    const v = r.values[year] ?? 0;
    if (!MOVES.has(r.kind) || v === 0) continue;
    const next = Math.round((running + v) * 1e6) / 1e6;
    steps.push({ label: r.label, kind: v > 0 ? 'rise' : 'fall', value: v, from: running, to: next });
    running = next;
  }
  const last = end.values[year] ?? 0;
  steps.push({ label: end.label, kind: 'end', value: last, from: 0, to: last });
  return steps;
}

export interface WaterfallBar extends WaterfallStep {
  x: number;
  width: number;
  /** The bar's top and height in px (SVG y grows downwards). */
  y: number;
  height: number;
  /** The figure printed above the bar (a fall's below it), centred at x + width / 2. */
  text: string;
  textY: number;
  fontSize: number;
  /** The line's name under the chart, wrapped to its slot. */
  name: string[];
}

export interface WaterfallLayout {
  width: number;
  height: number;
  bars: WaterfallBar[];
  /** Dashed links from each bar's running total to the next bar. */
  links: { x1: number; x2: number; y: number }[];
  /** Where the bars stand: y of the baseline, and the figure it stands for (0, or more when zoomed). */
  baseline: { y: number; value: number };
  /** Where the names under the bars start. */
  namesY: number;
  nameSize: number;
}

const PLOT_HEIGHT = 170;
/** The narrowest slot a bar and its figure get; below that the chart is wider than the pane and scrolls. */
export const MIN_SLOT = 50;
const NAME_LINES = 4;

/**
 * The waterfall laid out in `width` px. Totals stand on the baseline; each movement floats from
 * the running total. Where standing on zero would leave the movements a sliver (totals of £190m
 * moving by £0.3m), the baseline is raised towards the lowest running total, and says so.
 */
export function layoutWaterfall(steps: WaterfallStep[], width: number): WaterfallLayout {
  const n = Math.max(1, steps.length);
  const full = Math.max(width, n * MIN_SLOT + 8);
  const x = scaleBand<number>()
    .domain(steps.map((_s, i) => i))
    .range([4, full - 4])
    .paddingInner(0.28)
    .paddingOuter(0.1);
  const slot = x.step();
  const ends = steps.flatMap((s) => [s.from, s.to]);
  const lo = Math.min(0, ...ends);
  const hi = Math.max(0, ...ends);
  const running = steps.flatMap((s) => (s.kind === 'rise' || s.kind === 'fall' ? [s.from, s.to] : [s.to]));
  const runLo = Math.min(...running);
  const runHi = Math.max(...running);
  // Zoom when every total is above zero and the movements would fill under a quarter of the plot.
  const zoom = lo >= 0 && runLo > 0 && (runHi - runLo) / (hi || 1) < 0.25 && runHi > runLo;
  const bottom = zoom ? Math.max(0, runLo - (runHi - runLo) * 0.6) : lo;
  const y = scaleLinear()
    .domain([bottom, hi === bottom ? bottom + 1 : hi])
    .range([16 + PLOT_HEIGHT, 16]);
  if (zoom) y.nice(4);
  const base = zoom ? Math.min(y.domain()[0], runLo) : 0;
  const baseY = y(base);
  const fontFor = (text: string) => (textWidth(text, 11) <= slot - 2 ? 11 : 10);
  const bars = steps.map((s, i): WaterfallBar => {
    const a = s.kind === 'rise' || s.kind === 'fall' ? y(s.from) : baseY;
    const b = y(s.to);
    const top = Math.min(a, b);
    const text = figure(s.value);
    const fontSize = fontFor(text);
    return {
      ...s,
      x: x(i) ?? 0,
      width: x.bandwidth(),
      y: top,
      height: Math.abs(a - b),
      text,
      fontSize,
      textY: s.kind === 'fall' || (s.kind !== 'rise' && s.to < base) ? Math.max(a, b) + fontSize + 2 : top - 4,
      name: wrapText(s.label, slot - 4, 10, NAME_LINES),
    };
  });
  const links = bars.slice(1).map((b, i) => ({
    x1: bars[i].x + bars[i].width,
    x2: b.x,
    y: y(steps[i].to),
  }));
  // The names start clear of the lowest figure (a fall's, printed under its bar) and of the baseline.
  const namesY = Math.max(16 + PLOT_HEIGHT, baseY, ...bars.map((b) => b.textY)) + 16;
  const lines = Math.max(1, ...bars.map((b) => b.name.length));
  return {
    width: full,
    height: namesY + lines * 12 + 4,
    bars,
    links,
    baseline: { y: baseY, value: base },
    namesY,
    nameSize: 10,
  };
}

// ---- Councils ranked by an indicator ------------------------------------------------------------

/** The value at fraction p of sorted numbers, interpolating between neighbours (Excel QUARTILE.INC). */
export function quantile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const at = (s.length - 1) * p;
  const lo = Math.floor(at);
  const hi = Math.min(s.length - 1, lo + 1);
  return s[lo] + (s[hi] - s[lo]) * (at - lo);
}

export interface Council {
  name: string;
  value: number;
  own: boolean;
}

export interface Ranking {
  /** Best first: largest first unless lower is better (and largest first where it is not known). */
  councils: (Council & { rank: number })[];
  order: 'highest first' | 'lowest first';
  /** Of the comparators' figures (the own council is not one of its own comparators). */
  quartiles: { lower: number; median: number; upper: number } | null;
}

/**
 * The own council and its comparators with a figure, in rank order (ties share the better rank,
 * as the engine ranks), and the comparators' lower quartile, median and upper quartile.
 */
export function rankCouncils(
  own: { name: string; value: number | null | undefined } | null,
  comparators: { name: string; value?: number | null }[],
  polarity: string | null | undefined,
): Ranking {
  const lowFirst = polarity === 'lower';
  const others = comparators.filter((c): c is { name: string; value: number } => typeof c.value === 'number');
  const all: Council[] = others.map((c) => ({ name: c.name, value: c.value, own: false }));
  if (own && typeof own.value === 'number') all.push({ name: own.name, value: own.value, own: true });
  const better = (a: number, b: number) => (lowFirst ? a < b : a > b);
  all.sort((a, b) => (a.value === b.value ? Number(b.own) - Number(a.own) : better(a.value, b.value) ? -1 : 1));
  const councils = all.map((c) => ({ ...c, rank: 1 + all.filter((o) => better(o.value, c.value)).length }));
  const values = others.map((c) => c.value);
  const lower = quantile(values, 0.25);
  const median = quantile(values, 0.5);
  const upper = quantile(values, 0.75);
  return {
    councils,
    order: lowFirst ? 'lowest first' : 'highest first',
    quartiles: lower === null || median === null || upper === null ? null : { lower, median, upper },
  };
}

export interface RankedLayout {
  width: number;
  height: number;
  rows: (Council & { rank: number; y: number; nameY: number; barX: number; barWidth: number; textX: number })[];
  barHeight: number;
  /** The quartile lines: x, and the tier (row) of its label so labels never overlap. */
  lines: { key: 'lower' | 'median' | 'upper'; label: string; value: number; x: number; labelX: number; tier: number }[];
  /** Where the plot starts (below the quartile labels) and ends. */
  top: number;
  bottom: number;
  zeroX: number;
}

const ROW = 34;
const BAR = 13;
const TIER = 14;
/** Room kept right of the longest bar for its figure. */
const VALUE_ROOM = 64;

/** The ranking laid out in `width` px: each council's name over its bar, its figure after the bar. */
export function layoutRanking(ranking: Ranking, width: number): RankedLayout {
  const values = ranking.councils.map((c) => c.value);
  const q = ranking.quartiles;
  const marks = q ? [q.lower, q.median, q.upper] : [];
  const x = scaleLinear()
    .domain([Math.min(0, ...values, ...marks), Math.max(0, ...values, ...marks)])
    .range([4, Math.max(60, width - VALUE_ROOM)]);
  if (x.domain()[0] === x.domain()[1]) x.domain([x.domain()[0], x.domain()[0] + 1]);
  const zeroX = x(0);
  const labels = q
    ? ([
        ['lower', 'LQ', q.lower],
        ['median', 'Median', q.median],
        ['upper', 'UQ', q.upper],
      ] as const)
    : [];
  // Each label on the first tier where it clears the labels already there.
  const placed: { left: number; right: number; tier: number }[] = [];
  const lines = labels.map(([key, label, value]) => {
    const at = x(value);
    const half = textWidth(label, 10) / 2 + 3;
    const left = Math.max(0, Math.min(at - half, width - 2 * half));
    const right = left + 2 * half;
    let tier = 0;
    while (placed.some((p) => p.tier === tier && p.left < right && left < p.right)) tier++;
    placed.push({ left, right, tier });
    return { key, label, value, x: at, labelX: (left + right) / 2, tier };
  });
  const tiers = lines.length ? Math.max(...lines.map((l) => l.tier)) + 1 : 0;
  const top = tiers * TIER + 4;
  const rows = ranking.councils.map((c, i) => {
    const y = top + i * ROW + 16;
    const a = x(Math.min(0, c.value));
    const b = x(Math.max(0, c.value));
    return { ...c, y, nameY: y - 4, barX: a, barWidth: Math.max(b - a, 0), textX: Math.max(b, zeroX) + 4 };
  });
  const bottom = top + ranking.councils.length * ROW + 4;
  return { width, height: bottom + 2, rows, barHeight: BAR, lines, top, bottom, zeroX };
}
