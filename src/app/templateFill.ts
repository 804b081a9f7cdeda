/**
 * The pane's template fill: a generated table written into a table of the council's own workbook
 * (its template: lines down the side, years across, the house's formats) instead of on a new sheet
 * or at a cell. The user selects the template's table; the plan says which of its lines and years
 * PlanCheck matched and asks, line by line, about any it cannot match (which projection line, or
 * leave it empty); the fill is one write, so one Undo takes it back. A template that cannot take
 * the table is refused in one sentence (TemplateError), said at the field, with nothing written.
 *
 * The budget projection, the savings envelope and the cost/benefit table fill templates; another
 * kind joins by adding its planner to PLANNERS (the rest, selecting the table, asking, writing, is
 * the same for every kind).
 */
import { normalLabel } from '../engine/compare/match';
import { financialYearLabel, financialYearStart } from '../engine/generate/layout';
import { cellRef } from '../engine/generate/planLines';
import { fillBudgetTemplate, labelColumn, TemplateError, type TemplateFill } from '../engine/generate/template';
import { fillCostBenefitTemplate } from '../engine/generate/templateCostBenefit';
import { fillSavingsTemplate } from '../engine/generate/templateSavings';
import { a1, parseA1, parseRange } from '../engine/grid';
import type { WriteResult } from '../engine/port';
import type { TableSpec } from '../engine/spec';
import type { FoundTable, ReadResult } from '../engine/tables';
import type { GenerateInput, GenerateKind } from './contract';
import {
  BENEFIT_LINE,
  COST_LINE,
  formFor,
  inputFigures,
  inputLines,
  inputNumber,
  inputText,
  parseForm,
} from './generateForms';
import { plural } from './messages';
import { linkToPlan, planChoices } from './planStart';

/** The answer "leave this template line empty" (the other answers are projection lines' labels). */
export const LEAVE_EMPTY = '\u2205 leave empty';

/** A template table, as "Sheet" and "B4:H12". */
export interface TemplateTarget {
  sheet: string;
  range: string;
}

export interface TemplateRequest {
  kind: GenerateKind;
  /** The Generate form's values, as typed. */
  values: Record<string, string>;
  /** Answers to the plan's questions: a template line's label to a projection line's label, or LEAVE_EMPTY. */
  answers?: Record<string, string>;
  /** The template chosen when the plan was made; without it, the table at the selected cell or range. */
  table?: TemplateTarget;
}

/** A template line PlanCheck could not match on its own, and what it may be filled from. */
export interface TemplateQuestion {
  line: string;
  options: { value: string; text: string }[];
  /** Where the line is in the template ("Budget projection!B7"). */
  at?: string;
  /** The answer given, if any. */
  answer?: string;
}

export interface TemplatePlan {
  kind: GenerateKind;
  title: string;
  table: TemplateTarget;
  /** The years filled, as the template's columns read (2025/26...). */
  years: string[];
  /** The lines filled, and where each one's figures start from. */
  lines: { line: string; from: string }[];
  /** Lines it could not match: one question each. */
  questions: TemplateQuestion[];
  /** Lines the user chose to leave empty. */
  leftEmpty: string[];
  /** The form's lines the template has no line for (nothing is written for them). */
  unplaced?: string[];
  /** How many cells the fill writes (figures, empty totals, and any assumptions block). */
  cells: number;
  /** Where the rates come from, in a sentence. */
  assumptions: string;
  /** Every question answered: the fill can be written. */
  ready: boolean;
}

/** A plan, or the sentence saying why the template cannot take the table. */
export type TemplateOutcome = { plan: TemplatePlan } | { refused: string };

/** What a fill did: the write (null when the user kept the cells), or the refusal, or the plan still asking. */
export type TemplateFilled =
  | { written: WriteResult | null; plan: TemplatePlan; note: string }
  | { refused: string }
  | { plan: TemplatePlan; unanswered: string };

/** What the feature needs from the controller: the selection, the workbook read, and a write that asks before covering cells. */
export interface TemplateContext {
  selection(): Promise<{ sheet: string; cell: string } | null>;
  /**
   * Reads the workbook and plans the fill (planAt), in the engine's worker where there is one: the
   * plan needs the reader's figures, which stay where the workbook was read.
   */
  plan(request: TemplateRequest, selection: { sheet: string; cell: string } | null): Promise<PlannedFill>;
  write(spec: TableSpec): Promise<WriteResult | null>;
}

/** A fill planned, or why the template cannot take it. */
export type PlannedFill = Planned | { refused: string };

interface Planned {
  plan: TemplatePlan;
  /** The spec to write, when every question is answered. */
  spec: TableSpec | null;
}

type Planner = (read: ReadResult, table: FoundTable, input: GenerateInput, answers: Record<string, string>) => Planned;

/** A line a template line can be filled from: the form's, or the plan's; with the cell its figure is in, when it has one. */
interface Choice {
  label: string;
  base: number;
  /** The figure's cell, as a formula on the template's sheet refers to it ("C4", "'Financial plan'!H9"). */
  cell?: string;
  /** The same cell as a person reads it ("C4", "Financial plan!H9"). */
  at?: string;
}

/** The form's lines, each linked to the plan's cell it still stands for, then the plan's other lines. */
function choicesFor(read: ReadResult, table: FoundTable, input: GenerateInput): { form: Choice[]; plan: Choice[] } {
  const { input: linkedInput } = linkToPlan(read, input, table.sheet);
  const sources = Array.isArray(linkedInput.lineSources) ? linkedInput.lineSources.map(String) : [];
  // As a person reads it, the sheet always named: "Financial plan!H9".
  const at = (ref: string) =>
    ref.includes('!')
      ? ref.replace(/^'?(.*?)'?!/, (_m, sheet: string) => `${sheet.replace(/''/g, "'")}!`)
      : `${table.sheet}!${ref}`;
  const form: Choice[] = inputLines(input).map((l, i) => ({
    label: l.label,
    base: l.base,
    ...(sources[i] ? { cell: sources[i], at: at(sources[i]) } : {}),
  }));
  const typed = new Set(form.map((f) => normalLabel(f.label)));
  const plan: Choice[] = planChoices(read, input)
    .filter((p) => !typed.has(normalLabel(p.label)))
    .map((p) => ({ label: p.label, base: p.base, cell: cellRef(p, table.sheet), at: at(cellRef(p, table.sheet)) }));
  return { form, plan };
}

/** The budget projection: the form's (or the plan's) budget lines, carried forward with its inflation and growth. */
function planBudget(
  read: ReadResult,
  table: FoundTable,
  input: GenerateInput,
  answers: Record<string, string>,
): Planned {
  const { form: projection, plan: fromPlan } = choicesFor(read, table, input);
  const choices = [...projection, ...fromPlan];
  const money = (n: number) => n.toLocaleString('en-GB');
  const options = () => [
    ...choices.map((p) => ({
      value: p.label,
      text: p.at ? `${p.label}: ${money(p.base)} in ${p.at}` : `${p.label} from the form: ${money(p.base)} (£000)`,
    })),
    { value: LEAVE_EMPTY, text: 'Leave empty' },
  ];
  const firstYear = inputText(input, 'firstYear');
  const common = { firstYear, inflation: inputNumber(input, 'inflation'), growth: inputNumber(input, 'growth') };
  const baseStart = firstYear ? financialYearStart(firstYear) : null;
  const baseYear = baseStart === null ? 'base-year' : financialYearLabel(baseStart - 1);
  // First on its own: the lines whose starting figure neither the template nor the form gives are the questions.
  let unmatched: string[] = [];
  let fill: TemplateFill | null = null;
  try {
    fill = fillBudgetTemplate(read, table, { ...common, lines: projection });
  } catch (e) {
    if (!(e instanceof TemplateError) || e.missing.length === 0) throw e;
    unmatched = e.missing;
  }
  const labelCol = labelColumn(table);
  const questions: TemplateQuestion[] = unmatched.map((line) => {
    const answer = answers[line];
    const valid = answer === LEAVE_EMPTY || choices.some((p) => p.label === answer);
    const row = table.rows.find((r) => r.label === line);
    return {
      line,
      options: options(),
      ...(row ? { at: `${table.sheet}!${a1(row.row, labelCol)}` } : {}),
      ...(valid ? { answer } : {}),
    };
  });
  const unanswered = questions.filter((q) => q.answer === undefined).map((q) => q.line);
  const leftEmpty = questions.filter((q) => q.answer === LEAVE_EMPTY).map((q) => q.line);
  if (questions.length > 0) {
    const mapped = questions
      .filter((q) => q.answer !== undefined && q.answer !== LEAVE_EMPTY)
      .map((q) => ({ ...choices.find((p) => p.label === q.answer)!, label: q.line }));
    // Unanswered lines get a starting figure of nothing, only to show the rest of the plan; nothing is written then.
    fill = fillBudgetTemplate(read, table, {
      ...common,
      lines: [...projection, ...mapped, ...unanswered.map((line) => ({ label: line, base: 0 }))],
      leaveEmpty: leftEmpty,
    });
  }
  const done = fill!;
  const asked = new Set(unmatched);
  const own = new Map(projection.map((p) => [normalLabel(p.label), p]));
  const lines = done.lines
    .filter((line) => !asked.has(line))
    .map((line) => {
      const mine = own.get(normalLabel(line));
      return {
        line,
        from: !mine
          ? startingCell(table, done.spec, line)
          : mine.at
            ? `its ${baseYear} figure in ${mine.at.startsWith(`${table.sheet}!`) ? mine.at.slice(table.sheet.length + 1) : mine.at}`
            : `the form's figure, ${money(mine.base)} (£000)`,
      };
    });
  for (const q of questions) {
    if (q.answer && q.answer !== LEAVE_EMPTY) lines.push({ line: q.line, from: `${q.answer}, as you chose` });
  }
  const a = done.assumptions;
  // The form's lines the template has no line for: said, so none is dropped unseen.
  const inTemplate = new Set(table.rows.flatMap((r) => [normalLabel(r.label), ...(r.ref ? [normalLabel(r.ref)] : [])]));
  const answered = new Set(questions.map((q) => q.answer).filter((x): x is string => !!x));
  const unplaced = projection.map((p) => p.label).filter((l) => !inTemplate.has(normalLabel(l)) && !answered.has(l));
  const plan: TemplatePlan = {
    unplaced,
    kind: 'budget',
    title: formFor('budget').title,
    table: { sheet: table.sheet, range: table.range },
    years: done.years,
    lines,
    questions,
    leftEmpty,
    cells: done.spec.cells.flat().filter((c) => c !== null && !c.refresh).length,
    assumptions: a.added
      ? `Inflation and growth go in an assumptions block beside the table (${a.inflation} and ${a.growth}), shaded as inputs and named.`
      : `Inflation and growth come from the template's own cells: ${a.inflation.replace(/ \(the template's own\)$/, '')} and ${a.growth.replace(/ \(the template's own\)$/, '')}.`,
    ready: unanswered.length === 0,
  };
  return { plan, spec: plan.ready ? done.spec : null };
}

/** Where a template line's figures start: "its 2024/25 figure in C4", from the first formula written on its row. */
function startingCell(table: FoundTable, spec: TableSpec, line: string): string {
  const row = table.rows.find((r) => r.label === line);
  const cells = row ? spec.cells[row.row - spec.anchor.row] : undefined;
  const first = cells?.find((c) => c?.formula);
  const ref = first?.formula ? /^=\$?([A-Z]{1,3})\$?(\d+)\*/.exec(first.formula) : null;
  const at = ref ? parseA1(`${ref[1]}${ref[2]}`) : null;
  if (!ref || !at) return 'its own starting figure in the template';
  const header = table.columns
    .find((c) => c.col === at.col)
    ?.header.split(' / ')
    .pop()
    ?.trim();
  return `its ${header ? `${header} ` : 'own '}figure in ${ref[1]}${ref[2]}`;
}

/** How each of a template's rows was filled: with figures from the form, or worked out as live formulas. */
function rowsFilled(
  table: FoundTable,
  spec: TableSpec,
  labels: string[],
  given: string,
): { line: string; from: string }[] {
  return labels.map((line) => {
    const row = table.rows.find((r) => r.label === line);
    const cells = row ? (spec.cells[row.row - spec.anchor.row] ?? []) : [];
    const worked = cells.some((c) => c?.formula && !c.refresh);
    return { line, from: worked ? 'the lines above, as live formulas' : given };
  });
}

function written(spec: TableSpec): number {
  return spec.cells.flat().filter((c) => c !== null && !c.refresh).length;
}

/** The savings envelope: the form's budget and savings target by year where the template leaves them empty; the envelope, totals and reductions worked out. */
function planSavings(read: ReadResult, table: FoundTable, input: GenerateInput): Planned {
  const fill = fillSavingsTemplate(read, table, {
    firstYear: inputText(input, 'firstYear'),
    budget: inputFigures(input, 'budget'),
    savings: inputFigures(input, 'savings'),
    givenIn: 'form',
  });
  const p = fill.planned;
  const plan: TemplatePlan = {
    kind: 'savings',
    title: formFor('savings').title,
    table: { sheet: table.sheet, range: table.range },
    years: fill.years,
    lines: rowsFilled(table, fill.spec, fill.rows, "the form's figures by year"),
    questions: [],
    leftEmpty: [],
    cells: written(fill.spec),
    assumptions: !p
      ? 'No savings already planned are counted: the template has no row for them.'
      : p.added
        ? `Savings already planned go in a block beside the table (${p.from}), shaded as inputs and named.`
        : `Savings already planned come from ${p.from.replace(/ \(the template's own row\)$/, '')}, the template's own row.`,
    ready: true,
  };
  return { plan, spec: fill.spec };
}

/** The cost/benefit table: the template's own cost and benefit lines; its net, running return, ratio, totals and payback worked out. */
function planCostBenefit(read: ReadResult, table: FoundTable, input: GenerateInput): Planned {
  const fill = fillCostBenefitTemplate(read, table, {
    firstYear: inputText(input, 'firstYear'),
    costs: [{ label: COST_LINE, values: inputFigures(input, 'costs') ?? [] }],
    benefits: [{ label: BENEFIT_LINE, values: inputFigures(input, 'benefits') ?? [] }],
    givenIn: 'form',
  });
  const worked = fill.spec.cells
    .map((cells, i) => ({ cells, row: fill.spec.anchor.row + i }))
    .filter(({ cells }) => cells.some((c) => c?.formula && !c.refresh))
    .map(({ row }) => table.rows.find((r) => r.row === row)?.label)
    .filter((l): l is string => !!l);
  const plan: TemplatePlan = {
    kind: 'costBenefit',
    title: formFor('costBenefit').title,
    table: { sheet: table.sheet, range: table.range },
    years: fill.years,
    lines: [
      ...[...fill.costs, ...fill.benefits].map((line) => ({
        line,
        from: "its own figures (or the form's, where empty)",
      })),
      ...worked.map((line) => ({ line, from: 'the lines above, as live formulas' })),
    ],
    questions: [],
    leftEmpty: [],
    cells: written(fill.spec),
    assumptions: `Payback: ${fill.payback}.`,
    ready: true,
  };
  return { plan, spec: fill.spec };
}

const PLANNERS: Partial<Record<GenerateKind, Planner>> = {
  budget: planBudget,
  savings: planSavings,
  costBenefit: planCostBenefit,
};

/** Whether a generated table can be filled into a template table of the workbook. */
export function fillsTemplates(kind: GenerateKind): boolean {
  return PLANNERS[kind] !== undefined;
}

/** The table the selection is in (or overlaps most); a sentence when there is none. */
export function tableAtSelection(read: ReadResult, sel: { sheet: string; cell: string } | null): FoundTable {
  if (!sel) {
    throw new TemplateError(
      "No cell is selected: select a cell in the template's table, then choose the template again.",
    );
  }
  const box = parseRange(sel.cell);
  let best: FoundTable | null = null;
  let bestArea = 0;
  for (const t of read.tables) {
    if (t.sheet !== sel.sheet || !box) continue;
    const rows = Math.min(t.bottom, box.bottom) - Math.max(t.top, box.top) + 1;
    const cols = Math.min(t.right, box.right) - Math.max(t.left, box.left) + 1;
    if (rows > 0 && cols > 0 && rows * cols > bestArea) {
      best = t;
      bestArea = rows * cols;
    }
  }
  if (!best) {
    throw new TemplateError(
      `${sel.sheet}!${sel.cell} is not in a table PlanCheck reads: select a cell inside the template's table (the Tables tab shows the tables it reads).`,
    );
  }
  return best;
}

function tableNamed(read: ReadResult, target: TemplateTarget): FoundTable {
  const found = read.tables.find((t) => t.sheet === target.sheet && t.range === target.range);
  if (found) return found;
  // The table may have grown or shrunk since (a line typed below): the one now over the same place.
  return tableAtSelection(read, { sheet: target.sheet, cell: target.range });
}

/** The plan for one request over a workbook already read. Throws TemplateError when the template cannot take it. */
export function planFill(read: ReadResult, table: FoundTable, request: TemplateRequest): Planned {
  const planner = PLANNERS[request.kind];
  if (!planner) {
    throw new TemplateError(`The ${formFor(request.kind).title.toLowerCase()} cannot be filled into a template yet.`);
  }
  const parsed = parseForm(request.kind, request.values, { template: true });
  if (!parsed.ok) throw new TemplateError(parsed.error);
  return planner(read, table, parsed.input, request.answers ?? {});
}

/**
 * The fill planned into the template the request names, or else the one at the selection, on a
 * workbook already read; a template that cannot take it says why.
 */
export function planAt(
  read: ReadResult,
  request: TemplateRequest,
  selection: { sheet: string; cell: string } | null,
): PlannedFill {
  try {
    const table = request.table ? tableNamed(read, request.table) : tableAtSelection(read, selection);
    return planFill(read, table, request);
  } catch (e) {
    if (e instanceof TemplateError) return { refused: e.message };
    throw e;
  }
}

/** Plans the fill into the template at the selection (or the one chosen before). */
export async function planTemplate(ctx: TemplateContext, request: TemplateRequest): Promise<TemplateOutcome> {
  const planned = await ctx.plan(request, request.table ? null : await ctx.selection());
  return 'refused' in planned ? planned : { plan: planned.plan };
}

/** Plans on the workbook as it is now and writes the fill as one step (asking before covering cells that hold something). */
export async function fillTemplate(ctx: TemplateContext, request: TemplateRequest): Promise<TemplateFilled> {
  const planned = await ctx.plan(request, request.table ? null : await ctx.selection());
  if ('refused' in planned) return planned;
  const { plan, spec } = planned;
  if (!spec) {
    const open = plan.questions
      .filter((q) => q.answer === undefined)
      .map((q) => (q.at ? `${q.line} (${q.at})` : q.line));
    const list = open.length === 1 ? open[0] : `${open.slice(0, -1).join(', ')} and ${open[open.length - 1]}`;
    return { plan, unanswered: `Say what fills ${list}: a budget line, or leave empty.` };
  }
  const written = await ctx.write(spec);
  const where = `${plan.table.sheet}!${plan.table.range}`;
  const note = written
    ? `Filled the ${plan.title.toLowerCase()} into ${where}: ${plural(plan.lines.length, 'line')}, ` +
      `${plan.years.join(', ')}. The Undo button takes it back.`
    : 'Nothing was written; the cells were left as they were.';
  return { written, plan, note };
}
