/**
 * The layout zoo: realistic plan workbooks in the layouts councils keep, each in a clean variant
 * (which must give no error and no warning) and a planted variant (one to three mistakes of the
 * kinds the rules exist for, each to be found at its cell). Every workbook also carries sheets
 * that are not plans: contacts, notes, a lookup list and a pivot table's output.
 */
import type { Planted, ZooCell, ZooSheet, ZooWorkbook } from './build';
import { fx, L, newSheet, num, put, set } from './build';

const K = '#,##0;(#,##0)';
const M1 = '#,##0.0;(#,##0.0)';
const PCT = '0.0%';
const DATE = 'dd/mm/yyyy';

/** A small deterministic generator, so every run lays the same figures. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function between(r: () => number, lo: number, hi: number): number {
  return Math.round(lo + r() * (hi - lo));
}

type Variant = 'clean' | 'planted';
type Family = (variant: Variant) => { sheets: ZooSheet[]; planted: Planted[] };

const SERVICES = [
  'Older people: residential care',
  'Older people: home care',
  'Learning disability support',
  'Mental health services',
  'Physical support (working age)',
  'Carers and prevention',
  'Assessment and care management',
  'Commissioning and contracts',
];

// ---------------------------------------------------------------------------------------------
// Sheets that are not plans.

export function contactsSheet(): ZooSheet {
  const s = newSheet('Contacts');
  put(s, 'A1', ['Budget holders and finance contacts']);
  put(s, 'A3', ['Name', 'Role', 'Phone', 'Mobile', 'Postcode', 'Room', 'Start date', 'Hours per week', 'Desk size']);
  const people: ZooCell[][] = [
    [
      'Asha Patel',
      'Head of finance (ASC)',
      '0121 303 1234',
      '07700 900123',
      'B1 1BB',
      '4x12',
      num(44927, DATE),
      37,
      '42x42',
    ],
    [
      'Tom Reilly',
      'Finance business partner',
      '0121 303 5678',
      '07700 900456',
      'B4 7DJ',
      '2x04',
      num(45200, DATE),
      37,
      '42x42',
    ],
    [
      'Grace Okafor',
      'Budget manager, older people',
      '0121 303 9012',
      '07700 900789',
      'B15 2TT',
      '3x01',
      num(43831, DATE),
      22.5,
      '36x30',
    ],
    [
      'Dan Hughes',
      'Commissioning lead',
      '(0121) 464 2222',
      '07700 900321',
      'B5 4UA',
      'G.17',
      num(44470, DATE),
      30,
      '42x42',
    ],
    [
      'Mei Chen',
      'Systems accountant',
      '0121-303-4455',
      '+44 7700 900654',
      'B2 4QA',
      '4x15',
      num(45383, DATE),
      37,
      '60x30',
    ],
  ];
  people.forEach((p, i) => put(s, `A${4 + i}`, p));
  return s;
}

export function notesSheet(): ZooSheet {
  const s = newSheet('Notes');
  put(s, 'A1', ['Notes on this workbook']);
  put(s, 'A3', ['1.', 'Figures are in £000 unless the table says otherwise.']);
  put(s, 'A4', ['2.', 'Inflation of 3.5% for 2025/26 agreed at Cabinet on 12 February 2025.']);
  put(s, 'A5', ['3.', 'Demography growth of 2.1% a year for older people, 4% for learning disability.']);
  put(s, 'A6', ['4.', 'Version 3.2 of 14/01/2025; replaces version 3.1.']);
  return s;
}

export function lookupSheet(): ZooSheet {
  const s = newSheet('Lookups');
  put(s, 'A1', ['Code', 'Description', 'Client group', 'Cost centre', 'Active']);
  const rows: ZooCell[][] = [
    ['ASC101', 'Residential care', 'Older people', 10101, 'Y'],
    ['ASC102', 'Nursing care', 'Older people', 10102, 'Y'],
    ['ASC201', 'Supported living', 'Learning disability', 10201, 'Y'],
    ['ASC301', 'Community mental health', 'Mental health', 10301, 'N'],
    ['ASC401', 'Direct payments', 'Physical support', 10401, 'Y'],
  ];
  rows.forEach((r, i) => put(s, `A${2 + i}`, r));
  return s;
}

/** A pivot table's output: its grand total row holds a sum, an average and a count. */
export function pivotSheet(): ZooSheet {
  const s = newSheet('Pivot');
  put(s, 'A1', ['Client group', '(All)']);
  put(s, 'A3', ['Row Labels', 'Sum of Annual budget', 'Average of Weekly cost', 'Count of Provider']);
  const rows: [string, number, number, number][] = [
    ['Learning disability', 41250, 1480.5, 12],
    ['Mental health', 9870, 655.25, 7],
    ['Older people', 88400, 812.75, 31],
    ['Physical support', 15320, 701.0, 9],
  ];
  rows.forEach((r, i) => put(s, `A${4 + i}`, [r[0], num(r[1], K), num(r[2], '#,##0.00'), r[3]]));
  put(s, 'A8', ['Grand Total', num(154840, K), num(861.86, '#,##0.00'), 59]);
  return s;
}

function extras(): ZooSheet[] {
  return [contactsSheet(), notesSheet(), lookupSheet(), pivotSheet()];
}

// ---------------------------------------------------------------------------------------------
// 1. A financial plan whose header is a base-year block (year over Gross | Net) beside proposed
//    years (a measure over years) and funding by source (a measure over years).

const baseYearBlock: Family = (variant) => {
  const r = rng(11);
  const s = newSheet('Revenue plan');
  const planted: Planted[] = [];
  put(s, 'A1', ['Adult Social Care: revenue budget plan 2024-25 to 2026-27']);
  put(s, 'A2', ['£000']);
  put(s, 'A4', [
    'Ref',
    'Service',
    'Base budget 2023-24',
    null,
    'Proposed gross budget',
    null,
    null,
    'Source',
    'Funding',
  ]);
  put(s, 'A5', [null, null, 'Gross', 'Net', '2024-25', '2025-26', '2026-27', null, '2024-25', '2025-26', '2026-27']);
  s.merges.push('C4:D4', 'E4:G4', 'I4:K4');
  let row = 6;
  const lineRows: number[] = [];
  SERVICES.slice(0, 6).forEach((name, i) => {
    const gross = between(r, 4000, 60000);
    const net = Math.round(gross * (0.55 + r() * 0.35));
    const years = [1, 2, 3].map((y) => Math.round(gross * (1 + 0.038) ** y));
    const grants = Math.round(gross * 0.05);
    const contributions = i % 2 === 0 ? Math.round(gross * 0.18) : 0;
    const sources: [string, number[]][] = [];
    sources.push(['Grants', years.map((g) => Math.round((g * grants) / gross))]);
    if (contributions) sources.push(['Contributions', years.map((g) => Math.round((g * contributions) / gross))]);
    sources.push(['Mainstream', years.map((g, y) => g - sources.reduce((a, [, v]) => a + v[y], 0))]);
    lineRows.push(row);
    put(s, `A${row}`, [
      `0${i + 1}`,
      name,
      num(gross, K),
      num(net, K),
      ...years.map((y) => num(y, K)),
      sources[0][0],
      ...sources[0][1].map((v) => num(v, K)),
    ]);
    row++;
    for (const [src, vals] of sources.slice(1)) {
      put(s, `H${row}`, [src, ...vals.map((v) => num(v, K))]);
      row++;
    }
  });
  const last = row - 1;
  put(s, `A${row}`, [
    null,
    'Total',
    ...['C', 'D', 'E', 'F', 'G'].map((c) => fx(`SUM(${c}6:${c}${last})`, K)),
    null,
    ...['I', 'J', 'K'].map((c) => fx(`SUM(${c}6:${c}${last})`, K)),
  ]);
  put(s, `H${row + 1}`, [
    'Total Mainstream Funding Required',
    ...['I', 'J', 'K'].map((c) => fx(`SUMIF($H$6:$H$${last},"Mainstream",${c}$6:${c}$${last})`, K)),
  ]);
  if (variant === 'planted') {
    // Net above gross on the third line.
    const l3 = lineRows[2];
    const gross = (s.cells.get(`C${l3}`) as { v: number }).v;
    set(s, `D${l3}`, num(gross + 350, K));
    planted.push({
      sheet: s.name,
      cell: `D${l3}`,
      rule: 'funding.net-above-gross',
      severity: 'error',
      what: 'net above gross',
    });
    // A grant cut in 2025-26 without the gross moving: the line's funding falls short.
    const l5 = lineRows[4];
    const g = (s.cells.get(`J${l5}`) as { v: number }).v;
    set(s, `J${l5}`, num(g - 120, K));
    planted.push({
      sheet: s.name,
      cell: `F${l5}`,
      rule: 'funding.sum',
      severity: 'error',
      what: 'funding short of the cash limit',
    });
  }
  return { sheets: [s], planted };
};

/** Runs of consecutive rows: [6, 7, 9] -> [[6, 7], [9, 9]]. */
function runs(rows: number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const r of rows) {
    const last = out[out.length - 1];
    if (last && last[1] === r - 1) last[1] = r;
    else out.push([r, r]);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// 2. A grouped medium-term plan in £m: heading rows, lines, SUBTOTAL(9) subtotals, blank rows
//    between groups, an "of which" row, a grand total by SUBTOTAL over everything, memo rows,
//    and columns that are not figures (lead officer, approval date).

function groupedPlan(grandBySubtotals: boolean): Family {
  return (variant) => {
    const r = rng(grandBySubtotals ? 23 : 22);
    const s = newSheet('MTFP');
    const planted: Planted[] = [];
    put(s, 'A1', ['Adult Social Care medium-term financial plan 2025/26 to 2027/28']);
    put(s, 'A2', ['£m']);
    put(s, 'A4', ['Service', 'Lead officer', '2025/26', '2026/27', '2027/28', 'Approved']);
    const groups: [string, string[]][] = [
      ['Older people', ['Residential and nursing care', 'Home care', 'Extra care housing']],
      ['Working age adults', ['Learning disability', 'Mental health', 'Physical support']],
      ['Support services', ['Assessment and care management', 'Commissioning']],
    ];
    const officers = ['J. Smith', 'A. Khan', 'R. Evans', 'P. Walsh'];
    let row = 5;
    const subtotalRows: number[] = [];
    const lineRowsByGroup: number[][] = [];
    groups.forEach(([group, lines], gi) => {
      put(s, `A${row}`, [group]);
      row++;
      const lineRows: number[] = [];
      lines.forEach((line, li) => {
        const base = Math.round((5 + r() * 40) * 10) / 10;
        put(s, `A${row}`, [
          line,
          officers[(gi + li) % officers.length],
          num(base, M1),
          num(Math.round(base * 10.4) / 10, M1),
          num(Math.round(base * 10.8) / 10, M1),
          num(45292 + gi * 30 + li, DATE),
        ]);
        lineRows.push(row);
        row++;
        if (grandBySubtotals && gi === 0 && li === 1) {
          // "of which": a breakdown inside the line above, never added to a total.
          put(s, `A${row}`, ['of which: agency staff', null, num(2.1, M1), num(2.2, M1), num(2.3, M1)]);
          row++;
        }
      });
      // The subtotal adds the lines, leaving out any "of which" row among them.
      const ranges = (c: string) => runs(lineRows).map(([a, b]) => (a === b ? `${c}${a}` : `${c}${a}:${c}${b}`));
      put(s, `A${row}`, [
        `Subtotal ${group.toLowerCase()}`,
        null,
        ...['C', 'D', 'E'].map((c) => fx(`SUBTOTAL(9,${ranges(c).join(',')})`, M1)),
      ]);
      subtotalRows.push(row);
      lineRowsByGroup.push(lineRows);
      row += 2;
    });
    const grand = row;
    if (variant === 'planted') {
      // A subtotal typed over, and wrong.
      const sub = subtotalRows[1];
      set(s, `D${sub}`, num(61.3, M1));
      planted.push({
        sheet: s.name,
        cell: `D${sub}`,
        rule: 'totals.subtotal',
        severity: 'error',
        what: 'a subtotal typed over, wrong',
      });
      // A figure with a letter in it.
      const line = lineRowsByGroup[2][0];
      set(s, `E${line}`, '1O.4');
      planted.push({
        sheet: s.name,
        cell: `E${line}`,
        rule: 'figures.unreadable',
        severity: 'error',
        what: 'a figure with a letter in it',
      });
    }
    // SUBTOTAL(9) over everything leaves out the nested SUBTOTALs but counts a subtotal typed over
    // (HyperFormula counts both, so the stored result is worked out here as Excel would).
    const excelSubtotal = (c: string) =>
      `SUM(${subtotalRows
        .map((x, gi) => {
          const cell = s.cells.get(`${c}${x}`);
          return cell && typeof cell === 'object' && 'f' in cell
            ? lineRowsByGroup[gi].map((l) => `${c}${l}`).join(',')
            : `${c}${x}`;
        })
        .join(',')})`;
    put(s, `A${grand}`, [
      'Total net budget',
      null,
      ...['C', 'D', 'E'].map((c) =>
        grandBySubtotals
          ? fx(subtotalRows.map((x) => `${c}${x}`).join('+'), M1)
          : fx(`SUBTOTAL(9,${c}5:${c}${grand - 1})`, M1, excelSubtotal(c)),
      ),
    ]);
    put(s, `A${grand + 2}`, ['Memo: Better Care Fund contribution', null, num(12.4, M1), num(12.9, M1), num(13.3, M1)]);
    put(s, `A${grand + 3}`, ['Memo: client contributions', null, num(31.5, M1), num(32.4, M1), num(33.3, M1)]);
    return { sheets: [s], planted };
  };
}

// ---------------------------------------------------------------------------------------------
// 3. Budget monitoring: budget, forecast outturn, variance and variance %.

const budgetMonitoring: Family = (variant) => {
  const r = rng(33);
  const s = newSheet('Month 8');
  const planted: Planted[] = [];
  put(s, 'B2', ['Budget monitoring 2024/25: month 8 (November)']);
  put(s, 'B3', ["£'000"]);
  put(s, 'B5', ['Cost centre', 'Service', 'Annual budget', 'Forecast outturn', 'Variance', 'Variance %', 'Comment']);
  const first = 6;
  SERVICES.forEach((name, i) => {
    const row = first + i;
    const budget = between(r, 2000, 45000);
    const forecast = budget + between(r, -900, 1500);
    put(s, `B${row}`, [
      `ASC${101 + i}`,
      name,
      num(budget, K),
      num(forecast, K),
      fx(`E${row}-D${row}`, K),
      fx(`IF(D${row}=0,0,F${row}/D${row})`, PCT),
      i % 3 === 0 ? 'Demand above budget' : null,
    ]);
  });
  const last = first + SERVICES.length - 1;
  const total = last + 1;
  put(s, `B${total}`, [
    null,
    'Total Adult Social Care',
    fx(`SUM(D${first}:D${last})`, K),
    fx(`SUM(E${first}:E${last})`, K),
    fx(`SUM(F${first}:F${last})`, K),
    fx(`IF(D${total}=0,0,F${total}/D${total})`, PCT),
  ]);
  if (variant === 'planted') {
    // The budget total stops a row early.
    set(s, `D${total}`, fx(`SUM(D${first}:D${last - 1})`, K));
    planted.push({
      sheet: s.name,
      cell: `D${total}`,
      rule: 'formulas.sum-leaves-out',
      severity: 'error',
      what: 'a SUM that stops a row early',
    });
  }
  return { sheets: [s], planted };
};

// ---------------------------------------------------------------------------------------------
// 4. An Excel table (ListObject) with a totals row of SUBTOTAL(109, ...) and a count.

const listObject: Family = (variant) => {
  const r = rng(44);
  const s = newSheet('Care packages');
  const planted: Planted[] = [];
  put(s, 'B2', ['Care packages over £1,000 a week']);
  put(s, 'B4', ['Client group', 'Provider', 'Weekly cost', 'Annual cost', 'Start date']);
  const providers = ['Acorn Care Ltd', 'Brookside Homes', 'Castle Support', 'Dene Living'];
  const n = 12;
  for (let i = 0; i < n; i++) {
    const row = 5 + i;
    const weekly = between(r, 1000, 3200);
    put(s, `B${row}`, [
      ['Older people', 'Learning disability', 'Mental health'][i % 3],
      providers[i % providers.length],
      num(weekly, '£#,##0'),
      fx(`D${row}*52`, '£#,##0'),
      num(44927 + i * 17, DATE),
    ]);
  }
  const totals = 5 + n;
  const last = totals - 1;
  put(s, `B${totals}`, [
    'Total',
    null,
    fx('SUBTOTAL(109,Packages[Weekly cost])', '£#,##0', `SUBTOTAL(109,D5:D${last})`),
    fx('SUBTOTAL(109,Packages[Annual cost])', '£#,##0', `SUBTOTAL(109,E5:E${last})`),
    fx('SUBTOTAL(103,Packages[Start date])', '0', `SUBTOTAL(103,F5:F${last})`),
  ]);
  s.listObjects.push({ name: 'Packages', range: `B4:F${totals}`, totalsRow: true });
  if (variant === 'planted') {
    // The weekly total typed over, and wrong.
    set(s, `D${totals}`, num(25000, '£#,##0'));
    planted.push({
      sheet: s.name,
      cell: `D${totals}`,
      rule: 'totals.column',
      severity: 'error',
      what: 'a totals-row figure typed over',
    });
  }
  return { sheets: [s], planted };
};

// ---------------------------------------------------------------------------------------------
// 5. Transposed: years down the rows, client groups across, a Total column.

const transposed: Family = (variant) => {
  const r = rng(55);
  const s = newSheet('By year');
  const planted: Planted[] = [];
  put(s, 'A1', ['Net budget by client group and year (£000)']);
  put(s, 'A3', ['Year', 'Older people', 'Learning disability', 'Mental health', 'Physical support', 'Total']);
  const years = ['2024/25', '2025/26', '2026/27', '2027/28', '2028/29'];
  years.forEach((y, i) => {
    const row = 4 + i;
    put(s, `A${row}`, [y, ...[0, 1, 2, 3].map(() => num(between(r, 8000, 90000), K)), fx(`SUM(B${row}:E${row})`, K)]);
  });
  if (variant === 'planted') {
    set(s, 'F6', num(205000, K));
    planted.push({ sheet: s.name, cell: 'F6', rule: 'totals.row', severity: 'error', what: 'a row total typed over' });
  }
  return { sheets: [s], planted };
};

// ---------------------------------------------------------------------------------------------
// 6. Quarters with a full-year column, and a total row.

const quarterly: Family = (variant) => {
  const r = rng(66);
  const s = newSheet('Quarterly');
  const planted: Planted[] = [];
  put(s, 'A1', ['Savings delivery by quarter, 2025/26']);
  put(s, 'A2', ['£000']);
  put(s, 'A4', ['Saving', 'Q1', 'Q2', 'Q3', 'Q4', 'Full year']);
  const lines = [
    'Reablement first',
    'Review of high-cost packages',
    'Day services redesign',
    'Transport',
    'Digital front door',
  ];
  lines.forEach((l, i) => {
    const row = 5 + i;
    put(s, `A${row}`, [l, ...[0, 1, 2, 3].map(() => num(between(r, 20, 400), K)), fx(`SUM(B${row}:E${row})`, K)]);
  });
  const total = 5 + lines.length;
  put(s, `A${total}`, ['Total', ...['B', 'C', 'D', 'E', 'F'].map((c) => fx(`SUM(${c}5:${c}${total - 1})`, K))]);
  if (variant === 'planted') {
    set(s, 'F7', fx('SUM(B7:D7)', K));
    planted.push({
      sheet: s.name,
      cell: 'F7',
      rule: 'formulas.sum-leaves-out',
      severity: 'error',
      what: 'a full year that leaves out Q4',
    });
  }
  return { sheets: [s], planted };
};

// ---------------------------------------------------------------------------------------------
// 7. A totals grid with an average row and a count row below the total.

const averagesAndCounts: Family = (variant) => {
  const r = rng(77);
  const s = newSheet('Placements');
  const planted: Planted[] = [];
  put(s, 'A1', ['Care home placements by locality']);
  put(s, 'A3', ['Locality', '2022/23', '2023/24', '2024/25']);
  const places = ['North', 'South', 'East', 'West', 'Central', 'Rural'];
  places.forEach((p, i) => put(s, `A${4 + i}`, [p, ...[0, 1, 2].map(() => between(r, 120, 480))]));
  const last = 3 + places.length;
  put(s, `A${last + 1}`, ['Total', ...['B', 'C', 'D'].map((c) => fx(`SUM(${c}4:${c}${last})`))]);
  put(s, `A${last + 2}`, [
    'Average per locality',
    ...['B', 'C', 'D'].map((c) => fx(`AVERAGE(${c}4:${c}${last})`, '0.0')),
  ]);
  put(s, `A${last + 3}`, ['Localities reporting', ...['B', 'C', 'D'].map((c) => fx(`SUBTOTAL(2,${c}4:${c}${last})`))]);
  if (variant === 'planted') {
    set(s, `C${last + 1}`, fx(`SUM(C4:C${last})+25`));
    planted.push({
      sheet: s.name,
      cell: `C${last + 1}`,
      rule: 'totals.column',
      severity: 'error',
      what: 'a number typed into a total formula',
    });
  }
  return { sheets: [s], planted };
};

// ---------------------------------------------------------------------------------------------
// 8. A year over Budget | Actual | Variance for two years, lines and a total.

const yearOverMeasure: Family = (variant) => {
  const r = rng(88);
  const s = newSheet('Outturn');
  const planted: Planted[] = [];
  put(s, 'A1', ['Outturn against budget']);
  put(s, 'A2', ['£000']);
  put(s, 'A4', ['Service', '2023/24', null, null, '2024/25']);
  put(s, 'A5', [null, 'Budget', 'Actual', 'Variance', 'Budget', 'Actual', 'Variance']);
  s.merges.push('B4:D4', 'E4:G4');
  const lines = SERVICES.slice(0, 6);
  lines.forEach((l, i) => {
    const row = 6 + i;
    const b1 = between(r, 3000, 40000);
    const b2 = Math.round(b1 * 1.21); // a growing service: 21% more, with no uplift set, is no warning
    put(s, `A${row}`, [
      l,
      num(b1, K),
      num(b1 + between(r, -500, 800), K),
      fx(`C${row}-B${row}`, K),
      num(b2, K),
      num(b2 + between(r, -500, 800), K),
      fx(`F${row}-E${row}`, K),
    ]);
  });
  const total = 6 + lines.length;
  put(s, `A${total}`, ['Total', ...['B', 'C', 'D', 'E', 'F', 'G'].map((c) => fx(`SUM(${c}6:${c}${total - 1})`, K))]);
  if (variant === 'planted') {
    set(s, `E${total}`, num(999999, K));
    planted.push({
      sheet: s.name,
      cell: `E${total}`,
      rule: 'totals.column',
      severity: 'error',
      what: 'a total typed over, wrong',
    });
  }
  return { sheets: [s], planted };
};

// ---------------------------------------------------------------------------------------------
// 9. A plan in £m with totals typed by hand, each rounded from unrounded figures: the printed
//    lines need not add to the printed total, and a rounding difference is a note, not an alarm.

const typedTotalsInMillions: Family = (variant) => {
  const r = rng(99);
  const s = newSheet('Summary');
  const planted: Planted[] = [];
  put(s, 'A1', ['Net revenue budget by service (£m)']);
  put(s, 'A3', ['Service', '2024/25', '2025/26', '2026/27']);
  const exact: number[][] = SERVICES.map(() => [0, 1, 2].map(() => 3 + r() * 60));
  SERVICES.forEach((name, i) => put(s, `A${4 + i}`, [name, ...exact[i].map((v) => num(Math.round(v * 10) / 10, M1))]));
  const total = 4 + SERVICES.length;
  const totals = [0, 1, 2].map((y) => Math.round(exact.reduce((a, e) => a + e[y], 0) * 10) / 10);
  put(s, `A${total}`, ['Total', ...totals.map((v) => num(v, M1))]);
  if (variant === 'planted') {
    set(s, `C${total}`, num(Math.round((totals[1] + 1.5) * 10) / 10, M1));
    planted.push({
      sheet: s.name,
      cell: `C${total}`,
      rule: 'totals.column',
      severity: 'error',
      what: 'a typed total £1.5m out',
    });
  }
  return { sheets: [s], planted };
};

// ---------------------------------------------------------------------------------------------
// 10. Spend beside funding (Worcestershire's layout): two blocks, each with its total, which agree.

const spendBesideFunding: Family = (variant) => {
  const r = rng(1010);
  const s = newSheet('Budget 2025-26');
  const planted: Planted[] = [];
  put(s, 'A1', ['Adult Social Care budget 2025/26']);
  put(s, 'A3', ['Spend relating to', '£m', null, 'Funding', '£m']);
  const spend = ['Older people', 'Learning disability', 'Mental health', 'Physical support', 'Other services'];
  const funding = ['Council tax and business rates', 'Social care grant', 'Better Care Fund', 'Client contributions'];
  const spendValues = spend.map(() => Math.round((10 + r() * 90) * 10) / 10);
  const spendTotal = Math.round(spendValues.reduce((a, b) => a + b, 0) * 10) / 10;
  const fundValues = funding.map(() => Math.round((5 + r() * 40) * 10) / 10);
  fundValues[0] = Math.round((spendTotal - fundValues.slice(1).reduce((a, b) => a + b, 0)) * 10) / 10;
  spend.forEach((name, i) => put(s, `A${4 + i}`, [name, num(spendValues[i], M1)]));
  funding.forEach((name, i) => put(s, `D${4 + i}`, [name, num(fundValues[i], M1)]));
  const total = 4 + spend.length;
  put(s, `A${total}`, ['Total', fx(`SUM(B4:B${total - 1})`, M1), null, 'Total', fx(`SUM(E4:E${total - 1})`, M1)]);
  if (variant === 'planted') {
    // A grant cut without the spend moving: spend is no longer funded.
    set(s, 'E5', num(fundValues[1] - 4.2, M1));
    planted.push({
      sheet: s.name,
      cell: `E${total}`,
      rule: 'totals.spend-funding',
      severity: 'error',
      what: 'spend not funded',
    });
  }
  return { sheets: [s], planted };
};

// ---------------------------------------------------------------------------------------------
// 11. A savings envelope (Essex's layout) with formulas, and hidden rows in a grid beside it.

const savingsEnvelope: Family = (variant) => {
  const s = newSheet('MTRS');
  const planted: Planted[] = [];
  put(s, 'A1', ['Adult Social Care: medium-term resourcing strategy (£m)']);
  put(s, 'A3', ['Adult Social Care', '2025/26', '2026/27', '2027/28', '2028/29']);
  put(s, 'A4', ['Budget in the MTRS', ...[421, 419, 433, 471].map((v) => num(v, K))]);
  put(s, 'A5', ['Savings target', ...[0, -28, -61, -91].map((v) => num(v, K))]);
  put(s, 'A6', ['Financial envelope', ...['B', 'C', 'D', 'E'].map((c) => fx(`${c}4+${c}5`, K))]);
  const g = newSheet('Staffing');
  put(g, 'A1', ['Posts by team (FTE)']);
  put(g, 'A3', ['Team', '2024/25', '2025/26']);
  const teams = ['Reablement', 'Hospital discharge', 'Closed: day centre', 'Safeguarding', 'Closed: transport'];
  teams.forEach((t, i) => put(g, `A${4 + i}`, [t, 10 + i * 3, t.startsWith('Closed') ? 0 : 11 + i * 3]));
  g.hiddenRows.push(5, 7);
  put(g, 'A9', ['Total', fx('SUM(B4:B8)'), fx('SUM(C4:C8)')]);
  if (variant === 'planted') {
    set(s, 'D6', num(382, K));
    planted.push({
      sheet: s.name,
      cell: 'D6',
      rule: 'savings.envelope',
      severity: 'error',
      what: 'an envelope typed over, wrong',
    });
  }
  return { sheets: [s, g], planted };
};

const FAMILIES: Record<string, Family> = {
  'base-year-block': baseYearBlock,
  'grouped-subtotal-over-all': groupedPlan(false),
  'grouped-sum-of-subtotals': groupedPlan(true),
  'budget-monitoring': budgetMonitoring,
  'excel-table': listObject,
  transposed,
  quarterly,
  'averages-and-counts': averagesAndCounts,
  'year-over-measure': yearOverMeasure,
  'typed-totals-in-millions': typedTotalsInMillions,
  'spend-beside-funding': spendBesideFunding,
  'savings-envelope': savingsEnvelope,
};

export const FAMILY_NAMES = Object.keys(FAMILIES);

/** One zoo workbook: the family's plan sheet(s) and the non-plan sheets. */
export function zooWorkbook(family: string, variant: Variant): ZooWorkbook {
  const { sheets, planted } = FAMILIES[family](variant);
  return { name: `${family}-${variant}`, family, variant, sheets: [...sheets, ...extras()], planted };
}

/** Every workbook of the zoo. */
export function zoo(): ZooWorkbook[] {
  return FAMILY_NAMES.flatMap((f) => [zooWorkbook(f, 'clean'), zooWorkbook(f, 'planted')]);
}

/** Column letter helper re-exported for tests. */
export { L };
