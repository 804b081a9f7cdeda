/**
 * The heat map and the ranked list, as new sheets (TableSpecs; the ports write them).
 *
 * Heat map: one grid per matrix in use (registers scored on different matrices cannot share a
 * grid), impact across (1 on the left), likelihood up the side (highest at the top), each cell
 * filled with its band's colour and holding the number of risks in it and their ids ("2: 1, 3";
 * 0 when empty). Risks that cannot be scored are listed under the grid with their ids. A legend of
 * the bands follows each grid. A register none of whose risks has a score gets no grid (it would be
 * all zeros): it is named at the end, under "Registers not scored", with the reason in one line.
 *
 * Ranked list: every risk, highest score first (ties: higher impact, then higher likelihood, then
 * register order), with band and owner; risks that cannot be scored come last, saying why.
 */
import { val, type CellSpec, type TableSpec } from '../spec';
import { bandOf, matrixTitle, type RiskMatrix } from './matrix';
import type { RiskAnalysis } from './analyse';
import type { Risk, RiskRegister } from './register';

interface Placed {
  reg: RiskRegister;
  risk: Risk;
  label: string;
}

/** Whether any risk of the register has a score: one with none cannot be drawn on a grid. */
export function hasScores(reg: { risks: { score?: number | null }[] }): boolean {
  return reg.risks.some((r) => typeof r.score === 'number');
}

/**
 * Why a register none of whose risks has a score cannot be scored, in a phrase: its risks' own
 * reason when they share one ("it gives likelihood but no impact"), else the first risk's, named.
 */
export function whyNotScored(reg: { risks: { id: string; unscorable?: string }[] }): string {
  if (reg.risks.length === 0) return 'it lists no risks';
  const reasons = [...new Set(reg.risks.map((r) => r.unscorable ?? 'it cannot be scored'))];
  if (reasons.length === 1) return reasons[0];
  const first = reg.risks[0];
  return `none of its risks has both a likelihood and an impact on the scale (risk ${first.id}: ${reasons[0]})`;
}

/** Every risk of the registers, labelled with its register's sheet when there are several. */
function placed(registers: RiskRegister[]): Placed[] {
  const many = registers.length > 1;
  const out: Placed[] = [];
  for (const reg of registers) {
    for (const risk of reg.risks) out.push({ reg, risk, label: many ? `${reg.sheet} ${risk.id}` : risk.id });
  }
  return out;
}

function pad(row: (CellSpec | null)[], width: number): (CellSpec | null)[] {
  while (row.length < width) row.push(null);
  return row;
}

/**
 * A new sheet with the likelihood × impact grid. `matrix` is the grid drawn first (and alone when
 * there is no register); registers scored on another matrix get their own grid below it.
 */
export function buildHeatMap(analysis: RiskAnalysis, matrix: RiskMatrix, sheetName: string): TableSpec {
  const scored = analysis.registers.filter(hasScores);
  const all = placed(scored);
  const unscored = analysis.registers.filter((r) => !hasScores(r));
  const matrices: RiskMatrix[] = [matrix];
  for (const reg of scored) {
    const m = reg.scoring ?? matrix;
    if (!matrices.some((x) => x.name === m.name && x.size === m.size)) matrices.push(m);
  }
  // Drop the given matrix when no register uses it but others do; no grid at all when every register is unscorable.
  const used = matrices.filter((m) => all.some((p) => (p.reg.scoring ?? matrix).name === m.name));
  const grids = used.length > 0 ? used : unscored.length > 0 ? [] : [matrix];
  const width = 1 + Math.max(2, ...grids.map((m) => m.size));
  const rows: (CellSpec | null)[][] = [];
  const push = (cells: (CellSpec | null)[]) => rows.push(pad(cells, width));
  push([val('Risk heat map', { bold: true })]);
  push([val('Likelihood up the side, impact across; each cell: the number of risks and their ids')]);
  for (const m of grids) {
    const here = all.filter((p) => (p.reg.scoring ?? matrix).name === m.name);
    const registers = [...new Set(here.map((p) => `${p.reg.sheet}!${p.reg.range}`))];
    push([]);
    push([
      val(`${matrixTitle(m.name)} matrix${registers.length > 0 ? `: ${registers.join(', ')}` : ''}`, { bold: true }),
    ]);
    push([val('Likelihood', { bold: true })]);
    for (let l = m.size; l >= 1; l--) {
      const line: (CellSpec | null)[] = [val(`${l} ${m.likelihood[l - 1]}`, { bold: true })];
      for (let i = 1; i <= m.size; i++) {
        const inCell = here.filter((p) => p.risk.likelihood === l && p.risk.impact === i && p.risk.score !== null);
        const band = bandOf(m, l * i);
        const value = inCell.length === 0 ? 0 : `${inCell.length}: ${inCell.map((p) => p.label).join(', ')}`;
        line.push(val(value, band ? { fill: band.color } : {}));
      }
      push(line);
    }
    const axis: (CellSpec | null)[] = [val('Impact →', { bold: true })];
    for (let i = 1; i <= m.size; i++) axis.push(val(`${i} ${m.impact[i - 1]}`, { bold: true }));
    push(axis);
    const notScored = here.filter((p) => p.risk.score === null);
    if (notScored.length > 0) {
      push([
        val('Not scored', { bold: true }),
        val(`${notScored.length}: ${notScored.map((p) => p.label).join(', ')}`),
      ]);
    }
    push([]);
    push([val('Legend', { bold: true }), val('Scores', { bold: true }), val('Risks', { bold: true })]);
    for (const b of m.bands) {
      const count = here.filter((p) => p.risk.score !== null && p.risk.band === b.name).length;
      push([val(b.name, { fill: b.color }), val(`${b.min}-${b.max}`), val(count)]);
    }
  }
  if (unscored.length > 0) {
    push([]);
    push([val('Registers not scored', { bold: true })]);
    for (const reg of unscored) {
      const n = reg.risks.length;
      push([val(`${reg.sheet}!${reg.range} (${n} risk${n === 1 ? '' : 's'}): ${whyNotScored(reg)}`)]);
    }
  }
  return {
    title: 'Risk heat map',
    anchor: { sheet: sheetName, row: 0, col: 0 },
    newSheet: true,
    cells: rows,
    columnWidths: [18, ...Array.from({ length: width - 1 }, () => 16)],
  };
}

function levelName(m: RiskMatrix, axis: 'likelihood' | 'impact', level: number | null): string | number {
  if (level === null) return '';
  const names = axis === 'likelihood' ? m.likelihood : m.impact;
  return `${level} ${names[level - 1] ?? ''}`.trim();
}

/** Risks in score order, highest first, as a new sheet; unscorable risks last, with the reason. */
export function buildRankedList(analysis: RiskAnalysis, sheetName: string): TableSpec {
  const all = placed(analysis.registers);
  const order = new Map(all.map((p, i) => [p, i]));
  const scored = all
    .filter((p) => p.risk.score !== null)
    .sort(
      (a, b) =>
        (b.risk.score as number) - (a.risk.score as number) ||
        (b.risk.impact ?? 0) - (a.risk.impact ?? 0) ||
        (b.risk.likelihood ?? 0) - (a.risk.likelihood ?? 0) ||
        (order.get(a) as number) - (order.get(b) as number),
    );
  const unscored = all.filter((p) => p.risk.score === null);
  const header = ['Rank', 'Risk', 'Description', 'Register', 'Likelihood', 'Impact', 'Score', 'Band', 'Owner', 'Note'];
  const rows: (CellSpec | null)[][] = [
    pad([val('Risks ranked by score', { bold: true })], header.length),
    pad([], header.length),
    header.map((h) => val(h, { bold: true })),
  ];
  scored.forEach((p, i) => {
    const m = p.reg.scoring;
    const band = p.risk.band ? m.bands.find((b) => b.name === p.risk.band) : undefined;
    rows.push([
      val(i + 1),
      val(p.label),
      val(p.risk.description),
      val(`${p.reg.sheet}!${p.reg.range}`),
      val(levelName(m, 'likelihood', p.risk.likelihood)),
      val(levelName(m, 'impact', p.risk.impact)),
      val(p.risk.score),
      val(p.risk.band ?? '', band ? { fill: band.color } : {}),
      val(p.risk.owner ?? 'No owner'),
      val(''),
    ]);
  });
  for (const p of unscored) {
    const m = p.reg.scoring;
    const stated = p.risk.stated.band ? `; the register rates it ${p.risk.stated.band}` : '';
    rows.push([
      val(''),
      val(p.label),
      val(p.risk.description),
      val(`${p.reg.sheet}!${p.reg.range}`),
      val(levelName(m, 'likelihood', p.risk.likelihood)),
      val(levelName(m, 'impact', p.risk.impact)),
      val(''),
      val(''),
      val(p.risk.owner ?? 'No owner'),
      val(`Not scored: ${p.risk.unscorable ?? 'it cannot be scored'}${stated}`),
    ]);
  }
  if (all.length === 0) rows.push(pad([val('No risk register found.')], header.length));
  return {
    title: 'Ranked risks',
    anchor: { sheet: sheetName, row: 0, col: 0 },
    newSheet: true,
    cells: rows,
    columnWidths: [6, 10, 60, 22, 18, 18, 8, 12, 20, 60],
  };
}
