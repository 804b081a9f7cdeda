/**
 * npm run zoo:generated: the engine over workbooks from the zoo's generator (test/zoo/generator.ts),
 * each composed from independent features with one mistake planted or none. Prints precision,
 * recall, the clean workbooks that gave a false alarm, and the misses and false alarms grouped by
 * cause and by feature, with examples. Asserts nothing: the fixed-seed floor is in
 * test/zoo/generated.test.ts.
 *
 *   npm run zoo:generated                          1,000 workbooks, a fresh seed (printed)
 *   npm run zoo:generated -- --seed 1 --count 1000
 *   npm run zoo:generated -- --seed 1 --dump 17    one workbook: its plan sheet, planted and findings
 *   --examples N                                   examples per group (default 3)
 *   --fix lineNumbers=false,sideTable=false        features set instead of drawn, to isolate a cause
 */
import { performance } from 'perf_hooks';

import { validate } from '../src/engine/checks';
import type { FoundTable, ReadResult } from '../src/engine/tables';
import { readTables } from '../src/engine/tables';
import { toSnapshot } from '../test/zoo/build';
import type { GeneratedWorkbook, RowKind } from '../test/zoo/generator';
import { describeFeatures, featureTags, generatedWorkbook, parseFixed } from '../test/zoo/generator';
import type { Brief } from '../test/zoo/score';
import { loud, score } from '../test/zoo/score';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const seed = arg('seed') !== undefined ? Number(arg('seed')) : Math.floor(Math.random() * 2 ** 31);
const count = Number(arg('count') ?? 1000);
const examples = Number(arg('examples') ?? 3);
const dump = arg('dump');
const fixed = parseFixed(arg('fix') ?? '');

interface Outcome {
  wb: GeneratedWorkbook;
  findings: Brief[];
  found: number;
  missedPlanted: GeneratedWorkbook['planted'];
  extra: Brief[];
  /** Where the reader's view of the plan differs from the layout: "subtotal rows read as total". */
  misread: string[];
  /** Planted mistakes with a finding at their cell and severity, whatever its rule. */
  atCell: number;
}

function run(wb: GeneratedWorkbook): Outcome {
  const snap = toSnapshot(wb);
  const read = readTables(snap);
  const findings: Brief[] = validate(snap, read);
  const s = score(wb, findings);
  const atCell = wb.planted.filter((p) =>
    findings.some((f) => f.sheet === p.sheet && f.cell === p.cell && f.severity === p.severity),
  ).length;
  return {
    wb,
    findings,
    found: s.found.length,
    missedPlanted: s.missed,
    extra: s.false,
    misread: misread(wb, read),
    atCell,
  };
}

const EXPECTED_ROW: Record<RowKind, string[]> = {
  line: ['line'],
  heading: ['section', 'blank'],
  subtotal: ['subtotal'],
  'group-total': ['subtotal'],
  grand: ['total'],
  blank: ['blank'],
};
const FIGURES = new Set(['year', 'figure', 'total', 'gross', 'net', 'funding']);

/** What the reader made of the plan, where it is not the layout: the table's kind, rows and columns. */
function misread(wb: GeneratedWorkbook, read: ReadResult): string[] {
  const l = wb.layout;
  const top = l.headerRows[0];
  const bottom = l.rows[l.rows.length - 1].row;
  const right = l.totalCol ?? l.yearCols[l.yearCols.length - 1];
  const onPlan = read.tables.filter(
    (t) => t.sheet === l.sheet && t.top <= bottom && t.bottom >= top && t.left <= right && t.right >= l.labelCol,
  );
  if (onPlan.length === 0) return ['plan not read as a table'];
  const out: string[] = [];
  if (onPlan.length > 1) out.push(`plan read as ${onPlan.length} tables`);
  const years = (t: FoundTable) => t.columns.filter((c) => l.yearCols.includes(c.col)).length;
  const t = onPlan.reduce((a, b) => (years(b) > years(a) ? b : a));
  if (t.kind !== 'totals-grid') out.push(`plan read as ${t.kind}`);
  if (l.side && t.right >= l.side.left) out.push('staffing table read into the plan');
  const yearsRow = l.headerRows[l.headerRows.length - 1];
  if (!t.headerRows.includes(yearsRow)) out.push(`header read as row ${t.headerRows.map((r) => r + 1).join(',')}`);
  const col = (c: number) => t.columns.find((x) => x.col === c)?.role ?? 'outside the table';
  if (l.lineNoCol !== null && FIGURES.has(col(l.lineNoCol))) out.push(`line-number column read as ${col(l.lineNoCol)}`);
  if (col(l.labelCol) !== 'label') out.push(`label column read as ${col(l.labelCol)}`);
  const yearRoles = [...new Set(l.yearCols.map(col).filter((r) => r !== 'year'))];
  if (yearRoles.length > 0) out.push(`year columns read as ${yearRoles.join('/')}`);
  if (l.totalCol !== null && col(l.totalCol) !== 'total') out.push(`TOTAL column read as ${col(l.totalCol)}`);
  const wrong = new Set<string>();
  for (const x of l.rows) {
    const role = t.rows.find((r) => r.row === x.row)?.role ?? 'outside the table';
    if (!EXPECTED_ROW[x.kind].includes(role)) wrong.add(`${x.kind} rows read as ${role}`);
  }
  out.push(...wrong);
  return out;
}

const pct = (a: number, b: number) => (b === 0 ? '-' : `${((100 * a) / b).toFixed(1)}%`);
const kindOf = (wb: GeneratedWorkbook) =>
  wb.features.mistake === 'none' ? 'clean' : `${wb.features.mistake} at ${wb.features.target}`;
const brief = (f: Brief) => `${f.severity} ${f.rule} ${f.sheet}!${f.cell}: ${f.message}`;

function roleOf(wb: GeneratedWorkbook, f: Brief): string {
  if (f.sheet !== wb.sheets[0].name) return `sheet ${f.sheet}`;
  return wb.roles.get(f.cell) ?? 'empty cell';
}

/**
 * Whether a false alarm is a knock-on of the planted mistake (at its cell, in its row or in its column)
 * or stands on its own (a clean workbook, or away from the mistake).
 */
function relation(wb: GeneratedWorkbook, f: Brief): string {
  const p = wb.planted[0];
  if (!p || f.sheet !== p.sheet) return '';
  if (f.cell === p.cell) return ' (knock-on: at the planted cell)';
  const [, fc, fr] = /^([A-Z]+)(\d+)$/.exec(f.cell)!;
  const [, pc, pr] = /^([A-Z]+)(\d+)$/.exec(p.cell)!;
  if (fr === pr) return " (knock-on: in the planted cell's row)";
  if (fc === pc) return " (knock-on: in the planted cell's column)";
  return '';
}

function showSheet(wb: GeneratedWorkbook): void {
  for (const s of wb.sheets.slice(0, 1)) {
    const rows = new Map<number, string[]>();
    for (const [a, c] of s.cells) {
      const [, col, row] = /^([A-Z]+)(\d+)$/.exec(a)!;
      const text =
        typeof c === 'object' && c !== null && 'f' in c
          ? `=${c.f}`
          : typeof c === 'object' && c !== null && 'v' in c
            ? String(c.v)
            : JSON.stringify(c);
      (rows.get(Number(row)) ?? rows.set(Number(row), []).get(Number(row))!).push(`${col}${row} ${text}`);
    }
    console.log(`--- ${s.name} (merges ${s.merges.join(' ') || 'none'})`);
    for (const r of [...rows.keys()].sort((a, b) => a - b)) console.log(rows.get(r)!.join(' | '));
  }
}

if (dump !== undefined) {
  const wb = generatedWorkbook(seed, Number(dump), fixed);
  console.log(`workbook ${dump} of seed ${seed}: ${describeFeatures(wb.features)}`);
  showSheet(wb);
  console.log(
    'planted:',
    wb.planted.map((p) => `${p.severity} ${p.rule} ${p.cell} (${p.what})`),
  );
  const o = run(wb);
  console.log('findings:');
  for (const f of o.findings) console.log(`  ${brief(f)}${f.also ? ` [also ${f.also.join(', ')}]` : ''}`);
  process.exit(0);
}

console.log(
  `zoo:generated: ${count} workbooks, seed ${seed} (again: --seed ${seed})` +
    (Object.keys(fixed).length > 0 ? `, features fixed: ${JSON.stringify(fixed)}` : ''),
);
const t0 = performance.now();
const outcomes: Outcome[] = [];
let engineMs = 0;
for (let i = 0; i < count; i++) {
  const wb = generatedWorkbook(seed, i, fixed);
  const t = performance.now();
  outcomes.push(run(wb));
  engineMs += performance.now() - t;
}
const totalMs = performance.now() - t0;

const planted = outcomes.reduce((a, o) => a + o.wb.planted.length, 0);
const found = outcomes.reduce((a, o) => a + o.found, 0);
const falseAlarms = outcomes.reduce((a, o) => a + o.extra.length, 0);
const clean = outcomes.filter((o) => o.wb.planted.length === 0);
const cleanLoud = clean.filter((o) => o.extra.length > 0);
const plantedWithExtra = outcomes.filter((o) => o.wb.planted.length > 0 && o.extra.length > 0);

console.log(
  `\nprecision ${pct(found, found + falseAlarms)} (${found} of ${found + falseAlarms} loud findings are planted mistakes)`,
);
console.log(
  `recall    ${pct(found, planted)} (${found} of ${planted} planted mistakes found at their cell, rule and severity)`,
);
const atCell = outcomes.reduce((a, o) => a + o.atCell, 0);
console.log(
  `          ${pct(atCell, planted)} (${atCell} of ${planted} with a finding at their cell and severity, whatever its rule)`,
);
console.log(
  `clean workbooks with a false alarm: ${cleanLoud.length} of ${clean.length} (${pct(cleanLoud.length, clean.length)})`,
);
console.log(
  `planted workbooks with a loud finding beside the mistake: ${plantedWithExtra.length} of ${count - clean.length}`,
);
console.log(
  `time: ${(totalMs / 1000).toFixed(1)} s in all, ${(engineMs / 1000).toFixed(1)} s making snapshots and running the engine`,
);

// By planted kind.
console.log('\nby planted kind:');
const kinds = new Map<string, Outcome[]>();
for (const o of outcomes) (kinds.get(kindOf(o.wb)) ?? kinds.set(kindOf(o.wb), []).get(kindOf(o.wb))!).push(o);
for (const [k, os] of [...kinds].sort((a, b) => a[0].localeCompare(b[0]))) {
  const n = os.reduce((a, o) => a + o.wb.planted.length, 0);
  const f = os.reduce((a, o) => a + o.found, 0);
  const loudExtra = os.filter((o) => o.extra.length > 0).length;
  console.log(
    `  ${k.padEnd(36)} ${String(os.length).padStart(4)} workbooks` +
      (n > 0 ? `  found ${String(f).padStart(3)} of ${String(n).padStart(3)} (${pct(f, n)})` : ''.padEnd(26)) +
      `  with a false alarm ${loudExtra}`,
  );
}

/** Tag names and the values each takes over the whole run, to tell which features a group always has. */
const population = new Map<string, Set<string>>();
for (const o of outcomes)
  for (const t of featureTags(o.wb.features)) {
    const [k, v] = t.split('=');
    (population.get(k) ?? population.set(k, new Set()).get(k)!).add(v);
  }

/** The features every workbook of a group shares, where the run as a whole has others too. */
function shared(wbs: GeneratedWorkbook[]): string {
  const seen = new Map<string, Set<string>>();
  for (const wb of wbs)
    for (const t of featureTags(wb.features)) {
      const [k, v] = t.split('=');
      (seen.get(k) ?? seen.set(k, new Set()).get(k)!).add(v);
    }
  const out: string[] = [];
  for (const [k, vs] of seen) {
    if (vs.size >= population.get(k)!.size) continue;
    // A feature only some of the group's workbooks have (grand=, rounded=) is no constraint.
    if (wbs.some((wb) => !featureTags(wb.features).some((t) => t.startsWith(`${k}=`)))) continue;
    if (vs.size === 1) out.push(`${k}=${[...vs][0]}`);
    else if (wbs.length >= 10) out.push(`${k} in {${[...vs].sort().join(',')}}`);
  }
  return out.join(' ');
}

interface Item {
  key: string;
  o: Outcome;
  example: string;
}

/** The reader's misreadings most of a group's workbooks share, with how many have each. */
function commonMisreadings(os: Outcome[]): string {
  const n = new Map<string, number>();
  for (const o of os) for (const m of o.misread) n.set(m, (n.get(m) ?? 0) + 1);
  return [...n]
    .filter(([, c]) => c * 2 >= os.length)
    .sort((a, b) => b[1] - a[1])
    .map(([m, c]) => `${m} (${c})`)
    .join('; ');
}

/** Groups of items, most frequent first, each with the features its workbooks share and examples. */
function groups(title: string, items: Item[]): void {
  const by = new Map<string, Item[]>();
  for (const it of items) (by.get(it.key) ?? by.set(it.key, []).get(it.key)!).push(it);
  console.log(`\n${title}: ${items.length}`);
  for (const [key, its] of [...by].sort((a, b) => b[1].length - a[1].length)) {
    const os = [...new Set(its.map((it) => it.o))];
    const wbs = os.map((o) => o.wb);
    const cleanWbs = wbs.filter((wb) => wb.planted.length === 0).length;
    console.log(
      `  ${String(its.length).padStart(4)}  ${key}   [${wbs.length} workbooks, ${cleanWbs} clean]` +
        (wbs.length >= 3 ? `\n          always: ${shared(wbs) || '(no one feature)'}` : '') +
        `\n          reader: ${commonMisreadings(os) || 'as laid out'}`,
    );
    for (const it of its.slice(0, examples))
      console.log(
        `          #${it.o.wb.index} ${it.example}\n            [${describeFeatures(it.o.wb.features)}]` +
          (it.o.misread.length > 0 ? `\n            [reader: ${it.o.misread.join('; ')}]` : ''),
      );
  }
}

groups(
  'misses, by what the engine said at the planted cell',
  outcomes.flatMap((o) =>
    o.missedPlanted.map((p) => {
      const at = o.findings.filter((f) => f.sheet === p.sheet && f.cell === p.cell);
      const said =
        at.length > 0
          ? at.map((f) => `${f.severity} ${f.rule}${f.also ? ` (also ${f.also.join(', ')})` : ''}`).join('; ')
          : 'nothing at the cell';
      const elsewhere = o.findings.filter((f) => loud(f) && !at.includes(f));
      return {
        key: `${kindOf(o.wb)} (expected ${p.severity} ${p.rule}): ${said}`,
        o,
        example:
          `${p.sheet}!${p.cell} ${p.what}; at the cell: ${at.map(brief).join(' / ') || 'nothing'}` +
          (elsewhere.length > 0 ? `; elsewhere: ${elsewhere.map(brief).join(' / ')}` : ''),
      };
    }),
  ),
);

groups(
  'false alarms (loud findings that are no planted mistake), by rule and the cell they are at',
  outcomes.flatMap((o) =>
    o.extra.map((f) => ({
      key: `${f.severity} ${f.rule} at ${roleOf(o.wb, f)}${relation(o.wb, f)}`,
      o,
      example: `${brief(f)}${o.wb.planted.length > 0 ? `   (planted: ${o.wb.planted[0].cell} ${o.wb.planted[0].what})` : ''}`,
    })),
  ),
);

// The reader's misreadings: in how many workbooks each, and how often those go wrong.
console.log('\nwhat the reader made of the plan, where it differs from the layout:');
const misreadings = new Map<string, { n: number; bad: number }>();
for (const o of outcomes)
  for (const m of o.misread) {
    const e = misreadings.get(m) ?? misreadings.set(m, { n: 0, bad: 0 }).get(m)!;
    e.n++;
    if (o.missedPlanted.length > 0 || o.extra.length > 0) e.bad++;
  }
for (const [m, e] of [...misreadings].sort((a, b) => b[1].n - a[1].n))
  console.log(`  ${String(e.n).padStart(4)} workbooks, ${String(e.bad).padStart(4)} with a miss or false alarm: ${m}`);
const asLaidOut = outcomes.filter((o) => o.misread.length === 0);
console.log(
  `  ${String(asLaidOut.length).padStart(4)} workbooks read as laid out, ${asLaidOut.filter((o) => o.missedPlanted.length > 0 || o.extra.length > 0).length} of them with a miss or false alarm`,
);

// By feature: how often a workbook with it misses its mistake, or gives a false alarm when clean.
console.log('\nby feature (clean: workbooks with a false alarm; planted: mistakes missed):');
const tags = new Map<string, { clean: number; cleanLoud: number; planted: number; missed: number }>();
for (const o of outcomes) {
  for (const t of featureTags(o.wb.features)) {
    const e = tags.get(t) ?? tags.set(t, { clean: 0, cleanLoud: 0, planted: 0, missed: 0 }).get(t)!;
    if (o.wb.planted.length === 0) {
      e.clean++;
      if (o.extra.length > 0) e.cleanLoud++;
    } else {
      e.planted += o.wb.planted.length;
      e.missed += o.missedPlanted.length;
    }
  }
}
for (const [t, e] of [...tags].sort((a, b) => a[0].localeCompare(b[0]))) {
  console.log(
    `  ${t.padEnd(34)} clean ${String(e.cleanLoud).padStart(3)} of ${String(e.clean).padStart(3)} (${pct(e.cleanLoud, e.clean).padStart(6)})` +
      `   planted missed ${String(e.missed).padStart(3)} of ${String(e.planted).padStart(3)} (${pct(e.missed, e.planted).padStart(6)})`,
  );
}
