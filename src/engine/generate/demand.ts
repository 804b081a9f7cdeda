/**
 * Demand: population by age band and year × a rate of service use or prevalence = people
 * needing support; × a unit cost = the cost. Manchester 2009's older people's figures are the
 * model (85+ population 7,200 in 2007, 7,400 in 2008, 7,600 in 2010; dementia prevalence
 * 19.7% for men and 25.2% for women aged 85+).
 *
 * The rates, unit costs and populations are shaded inputs with names; people and cost are formulas.
 */
import { COUNT, Layout, MONEY, PERCENT, fraction, safeName } from './layout';
import type { Anchor, GeneratedTable } from './layout';

export interface DemandBand {
  /** Age band or group ("85+"), written as text. */
  label: string;
  /** Population per year, one figure for each of the table's years. */
  population: number[];
  /** Rate of service use or prevalence, in per cent (19.7 = 19.7%). */
  rate: number;
  /** Cost per person a year, over the table's unit cost. */
  unitCost?: number;
}

export interface DemandInput {
  /** Column labels of the population figures ("2008", "2010", "Mid 2007", "2025/26"). */
  years: string[];
  bands: DemandBand[];
  /** Cost per person a year for bands without their own; with no unit cost at all there is no cost block. */
  unitCost?: number;
  /** What the rate gives ("People needing support", the default; "People with dementia"). */
  measure?: string;
  /** Units of the unit cost and the cost ("£", the default). */
  units?: string;
  title?: string;
  /** Prefix of the named ranges and the Excel table ("Demand"). */
  name?: string;
}

export function buildDemand(input: DemandInput, anchor: Anchor): GeneratedTable {
  const n = input.years.length;
  if (n === 0) throw new Error('A demand table needs at least one year of population.');
  if (input.bands.length === 0) throw new Error('A demand table needs at least one age band.');
  for (const b of input.bands) {
    if (b.population.length !== n) {
      throw new Error(`The population of "${b.label}" has ${b.population.length} figures but there are ${n} years.`);
    }
  }
  const years = [...input.years];
  const measure = input.measure ?? 'People needing support';
  const units = input.units ?? '£';
  const title = input.title ?? 'Demand';
  const prefix = safeName(input.name ?? 'Demand');
  const bands = input.bands;
  const unitCosts = bands.map((b) => b.unitCost ?? input.unitCost ?? null);
  const withCost = unitCosts.some((c) => c !== null);

  const L = new Layout(anchor);
  const yc = (t: number) => 1 + t;
  const last = yc(n - 1);
  L.text(0, 0, title, { bold: true });
  L.text(1, 0, 'Shaded cells are inputs: rates, unit costs and population.');

  // Assumptions by band
  const aHeader = 3;
  L.text(aHeader, 0, 'Age band', { bold: true });
  L.text(aHeader, 1, 'Rate', { bold: true });
  if (withCost) L.text(aHeader, 2, `Unit cost (${units} a year)`, { bold: true });
  bands.forEach((b, i) => {
    const row = aHeader + 1 + i;
    L.text(row, 0, b.label);
    L.text(row, 1, fraction(b.rate), { input: true, numberFormat: PERCENT });
    if (withCost) L.text(row, 2, unitCosts[i] ?? 0, { input: true, numberFormat: MONEY });
  });
  const aFirst = aHeader + 1;
  const aLast = aHeader + bands.length;
  L.name(`${prefix}_Rates`, aFirst, 1, aLast, 1);
  if (withCost) L.name(`${prefix}_UnitCosts`, aFirst, 2, aLast, 2);

  // Population
  const pHeader = aLast + 2;
  L.text(pHeader, 0, 'Population', { bold: true });
  years.forEach((y, t) => L.text(pHeader, yc(t), y, { bold: true }));
  bands.forEach((b, i) => {
    L.text(pHeader + 1 + i, 0, b.label);
    b.population.forEach((v, t) => L.text(pHeader + 1 + i, yc(t), v, { input: true, numberFormat: COUNT }));
  });
  L.name(`${prefix}_Population`, pHeader + 1, yc(0), pHeader + bands.length, last);

  const rows: GeneratedTable['rows'] = [];
  const block = (
    top: number,
    heading: string,
    cell: (i: number, t: number) => { formula: string; value: number },
    numberFormat: string,
    totalLabel: string,
  ): number[][] => {
    L.text(top, 0, heading, { bold: true });
    years.forEach((y, t) => L.text(top, yc(t), y, { bold: true }));
    const values = bands.map((b, i) => {
      const row = top + 1 + i;
      L.text(row, 0, b.label);
      const vs = years.map((_, t) => {
        const c = cell(i, t);
        L.formula(row, yc(t), c.formula, c.value, { numberFormat });
        return c.value;
      });
      rows.push({ label: `${heading}: ${b.label}`, values: vs });
      return vs;
    });
    const totalRow = top + 1 + bands.length;
    const totals = years.map((_, t) => values.reduce((s, v) => s + v[t], 0));
    L.text(totalRow, 0, totalLabel, { bold: true });
    totals.forEach((v, t) =>
      L.formula(totalRow, yc(t), `SUM(${L.range(top + 1, yc(t), totalRow - 1, yc(t))})`, v, {
        numberFormat,
        bold: true,
      }),
    );
    rows.push({ label: totalLabel, values: totals });
    return [...values, totals];
  };

  const nHeader = pHeader + bands.length + 2;
  const people = block(
    nHeader,
    measure,
    (i, t) => ({
      formula: `${L.addr(pHeader + 1 + i, yc(t))}*${L.addr(aFirst + i, 1, true)}`,
      value: bands[i].population[t] * fraction(bands[i].rate),
    }),
    COUNT,
    `Total ${measure.charAt(0).toLowerCase()}${measure.slice(1)}`,
  );
  const summary: GeneratedTable['summary'] = {
    lastYear: years[n - 1],
    peopleLastYear: people[bands.length][n - 1],
  };
  const bottom = nHeader + bands.length + 1;
  if (withCost) {
    const cHeader = bottom + 2;
    const cost = block(
      cHeader,
      `Cost (${units})`,
      (i, t) => ({
        formula: `${L.addr(nHeader + 1 + i, yc(t))}*${L.addr(aFirst + i, 2, true)}`,
        value: people[i][t] * (unitCosts[i] ?? 0),
      }),
      MONEY,
      'Total cost',
    );
    summary.costLastYear = cost[bands.length][n - 1];
  }

  return {
    spec: {
      title,
      anchor: { ...anchor },
      cells: L.grid(),
      excelTable: { name: `${prefix}_Table`, top: nHeader, left: 0, bottom: nHeader + bands.length, right: last },
      names: L.names,
      columnWidths: [
        Math.max(28, ...bands.map((b) => Math.min(60, b.label.length + 2))),
        ...Array.from({ length: Math.max(n, 2) }, (_, i) => (i === 1 ? 16 : 12)),
      ],
    },
    columns: years,
    rows,
    summary,
    units,
  };
}
