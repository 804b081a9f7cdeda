/**
 * A chart part (xl/charts/chartN.xml) for one of PlanCheck's charts: a DrawingML chartSpace whose
 * series refer by formula to the cells the table was written to, each with a cache of the figures
 * they held, so the chart draws as soon as the copy opens, before Excel recalculates. The same
 * charts the Office.js port draws (src/excel/charts.ts): clustered column or bar, line, radar, and a
 * waterfall as a stacked column whose first series (the base lifting each step) has no fill and
 * no legend. Elements are written in the order the schema's sequences give them (CT_ChartSpace,
 * CT_Chart, CT_PlotArea, CT_BarChart, CT_BarSer, CT_CatAx, CT_ValAx...): Excel repairs a file
 * whose chart has them out of order.
 */
import type { ChartSpec } from '../../engine/spec';
import { esc } from './xml';

/** One series: its name's cell, its values' cells, and what they held when the copy was written. */
export interface SeriesData {
  /** Formula of the name's cell ('Sheet'!$B$3). */
  nameRef: string;
  name: string;
  /** Formula of the values' cells ('Sheet'!$B$4:$B$9). */
  ref: string;
  values: (number | null)[];
  formatCode: string;
}

/** A chart with its data read from the written cells. */
export interface ChartData {
  type: ChartSpec['type'];
  title: string;
  /** Formula of the category cells and their text. */
  catRef: string;
  categories: string[];
  series: SeriesData[];
}

const NS_C = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
const NS_A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** Axis ids: any two numbers, the same within one chart. */
const CAT_AX = 500100;
const VAL_AX = 500200;

const v = (name: string, value: string | number) => `<c:${name} val="${value}"/>`;

function strCache(values: string[]): string {
  const pts = values.map((t, i) => `<c:pt idx="${i}"><c:v>${esc(t)}</c:v></c:pt>`).join('');
  return `<c:strCache>${v('ptCount', values.length)}${pts}</c:strCache>`;
}

function numCache(values: (number | null)[], formatCode: string): string {
  const pts = values
    .map((n, i) => (n === null || !Number.isFinite(n) ? '' : `<c:pt idx="${i}"><c:v>${n}</c:v></c:pt>`))
    .join('');
  return `<c:numCache><c:formatCode>${esc(formatCode)}</c:formatCode>${v('ptCount', values.length)}${pts}</c:numCache>`;
}

/** The shape properties of a series drawn as nothing (a waterfall's base). */
const NO_FILL = '<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>';

function series(chart: ChartData, s: SeriesData, i: number): string {
  const kind = chart.type === 'line' || chart.type === 'radar' ? 'line' : 'bar';
  const tx = `<c:tx><c:strRef><c:f>${esc(s.nameRef)}</c:f>${strCache([s.name])}</c:strRef></c:tx>`;
  // CT_BarSer: idx, order, tx, spPr, invertIfNegative, ..., cat, val. CT_LineSer / CT_RadarSer: idx, order, tx, spPr, marker, ..., cat, val.
  const spPr = chart.type === 'waterfall' && i === 0 ? NO_FILL : '';
  const own = kind === 'bar' ? v('invertIfNegative', 0) : '';
  const cat = `<c:cat><c:strRef><c:f>${esc(chart.catRef)}</c:f>${strCache(chart.categories)}</c:strRef></c:cat>`;
  const val = `<c:val><c:numRef><c:f>${esc(s.ref)}</c:f>${numCache(s.values, s.formatCode)}</c:numRef></c:val>`;
  const smooth = chart.type === 'line' ? v('smooth', 0) : '';
  return `<c:ser>${v('idx', i)}${v('order', i)}${tx}${spPr}${own}${cat}${val}${smooth}</c:ser>`;
}

/** The plot: CT_BarChart (barDir, grouping, varyColors, ser*, gapWidth, overlap, axId x2), CT_LineChart or CT_RadarChart. */
function plot(chart: ChartData): string {
  const sers = chart.series.map((s, i) => series(chart, s, i)).join('');
  const axIds = v('axId', CAT_AX) + v('axId', VAL_AX);
  switch (chart.type) {
    case 'line':
      return `<c:lineChart>${v('grouping', 'standard')}${v('varyColors', 0)}${sers}${v('marker', 1)}${axIds}</c:lineChart>`;
    case 'radar':
      return `<c:radarChart>${v('radarStyle', 'marker')}${v('varyColors', 0)}${sers}${axIds}</c:radarChart>`;
    case 'waterfall':
      return (
        `<c:barChart>${v('barDir', 'col')}${v('grouping', 'stacked')}${v('varyColors', 0)}${sers}` +
        `${v('gapWidth', 50)}${v('overlap', 100)}${axIds}</c:barChart>`
      );
    default:
      return (
        `<c:barChart>${v('barDir', chart.type === 'bar' ? 'bar' : 'col')}${v('grouping', 'clustered')}${v('varyColors', 0)}` +
        `${sers}${v('gapWidth', 150)}${axIds}</c:barChart>`
      );
  }
}

/** The two axes, CT_CatAx then CT_ValAx, each in its sequence; a bar chart's categories run down the left. */
function axes(chart: ChartData): string {
  const across = chart.type === 'bar';
  const catPos = across ? 'l' : 'b';
  const valPos = across ? 'b' : 'l';
  const cat =
    `<c:catAx>${v('axId', CAT_AX)}<c:scaling>${v('orientation', 'minMax')}</c:scaling>${v('delete', 0)}` +
    `${v('axPos', catPos)}<c:numFmt formatCode="General" sourceLinked="1"/>${v('majorTickMark', 'out')}` +
    `${v('minorTickMark', 'none')}${v('tickLblPos', chart.type === 'radar' ? 'nextTo' : 'low')}${v('crossAx', VAL_AX)}` +
    `${v('crosses', 'autoZero')}${v('auto', 1)}${v('lblAlgn', 'ctr')}${v('lblOffset', 100)}${v('noMultiLvlLbl', 0)}</c:catAx>`;
  const format = chart.series[0]?.formatCode ?? 'General';
  const val =
    `<c:valAx>${v('axId', VAL_AX)}<c:scaling>${v('orientation', 'minMax')}</c:scaling>${v('delete', 0)}` +
    `${v('axPos', valPos)}<c:majorGridlines/><c:numFmt formatCode="${esc(format)}" sourceLinked="1"/>` +
    `${v('majorTickMark', chart.type === 'radar' ? 'cross' : 'out')}${v('minorTickMark', 'none')}${v('tickLblPos', 'nextTo')}` +
    `${v('crossAx', CAT_AX)}${v('crosses', 'autoZero')}${v('crossBetween', 'between')}</c:valAx>`;
  return cat + val;
}

/** CT_Title: tx (rich text), overlay. */
function title(text: string): string {
  return (
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr b="1"/></a:pPr>` +
    `<a:r><a:rPr lang="en-GB" b="1"/><a:t>${esc(text)}</a:t></a:r></a:p></c:rich></c:tx>${v('overlay', 0)}</c:title>`
  );
}

/** The chart part's XML. */
export function chartXml(chart: ChartData, date1904 = false): string {
  // A waterfall's legend would name its invisible base: it has none, as in Excel.
  const legend = chart.type === 'waterfall' ? '' : `<c:legend>${v('legendPos', 'b')}${v('overlay', 0)}</c:legend>`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<c:chartSpace xmlns:c="${NS_C}" xmlns:a="${NS_A}" xmlns:r="${NS_R}">` +
    `${v('date1904', date1904 ? 1 : 0)}${v('lang', 'en-GB')}${v('roundedCorners', 0)}` +
    `<c:chart>${title(chart.title)}${v('autoTitleDeleted', 0)}` +
    `<c:plotArea><c:layout/>${plot(chart)}${axes(chart)}</c:plotArea>` +
    `${legend}${v('plotVisOnly', 1)}${v('dispBlanksAs', 'gap')}</c:chart>` +
    '</c:chartSpace>'
  );
}
