/**
 * Issue 27, point 12: pictures where people would rather look than read, in Chromium at 350 px
 * (the pane above the sheet) and at 1280 px (the pane beside it), on the browser page.
 *
 * - Compare: the budget bridge of the revised sample plan (test/app/revisedSample.ts) against the
 *   sample is drawn as a waterfall for the year shown: the earlier total, one floating bar per line
 *   that moved, rises up and falls down in proportion to their figures, each with its figure as
 *   the table beside it prints it ("(420)"), and the total now where the movements leave it. The
 *   figures and names are in sight and none overlap. Picking another year redraws it for that year.
 * - Benchmarks: a CIPFA nearest-neighbours table (neighboursFixture.ts), the councils' own figures
 *   in it; with Manchester chosen as the user's council, the councils are drawn in rank order, best
 *   first, Manchester marked in words as well as colour, and the comparators' lower quartile, median
 *   and upper quartile as labelled lines where their figures fall on the bars' scale.
 *
 * Both charts are SVG images with a one-sentence label. Screenshots are kept in test-output/
 * (charts-*.png). No console error in any test.
 */
import { promises as fs } from 'fs';
import type * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { revisedSample } from '../app/revisedSample';
import { cleanUp, close, launch, originOf, OUTPUT, ROOT, SAMPLE, serve, site, XLSX_TYPE } from './harness';
import { COUNCILS, DELAYS, neighboursWorkbook, SATISFACTION } from './neighboursFixture';

let tmp: string;
let server: http.Server;
let origin: string;
let sample: Buffer;
let revised: Buffer;
let neighbours: Buffer;
const errors: string[] = [];

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'plancheck-charts-'));
  server = await serve(await site());
  origin = originOf(server);
  sample = await fs.readFile(path.join(ROOT, 'samples', SAMPLE));
  revised = await revisedSample(sample);
  neighbours = await neighboursWorkbook();
  await fs.mkdir(OUTPUT, { recursive: true });
}, 600_000);

afterEach(() => {
  expect(errors.splice(0)).toEqual([]);
});

afterAll(async () => {
  await close(server);
  if (tmp) await fs.rm(tmp, { recursive: true, force: true });
  await cleanUp();
});

/** "(21,351)" -> -21351, "350" -> 350. */
const amount = (text: string) => {
  const n = Number(text.replace(/[(),]/g, ''));
  return text.startsWith('(') ? -n : n;
};

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Every text of an SVG as drawn on screen, and the part of it the user can see (the frame, the window). */
function drawnTexts(svg: Locator): Promise<{ texts: (Box & { text: string })[]; seen: Box }> {
  return svg.evaluate((el) => {
    let frame: Element = el;
    while (frame.parentElement && getComputedStyle(frame).overflowX === 'visible') frame = frame.parentElement;
    const f = frame.getBoundingClientRect();
    const seen = {
      left: Math.max(f.left, 0),
      right: Math.min(f.right, window.innerWidth),
      top: f.top,
      bottom: f.bottom,
    };
    const texts = [...el.querySelectorAll('text')].map((t) => {
      const r = t.getBoundingClientRect();
      return { text: t.textContent ?? '', left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    });
    return { texts, seen };
  });
}

function expectInSightApart(texts: (Box & { text: string })[], seen: Box) {
  for (const t of texts) {
    expect({ text: t.text, inSight: t.left >= seen.left - 0.5 && t.right <= seen.right + 0.5 }).toEqual({
      text: t.text,
      inSight: true,
    });
  }
  for (let i = 0; i < texts.length; i++)
    for (let j = i + 1; j < texts.length; j++) {
      const [a, b] = [texts[i], texts[j]];
      const overlap =
        a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
      expect({ a: a.text, b: b.text, overlap }).toEqual({ a: a.text, b: b.text, overlap: false });
    }
}

async function open(width: number, name: string, file: { name: string; buffer: Buffer }) {
  const { context, page } = await launch(path.join(tmp, `profile-${name}-${width}`), { width, height: 900 });
  context.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${origin}/browser.html`);
  await page.getByTestId('file-input').setInputFiles({ ...file, mimeType: XLSX_TYPE });
  await page.getByRole('button', { name: 'Validate', exact: true }).waitFor({ timeout: 30_000 });
  return { context, page };
}

describe.each([350, 1280])('the budget bridge as a waterfall, at %i px', (width) => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ({ context, page } = await open(width, 'compare', { name: 'plan-revised.xlsx', buffer: revised }));
    await page.getByRole('tab', { name: 'Compare' }).click();
    await page
      .getByTestId('compare-file')
      .setInputFiles({ name: 'plancheck-sample.xlsx', mimeType: XLSX_TYPE, buffer: sample });
    await page.getByRole('button', { name: 'Earlier file: plancheck-sample.xlsx' }).waitFor();
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await page.getByTestId('change').first().waitFor({ timeout: 30_000 });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
  });

  /** The bridge's rows for one year as its table prints them: label and figure. */
  async function tableYear(bridge: Locator, year: string): Promise<{ label: string; text: string }[]> {
    return bridge.locator('table').evaluate((table, y) => {
      const heads = [...table.querySelectorAll('thead th')].map((h) => (h as HTMLElement).innerText.trim());
      const at = heads.indexOf(y);
      return [...table.querySelectorAll('tbody tr')].map((tr) => {
        const cells = [...tr.querySelectorAll('td')] as HTMLElement[];
        return { label: cells[0].innerText.trim(), text: cells[at].innerText.trim() };
      });
    }, year);
  }

  /** The bars as drawn: what, and where (SVG units, y down). */
  function bars(chart: Locator) {
    return chart.locator('[data-testid="waterfall-bar"]').evaluateAll((gs) =>
      gs.map((g) => {
        const rect = g.querySelector('rect')!;
        return {
          kind: g.getAttribute('data-kind')!,
          label: g.getAttribute('data-label')!,
          text: g.querySelector('[data-testid="waterfall-figure"]')!.textContent!,
          y: Number(rect.getAttribute('y')),
          height: Number(rect.getAttribute('height')),
        };
      }),
    );
  }

  async function checkYear(year: string, shot: string) {
    const bridge = page.getByTestId('bridge').first();
    const chart = bridge.getByTestId('waterfall');
    await chart.locator('svg[role="img"]').waitFor({ timeout: 30_000 });
    await chart.scrollIntoViewIfNeeded();
    expect(await chart.getAttribute('data-year')).toBe(year);

    // The table's rows for the year: the start, the lines that moved, the total now.
    const rows = await tableYear(bridge, year);
    const start = rows[0];
    const end = rows.find((r) => r.label === 'Total now')!;
    const moved = rows.filter((r) => r !== start && r !== end && !r.label.startsWith('Check') && amount(r.text) !== 0);
    expect(moved.length).toBeGreaterThan(0);

    const drawn = await bars(chart);
    expect(drawn.map((b) => [b.kind, b.label, b.text])).toEqual([
      ['start', 'Earlier total', start.text],
      ...moved.map((r) => [amount(r.text) > 0 ? 'rise' : 'fall', r.label, r.text]),
      ['end', 'Total now', end.text],
    ]);

    // Heights in proportion to the figures; rises go up from the running total, falls down from it.
    const moves = drawn.slice(1, -1);
    const perUnit = moves[0].height / Math.abs(amount(moves[0].text));
    let level = drawn[0].y;
    for (const b of moves) {
      expect(b.height / Math.abs(amount(b.text))).toBeCloseTo(perUnit, 4);
      if (b.kind === 'rise') expect(b.y + b.height).toBeCloseTo(level, 4);
      else expect(b.y).toBeCloseTo(level, 4);
      level = b.kind === 'rise' ? b.y : b.y + b.height;
    }
    // The total now: the start plus the changes, where the last change left the running total.
    const last = drawn[drawn.length - 1];
    expect(amount(last.text)).toBe(amount(start.text) + moved.reduce((s, r) => s + amount(r.text), 0));
    expect(last.y).toBeCloseTo(level, 4);
    expect(last.y + last.height).toBeCloseTo(drawn[0].y + drawn[0].height, 4);

    // One sentence says it all; every figure and name is in sight and clear of the others.
    const svg = chart.locator('svg[role="img"]');
    const rises = moved.filter((r) => amount(r.text) > 0);
    const falls = moved.filter((r) => amount(r.text) < 0);
    const label = await svg.getAttribute('aria-label');
    expect(label).toContain(`Budget bridge for ${year}: from ${start.text} to ${end.text}`);
    if (rises.length) expect(label).toContain(`${rises.length} line${rises.length > 1 ? 's' : ''} up by`);
    if (falls.length) expect(label).toContain(`${falls.length} line${falls.length > 1 ? 's' : ''} down by (`);
    const { texts, seen } = await drawnTexts(svg);
    expect(texts.map((t) => t.text)).toEqual(expect.arrayContaining(drawn.map((b) => b.text)));
    expectInSightApart(texts, seen);
    await page.screenshot({ path: path.join(OUTPUT, `charts-waterfall-${shot}-${width}.png`) });
  }

  it('draws the year most lines moved in: one bar per changed line, rises up, falls down, the total now where they leave it', async () => {
    await checkYear('2011/12', '2011');
  });

  it('follows the year shown: 2009/10 has the removed line alone', async () => {
    await page.getByRole('combobox', { name: 'Year shown' }).selectOption({ label: '2009/10' });
    await checkYear('2009/10', '2009');
    const drawn = await bars(page.getByTestId('waterfall').first());
    expect(drawn.map((b) => b.kind)).toEqual(['start', 'fall', 'end']);
  });
});

describe.each([350, 1280])('a comparator group ranked by an indicator, at %i px', (width) => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ({ context, page } = await open(width, 'bench', { name: 'neighbours.xlsx', buffer: neighbours }));
    await page.getByRole('tab', { name: 'Benchmarks' }).click();
    const panel = page.getByRole('tabpanel', { name: 'Benchmarks' });
    await panel.getByRole('button', { name: 'Compare' }).click();
    const own = panel.getByRole('combobox', { name: 'Your council' });
    await own.waitFor({ timeout: 30_000 });
    await own.click();
    await page.getByRole('option', { name: 'Manchester' }).click();
    await panel.getByText('PlanCheck compares Manchester with the other councils in the tables.').waitFor();
  }, 120_000);

  afterAll(async () => {
    await context?.close();
  });

  async function ranking() {
    const chart = page.getByTestId('ranking');
    await chart.locator('svg[role="img"]').waitFor({ timeout: 30_000 });
    return chart;
  }

  function rows(chart: Locator) {
    return chart.locator('[data-testid="ranking-row"]').evaluateAll((gs) =>
      gs.map((g) => {
        const rect = g.querySelector('rect')!;
        const name = g.querySelector('[data-testid="ranking-name"]') as SVGTextElement;
        return {
          name: g.getAttribute('data-name')!,
          own: g.getAttribute('data-own') === 'true',
          said: name.textContent!,
          bold: getComputedStyle(name).fontWeight,
          figure: g.querySelector('[data-testid="ranking-figure"]')!.textContent!,
          x: Number(rect.getAttribute('x')),
          y: Number(rect.getAttribute('y')),
          width: Number(rect.getAttribute('width')),
          fill: rect.getAttribute('fill'),
        };
      }),
    );
  }

  function quartiles(chart: Locator) {
    return chart.locator('[data-testid="quartile"]').evaluateAll((gs) =>
      gs.map((g) => ({
        label: g.querySelector('text')!.textContent!,
        x: Number(g.querySelector('line')!.getAttribute('x1')),
      })),
    );
  }

  /** The quartile the way Excel's QUARTILE.INC takes it. */
  const quartile = (values: number[], p: number) => {
    const s = [...values].sort((a, b) => a - b);
    const at = (s.length - 1) * p;
    const lo = Math.floor(at);
    return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (at - lo);
  };

  async function check(values: number[], lowerIsBetter: boolean, shot: string) {
    const chart = await ranking();
    await chart.scrollIntoViewIfNeeded();
    const drawn = await rows(chart);
    const expected = COUNCILS.map((name, i) => ({ name, value: values[i] })).sort((a, b) =>
      lowerIsBetter ? a.value - b.value : b.value - a.value,
    );
    // Rank order, top to bottom, each bar as long as its figure.
    expect(drawn.map((r) => [r.name, r.figure])).toEqual(expected.map((c) => [c.name, String(c.value)]));
    expect(drawn.map((r) => r.y)).toEqual([...drawn.map((r) => r.y)].sort((a, b) => a - b));
    const perUnit = drawn[0].width / expected[0].value;
    for (const [i, r] of drawn.entries()) expect(r.width).toBeCloseTo(expected[i].value * perUnit, 4);

    // Manchester marked in words and weight as well as colour; no other council marked.
    const own = drawn.filter((r) => r.own);
    expect(own.map((r) => r.name)).toEqual(['Manchester']);
    const rank = expected.findIndex((c) => c.name === 'Manchester') + 1;
    expect(own[0].said).toBe(`${rank}. Manchester (your council)`);
    expect(Number(own[0].bold)).toBeGreaterThanOrEqual(700);
    expect(new Set(drawn.filter((r) => !r.own).map((r) => r.fill))).not.toContain(own[0].fill);

    // The comparators' quartiles (Manchester left out), where their figures fall on the bars' scale.
    const comparators = expected.filter((c) => c.name !== 'Manchester').map((c) => c.value);
    const lines = await quartiles(chart);
    expect(lines.map((l) => l.label)).toEqual(['LQ', 'Median', 'UQ']);
    const zero = drawn[0].x;
    [0.25, 0.5, 0.75].forEach((p, i) => expect(lines[i].x - zero).toBeCloseTo(quartile(comparators, p) * perUnit, 4));

    const svg = chart.locator('svg[role="img"]');
    expect(await svg.getAttribute('aria-label')).toMatch(
      new RegExp(
        `: Manchester ranks ${rank} of ${COUNCILS.length} \\((lowest|highest) first\\) at \\d+; the comparators' lower quartile is`,
      ),
    );
    const { texts, seen } = await drawnTexts(svg);
    expectInSightApart(texts, seen);
    await page.screenshot({ path: path.join(OUTPUT, `charts-ranking-${shot}-${width}.png`) });
  }

  it('ranks the councils on the first indicator, lowest first where lower is better, Manchester marked', async () => {
    await check(DELAYS, true, 'delays');
  });

  it('ranks them again, highest first, on the indicator picked', async () => {
    await page
      .getByRole('combobox', { name: 'Indicator ranked' })
      .selectOption({ label: 'Satisfaction of people who use services (3A)' });
    await check(SATISFACTION, false, 'satisfaction');
  });
});
