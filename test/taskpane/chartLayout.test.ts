/**
 * Where the pane's charts put things (src/taskpane/charts/layout.ts), from what the pane is given:
 * the budget bridge of the sample plan against its revised copy (as Compare makes it), and the
 * ranking of a comparator table with the councils' own figures (as Benchmarks reads it).
 */
import { promises as fs } from 'fs';
import { PlanCheckApp } from '../../src/app';
import { compareSnapshots, readVersion } from '../../src/app/compare';
import type { Bridge } from '../../src/engine/compare';
import {
  layoutRanking,
  layoutWaterfall,
  quantile,
  rankCouncils,
  textWidth,
  waterfallSteps,
  wrapText,
} from '../../src/taskpane/charts/layout';
import { XlsxPort } from '../../src/xlsx/xlsxPort';
import { FakePort } from '../app/fakePort';
import { revisedSample, SAMPLE_FILE } from '../app/revisedSample';

let bridge: Bridge;

beforeAll(async () => {
  const sample = await fs.readFile(SAMPLE_FILE);
  const read = async (bytes: Buffer, name: string) => ({
    wb: await readVersion(await XlsxPort.fromBuffer(bytes, name), name),
    settings: {},
  });
  const { view } = compareSnapshots(
    await read(sample, 'plancheck-sample.xlsx'),
    await read(await revisedSample(sample), 'plan-revised.xlsx'),
  );
  bridge = view.bridges[0];
});

const year = (label: string) => bridge.years.indexOf(label);

describe('the waterfall of a budget bridge', () => {
  it('steps from the earlier total through each line that moved in the year to the total now', () => {
    const steps = waterfallSteps(bridge, year('2011/12'));
    expect(steps.map((s) => [s.kind, s.label, s.value])).toEqual([
      ['start', 'Earlier total', bridge.rows[0].values[year('2011/12')]],
      ['fall', '04 Adults – Physical Disability (removed)', -21351],
      ['fall', '06 Adults – Learning Disability', -420],
      ['rise', '03 Services for Older People', 350],
      ['end', 'Total now', steps[0].value - 21351 - 420 + 350],
    ]);
    // Each movement floats from where the last one left the running total.
    for (let i = 1; i < steps.length - 1; i++) {
      expect(steps[i].from).toBe(steps[i - 1].to);
      expect(steps[i].to).toBe(steps[i].from + steps[i].value);
    }
    expect(steps[steps.length - 2].to).toBe(steps[steps.length - 1].to);
  });

  it('leaves out, in a year, the lines that did not move in it', () => {
    const steps = waterfallSteps(bridge, year('2009/10'));
    expect(steps.map((s) => [s.kind, s.label])).toEqual([
      ['start', 'Earlier total'],
      ['fall', '04 Adults – Physical Disability (removed)'],
      ['end', 'Total now'],
    ]);
    expect(steps[2].value).toBe(steps[0].value + steps[1].value);
  });

  it.each([326, 420, 900])('draws heights in proportion to the figures, rises up and falls down, at %i px', (width) => {
    const steps = waterfallSteps(bridge, year('2011/12'));
    const chart = layoutWaterfall(steps, width);
    expect(chart.width).toBe(width);
    const moves = chart.bars.filter((b) => b.kind === 'rise' || b.kind === 'fall');
    const perUnit = moves[0].height / Math.abs(moves[0].value);
    for (const b of moves) expect(b.height / Math.abs(b.value)).toBeCloseTo(perUnit, 6);
    // A rise's top is above the running total it starts from; a fall's top is at it.
    const [start, , , , end] = chart.bars;
    let level = start.y;
    for (const b of chart.bars.slice(1, -1)) {
      if (b.kind === 'rise') expect(b.y + b.height).toBeCloseTo(level, 6);
      else expect(b.y).toBeCloseTo(level, 6);
      level = b.kind === 'rise' ? b.y : b.y + b.height;
    }
    // The total now stands where the movements left the running total, and on the same baseline as the start.
    expect(end.y).toBeCloseTo(level, 6);
    expect(end.y + end.height).toBeCloseTo(start.y + start.height, 6);
    expect(start.y + start.height).toBeCloseTo(chart.baseline.y, 6);
    // Totals of £190m moving by £21m: the bars stand above zero, on a round figure below the lowest total.
    expect(chart.baseline.value).toBeGreaterThan(0);
    expect(chart.baseline.value).toBeLessThan(end.value);
    expect(chart.baseline.value % 1000).toBe(0);
  });

  it('keeps each bar’s figure and name inside its own slot, so none overlap', () => {
    const chart = layoutWaterfall(waterfallSteps(bridge, year('2011/12')), 326);
    const slots = chart.bars.map((b, i) => {
      const next = chart.bars[i + 1];
      return {
        left: i === 0 ? 0 : (chart.bars[i - 1].x + chart.bars[i - 1].width + b.x) / 2,
        right: next ? (b.x + b.width + next.x) / 2 : chart.width,
      };
    });
    chart.bars.forEach((b, i) => {
      const middle = b.x + b.width / 2;
      for (const line of [b.text, ...b.name]) {
        const half = textWidth(line, line === b.text ? b.fontSize : chart.nameSize) / 2;
        expect({ line, fits: middle - half >= slots[i].left && middle + half <= slots[i].right }).toEqual({
          line,
          fits: true,
        });
      }
    });
    expect(chart.bars.map((b) => b.text)).toEqual(['199,389', '(21,351)', '(420)', '350', '177,968']);
    // The names start below the lowest figure (a fall's, under its bar) and below the bars.
    const lowest = Math.max(...chart.bars.map((b) => b.textY), ...chart.bars.map((b) => b.y + b.height));
    expect(chart.namesY - chart.nameSize).toBeGreaterThan(lowest);
  });

  it('scrolls rather than squeezes: twelve bars at 326 px make a wider chart with slots of 50 px', () => {
    const steps = waterfallSteps(bridge, year('2011/12'));
    const many = [steps[0], ...Array.from({ length: 10 }, () => steps[3]), steps[4]];
    const chart = layoutWaterfall(many, 326);
    expect(chart.width).toBeGreaterThan(326);
    expect(chart.bars[1].x - chart.bars[0].x).toBeGreaterThanOrEqual(50);
  });

  it('wraps a line’s name at its words, cuts a word too long and ends with … what does not fit', () => {
    expect(wrapText('04 Adults – Physical Disability (removed)', 60, 10, 4)).toEqual([
      '04 Adults',
      '– Physical',
      'Disability',
      '(removed)',
    ]);
    expect(wrapText('Change in the total not explained by its lines', 60, 10, 3)).toEqual([
      'Change in',
      'the total',
      'not expla…',
    ]);
  });
});

/** Indicators as rows, councils as columns, the own council among them, as a CIPFA sheet has it. */
const NEIGHBOURS = [
  ['Indicator', 'Good is', 'Stockport', 'Trafford', 'Bolton', 'Manchester', 'Wigan', 'Salford', 'Oldham'],
  ['Delayed transfers of care per 100,000', 'Low', 10, 12, 8, 6, 14, 9, 11],
  ['Satisfaction of people who use services', 'High', 40, 45, 55, 50, 60, 62, 38],
];

describe('councils ranked by an indicator', () => {
  async function benchmarks() {
    const app = new PlanCheckApp(new FakePort({ Neighbours: NEIGHBOURS }, { benchmark: { own: 'Manchester' } }));
    const result = await app.benchmarks();
    if (!result.ok) throw new Error(result.error);
    return result.value;
  }

  it('orders the councils best first, the own council where the engine ranks it', async () => {
    const view = await benchmarks();
    const [delays, satisfaction] = view.indicators;
    const low = rankCouncils(
      { name: 'Manchester', value: delays.own },
      delays.source?.comparators ?? [],
      delays.polarity,
    );
    expect(low.order).toBe('lowest first');
    expect(low.councils.map((c) => `${c.rank} ${c.name} ${c.value}`)).toEqual([
      '1 Manchester 6',
      '2 Bolton 8',
      '3 Salford 9',
      '4 Stockport 10',
      '5 Oldham 11',
      '6 Trafford 12',
      '7 Wigan 14',
    ]);
    expect(low.councils.find((c) => c.own)?.rank).toBe(delays.rank);
    const high = rankCouncils(
      { name: 'Manchester', value: satisfaction.own },
      satisfaction.source?.comparators ?? [],
      satisfaction.polarity,
    );
    expect(high.order).toBe('highest first');
    expect(high.councils.map((c) => c.name)).toEqual([
      'Salford',
      'Wigan',
      'Bolton',
      'Manchester',
      'Trafford',
      'Stockport',
      'Oldham',
    ]);
    expect(high.councils.find((c) => c.own)?.rank).toBe(satisfaction.rank);
  });

  it('takes the quartiles of the comparators, the own council left out, the median the engine’s', async () => {
    const [, satisfaction] = (await benchmarks()).indicators;
    const ranking = rankCouncils(
      { name: 'Manchester', value: satisfaction.own },
      satisfaction.source?.comparators ?? [],
      satisfaction.polarity,
    );
    // Comparators 38, 40, 45, 55, 60, 62: Excel's QUARTILE.INC gives 41.25, 50 and 58.75.
    expect(ranking.quartiles).toEqual({ lower: 41.25, median: 50, upper: 58.75 });
    expect(ranking.quartiles?.median).toBe(satisfaction.median);
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
  });

  it('draws each bar in proportion to its figure and the quartile lines where their figures fall', async () => {
    const [, satisfaction] = (await benchmarks()).indicators;
    const ranking = rankCouncils(
      { name: 'Manchester', value: satisfaction.own },
      satisfaction.source?.comparators ?? [],
      satisfaction.polarity,
    );
    for (const width of [326, 420]) {
      const chart = layoutRanking(ranking, width);
      const perUnit = chart.rows[0].barWidth / chart.rows[0].value;
      for (const r of chart.rows) expect(r.barWidth / r.value).toBeCloseTo(perUnit, 6);
      for (const l of chart.lines) expect(l.x - chart.zeroX).toBeCloseTo(l.value * perUnit, 6);
      // Rows top to bottom in rank order; the figures inside the chart.
      expect(chart.rows.map((r) => r.y)).toEqual([...chart.rows.map((r) => r.y)].sort((a, b) => a - b));
      for (const r of chart.rows) expect(r.textX + textWidth(String(r.value), 11)).toBeLessThanOrEqual(width);
    }
  });

  it('puts quartile labels that would touch on tiers of their own', () => {
    const close = rankCouncils(
      { name: 'Own', value: 5 },
      [49, 50, 50, 51].map((value, i) => ({ name: `C${i}`, value })),
      'higher',
    );
    const chart = layoutRanking(close, 326);
    const tiers = chart.lines.map((l) => l.tier);
    expect(new Set(tiers).size).toBe(3);
    const far = rankCouncils(
      { name: 'Own', value: 5 },
      [10, 40, 60, 100].map((value, i) => ({ name: `C${i}`, value })),
      'higher',
    );
    expect(layoutRanking(far, 326).lines.map((l) => l.tier)).toEqual([0, 0, 0]);
  });
});
