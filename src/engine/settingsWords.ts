/**
 * The settings a check ran with, in sentences for the evidence report: each one the council
 * changed, then the defaults that stood for the rest (named, so an auditor reads what "the
 * defaults" were), then any setting kept with the workbook that a check does not use.
 */
import { formatFigure } from './numbers';
import { matrixTitle } from './risk/matrix';
import type { Settings, TableMapping } from './settings';
import { TABLE_KIND_NAMES, type TableKind } from './tables/types';

export interface SettingsInWords {
  /** The settings changed from the defaults, one sentence each. */
  changed: string[];
  /** The defaults that stood, one sentence each. */
  defaults: string[];
  /** Settings kept with the workbook that a check does not use ("the risk matrix (4×4)"). */
  notUsed: string[];
}

const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const pct = (n: number) => `${formatFigure(n)}%`;

/** Half a unit of the last digit printed: the allowance when none is set (README: Rounding rule). */
const HALF_A_UNIT = 'half a unit of the last digit printed (0.5 for whole figures)';

function rounding(s: Settings): string | null {
  const r = s.rounding ?? {};
  if (!num(r.perFigure) && !num(r.absolute)) return null;
  const per = num(r.perFigure) ? `${formatFigure(r.perFigure)}, in the table's units,` : HALF_A_UNIT;
  const extra = num(r.absolute) && r.absolute !== 0 ? `, plus ${formatFigure(r.absolute)} on every sum,` : '';
  return `Rounding: a difference within ${per} for each figure added up and for the total${extra} is a rounding difference (a note), not an error.`;
}

function uplift(s: Settings): string | null {
  const u = s.uplift ?? {};
  if (!num(u.inflation) && !num(u.growth)) return null;
  const [i, g] = [num(u.inflation) ? u.inflation : 0, num(u.growth) ? u.growth : 0];
  return `Uplift: a line rising by more than ${pct(i + g)} a year (inflation ${pct(i)} plus demographic growth ${pct(g)}) is a warning.`;
}

function cashLimits(s: Settings): string | null {
  const limits = Object.entries(s.cashLimits ?? {}).filter(([, v]) => num(v));
  if (limits.length === 0) return null;
  const each = limits.map(([year, v]) => `${year} ${formatFigure(v)}`).join('; ');
  return `Cash limits: ${each} (in the plan's units), over any the plan states.`;
}

function mapping(t: TableMapping): string {
  const at = `${t.sheet}!${t.range}`;
  if (t.kind === 'not-a-table') return `${at} is not a table`;
  const said: string[] = [];
  if (t.kind) said.push(`read as ${TABLE_KIND_NAMES[t.kind as TableKind] ?? t.kind}`);
  const rows = t.headerRows ?? [];
  if (rows.length > 0) said.push(`header row${rows.length === 1 ? '' : 's'} ${rows.join(' and ')}`);
  const roles = Object.entries(t.roles ?? {});
  if (roles.length > 0) said.push(roles.map(([col, role]) => `column ${col} ${role}`).join(', '));
  return said.length > 0 ? `${at} (${said.join('; ')})` : at;
}

function tables(s: Settings): string | null {
  const list = (s.tables ?? []).filter((t) => t && t.sheet && t.range);
  if (list.length === 0) return null;
  return `Tables corrected by hand: ${list.map(mapping).join('; ')}.`;
}

function hiddenSheets(s: Settings): string | null {
  return s.checkHiddenSheets === true ? 'Hidden sheets: checked with the others.' : null;
}

/** Each setting a check uses: how it reads when changed (null when not), and its default. */
const USED: { changed: (s: Settings) => string | null; otherwise: string }[] = [
  {
    changed: rounding,
    otherwise: `Rounding: a difference within ${HALF_A_UNIT} for each figure added up and for the total is a rounding difference (a note), not an error.`,
  },
  {
    changed: uplift,
    otherwise:
      'Uplift: inflation and demographic growth from the cells so labelled in the workbook; where there are none, no rise is judged.',
  },
  {
    changed: cashLimits,
    otherwise: 'Cash limits: as the plan states them (its cash limit line, or a name such as CashLimit_2025_26).',
  },
  { changed: tables, otherwise: 'Tables: as PlanCheck found them, none corrected by hand.' },
  { changed: hiddenSheets, otherwise: 'Hidden sheets: not checked (only the sheets a user sees are).' },
];

/** Settings a check does not use, named when they are set. */
function notUsed(s: Settings): string[] {
  const out: string[] = [];
  const risk = s.risk;
  if (risk && (risk.preset || risk.scale?.length || risk.bands?.length)) {
    const name = risk.preset && risk.preset !== 'custom' ? matrixTitle(risk.preset) : 'the council’s own';
    out.push(`the risk matrix (${name}${risk.bands?.length ? ', with its own bands' : ''})`);
  }
  if (s.benchmark && Object.keys(s.benchmark).length > 0)
    out.push(`benchmarking${s.benchmark.own ? ` (your council: ${s.benchmark.own})` : ''}`);
  if (s.compare && Object.keys(s.compare).length > 0) out.push('comparing versions (the budget bridge)');
  if (s.style)
    out.push(`the style of new tables (${s.style === 'plain' ? 'PlanCheck’s plain' : 'the workbook’s own'})`);
  if (s.projections && Object.keys(s.projections).length > 0)
    out.push(`projection assumptions (${Object.keys(s.projections).join(', ')})`);
  return out;
}

/** The settings of a check in words: what was changed, the defaults that stood, what a check does not use. */
export function settingsInWords(settings: Omit<Settings, 'accepted'>): SettingsInWords {
  const words: SettingsInWords = { changed: [], defaults: [], notUsed: notUsed(settings) };
  for (const u of USED) {
    const said = u.changed(settings);
    if (said) words.changed.push(said);
    else words.defaults.push(u.otherwise);
  }
  return words;
}
