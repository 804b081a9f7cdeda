/**
 * A table's kind (financial plan, spend and funding, comparator, savings envelope, cost-benefit,
 * risk register, pivot table, totals grid or list) from its columns' roles, its rows' labels and
 * where the sheet's pivot tables are; and the two blocks of a spend and funding table.
 */
import type { RangeRef, SheetView } from '../grid';
import { cellText } from './cells';
import { CARRIED_FORWARD_LABEL, TOTAL_LABEL } from './columns';
import { shortHeader } from './figureFindings';
import type { FoundTable, TableBlock, TableColumn, TableKind } from './types';
import { FIGURE_ROLES } from './types';

/** Headers of figures that are not money: a staffing or activity table set beside a budget. */
export const NOT_MONEY = /\b(fte|wte|posts?|staff(ing)?|headcount|head count|hours|visits|beds|number of)\b|%/i;

// Label words of some kinds of table, tested on every row's label (made once, not per label).
const SAVINGS = /\bsavings?\b/;
const ENVELOPE = /\b(envelope|mtrs|mtfs|budget)\b/;
const BENEFITS = /\bbenefits?\b/;
const COSTS = /\b(costs?|programme|investment|spend)\b/;
const GRAND_TOTAL = /^\s*grand total\s*$/i;

const FUNDING_SECTION = /\b(funded|funding|financed|financing|income|resources?|sources of funding)\b/i;

/** The table's kind, or null when it is not a table the reader keeps. */
export function tableKind(view: SheetView, pivots: RangeRef[], t: FoundTable): TableKind | null {
  // On a pivot table's output (where the port knows it), whatever its captions; else by Excel's captions.
  const onPivot = pivots.some((p) => p.top <= t.bottom && t.top <= p.bottom && p.left <= t.right && t.left <= p.right);
  if (onPivot || isPivotOutput(t)) return 'pivot';
  const roles = new Set(t.columns.map((c) => c.role));
  const headers = t.columns.map((c) => c.header.toLowerCase()).join(' | ');
  const hasTotalRow = t.rows.some((r) => r.role === 'total');
  const figureCols = t.columns.filter((c) => FIGURE_ROLES.has(c.role));
  if (roles.has('source') && (roles.has('funding') || roles.has('year'))) return 'financial-plan';
  if (isRiskLike(t.columns)) return 'risk-register';
  if (
    figureCols.length > 0 &&
    (roles.has('average') || roles.has('own') || /\b(comparator|nearest neighbour|cipfa|england|similar)/.test(headers))
  ) {
    return 'comparator';
  }
  // A savings envelope: a budget line (not a plan's "Total net budget" row) and savings against it;
  // a budget build-up ending in what is carried forward is a total of its movements instead.
  // Labels in lower case, made once and only for the kinds that read them (not a financial plan).
  const labels = t.rows.map((r) => r.label.toLowerCase());
  const lineLabels = labels.filter((_, i) => t.rows[i].role !== 'total' && t.rows[i].role !== 'subtotal');
  if (
    lineLabels.some((l) => SAVINGS.test(l)) &&
    lineLabels.some((l) => ENVELOPE.test(l)) &&
    !t.rows.some((r) => CARRIED_FORWARD_LABEL.test(r.label))
  ) {
    return 'savings-envelope';
  }
  if (
    labels.some((l) => BENEFITS.test(l)) &&
    labels.some((l) => COSTS.test(l)) &&
    t.columns.filter((c) => c.role === 'year').length >= 2
  ) {
    return 'cost-benefit';
  }
  if (tableBlocks(view, t)) return 'spend-funding';
  // Percentages and ratios only (measures, rates): figures to read, none to add up.
  if (figureCols.length === 0) return roles.has('ratio') ? 'list' : null;
  if (hasTotalRow || roles.has('total')) return 'totals-grid';
  return 'list';
}

/**
 * Two blocks, each with its own total: side by side (a second label column after figures), or
 * one under the other (a section row such as "Funded by :" after a total).
 */
export function tableBlocks(view: SheetView, t: FoundTable): TableBlock[] | null {
  const wordCols = t.columns.filter((c) => c.role === 'label' || c.role === 'text');
  const figureCols = t.columns.filter((c) => FIGURE_ROLES.has(c.role) && c.role !== 'total');
  // Side by side.
  if (wordCols.length >= 2) {
    const first = wordCols[0];
    const second = wordCols.find(
      (c) => c.col > first.col && figureCols.some((f) => f.col > first.col && f.col < c.col),
    );
    if (second) {
      const make = (labelCol: number, from: number, to: number, label: string): TableBlock | null => {
        const figs = figureCols.filter((f) => f.col > labelCol && f.col <= to).map((f) => f.col);
        if (figs.length === 0) return null;
        const total = t.rows.find((r) => TOTAL_LABEL.test(cellText(view, r.row, labelCol)));
        const block: TableBlock = {
          label,
          top: t.rows[0].row,
          bottom: t.bottom,
          left: from,
          right: to,
          labelCol,
          figureCols: figs,
        };
        if (total) block.totalRow = total.row;
        return block;
      };
      const a = make(first.col, t.left, second.col - 1, blockName(t, first.col, 'Spend'));
      const b = make(second.col, second.col, t.right, blockName(t, second.col, 'Funding'));
      // Spend beside its funding: money both sides, totalled on the same row. A staffing table in
      // FTE (or any count) beside a budget, with its own total, is another table.
      const money = (x: TableBlock) =>
        !NOT_MONEY.test(
          [x.label, ...x.figureCols.map((c) => t.columns.find((k) => k.col === c)?.header ?? '')].join(' '),
        );
      if (a && b && a.totalRow !== undefined && a.totalRow === b.totalRow && money(a) && money(b)) return [a, b];
    }
  }
  // One under the other.
  const label = t.columns.find((c) => c.role === 'label');
  if (!label) return null;
  const totals = t.rows.filter((r) => r.role === 'total');
  if (totals.length < 2) return null;
  const firstTotal = totals[0];
  const section = t.rows.find((r) => r.row > firstTotal.row && (r.role === 'section' || FUNDING_SECTION.test(r.label)));
  if (!section || !FUNDING_SECTION.test(section.label)) return null;
  const secondTotal = totals.find((r) => r.row > section.row);
  if (!secondTotal) return null;
  // Two blocks, spend then funding, and nothing else: a form of many sections, each with its
  // total and one of them called "Income", is not a spend and funding summary.
  if (totals.some((r) => r.row > secondTotal.row || (r.row > firstTotal.row && r.row < section.row))) return null;
  const cols = figureCols.map((f) => f.col);
  return [
    {
      label: cellText(view, t.headerRows[0], label.col) || 'Spend',
      top: t.rows[0].row,
      bottom: firstTotal.row,
      left: t.left,
      right: t.right,
      labelCol: label.col,
      figureCols: cols,
      totalRow: firstTotal.row,
    },
    {
      label: section.label.replace(/\s*:\s*$/, ''),
      top: section.row,
      bottom: secondTotal.row,
      left: t.left,
      right: t.right,
      labelCol: label.col,
      figureCols: cols,
      totalRow: secondTotal.row,
    },
  ];
}

function blockName(t: FoundTable, labelCol: number, fallback: string): string {
  const header = t.columns.find((c) => c.col === labelCol)?.header ?? '';
  return header || fallback;
}

/**
 * A pivot table's output, by the captions Excel gives it: "Row Labels" over the row field, value
 * fields named "Sum of ...", "Average of ...", "Count of ...", and a "Grand Total" row.
 */
function isPivotOutput(t: FoundTable): boolean {
  const headers = t.columns.map((c) => shortHeader(c.header).trim());
  if (headers.some((h) => /^(row|column) labels$/i.test(h))) return true;
  const valueFields = headers.filter((h) => /^(sum|average|count|max|min|product|stddev|var|countnums) of\b/i.test(h));
  return valueFields.length > 0 && t.rows.some((r) => GRAND_TOTAL.test(r.label));
}

/** A register of risks: a header mentions risk, over a likelihood, impact, rating or score. */
export function isRiskLike(columns: TableColumn[]): boolean {
  const roles = new Set(columns.map((c) => c.role));
  const mentionsRisk = columns.some((c) => /\brisks?\b/i.test(c.header));
  return mentionsRisk && (roles.has('likelihood') || roles.has('impact') || roles.has('rating') || roles.has('score'));
}
