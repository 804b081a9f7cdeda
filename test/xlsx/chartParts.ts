/**
 * Reading the charts of a written copy as Excel finds them: the sheet's <drawing> element, its
 * drawing part's anchors, each anchor's chart part, and in each chart its plot, series (formulas and
 * cached figures), title and legend. Also whether each part is well formed, and whether the chart's
 * elements come in the order the schema's sequences (ECMA-376 dml-chart) give them.
 */
import JSZip from 'jszip';
import { validateXML } from 'xmllint-wasm';

import { attr, children, colLetters, relsPath, resolveTarget, rootElement } from '../../src/xlsx/patch/xml';

export interface CopySeries {
  name: string;
  nameRef: string;
  ref: string;
  catRef: string;
  categories: string[];
  values: (number | null)[];
  /** Drawn as nothing (no fill, no line). */
  hidden: boolean;
}

export interface CopyChart {
  path: string;
  xml: string;
  /** barChart, lineChart, radarChart... */
  plot: string;
  barDir?: string;
  grouping?: string;
  overlap?: string;
  title: string;
  legend: boolean;
  series: CopySeries[];
  /** The anchor's top-left and bottom-right cells ("Q2", "Y17"). */
  from: string;
  to: string;
  /** The same corners as 0-based cells with their offsets into them (EMU). */
  corners: { from: Corner; to: Corner };
}

export interface Corner {
  col: number;
  colOff: number;
  row: number;
  rowOff: number;
}

export interface SheetCharts {
  zip: JSZip;
  sheetPath: string;
  sheetXml: string;
  /** How many <drawing> elements the sheet has. */
  drawingElements: number;
  drawingPath: string | null;
  drawingXml: string | null;
  charts: CopyChart[];
}

const text = (xml: string, re: RegExp) => [...xml.matchAll(re)].map((m) => m[1]);
const unesc = (s: string) =>
  s.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[e]!);

function cache(xml: string): { ptCount: number; pts: Map<number, string> } {
  const ptCount = Number(/<c:ptCount val="(\d+)"/.exec(xml)?.[1] ?? 0);
  const pts = new Map<number, string>();
  for (const m of xml.matchAll(/<c:pt idx="(\d+)"><c:v>([^<]*)<\/c:v><\/c:pt>/g)) pts.set(Number(m[1]), unesc(m[2]));
  return { ptCount, pts };
}

function seriesOf(ser: string): CopySeries {
  const tx = /<c:tx>([\s\S]*?)<\/c:tx>/.exec(ser)?.[1] ?? '';
  const cat = /<c:cat>([\s\S]*?)<\/c:cat>/.exec(ser)?.[1] ?? '';
  const val = /<c:val>([\s\S]*?)<\/c:val>/.exec(ser)?.[1] ?? '';
  const cats = cache(cat);
  const vals = cache(val);
  return {
    name: cache(tx).pts.get(0) ?? '',
    nameRef: unesc(text(tx, /<c:f>([^<]*)<\/c:f>/g)[0] ?? ''),
    ref: unesc(text(val, /<c:f>([^<]*)<\/c:f>/g)[0] ?? ''),
    catRef: unesc(text(cat, /<c:f>([^<]*)<\/c:f>/g)[0] ?? ''),
    categories: Array.from({ length: cats.ptCount }, (_, i) => cats.pts.get(i) ?? ''),
    values: Array.from({ length: vals.ptCount }, (_, i) => (vals.pts.has(i) ? Number(vals.pts.get(i)) : null)),
    hidden:
      /^<c:idx[^>]*\/><c:order[^>]*\/>(?:<c:tx>[\s\S]*?<\/c:tx>)?<c:spPr><a:noFill\/><a:ln><a:noFill\/><\/a:ln><\/c:spPr>/.test(
        ser.replace(/^<c:ser>/, ''),
      ),
  };
}

function chartOf(path: string, xml: string, from: Corner, to: Corner): CopyChart {
  const plot = /<c:plotArea>(?:<c:layout\/>)?<c:(\w+Chart)>/.exec(xml)?.[1] ?? '';
  return {
    path,
    xml,
    plot,
    barDir: /<c:barDir val="(\w+)"/.exec(xml)?.[1],
    grouping: /<c:grouping val="(\w+)"/.exec(xml)?.[1],
    overlap: /<c:overlap val="(-?\d+)"/.exec(xml)?.[1],
    title: text(/<c:title>([\s\S]*?)<\/c:title>/.exec(xml)?.[1] ?? '', /<a:t>([^<]*)<\/a:t>/g)
      .map(unesc)
      .join(''),
    legend: /<c:legend>/.test(xml),
    series: [...xml.matchAll(/<c:ser>[\s\S]*?<\/c:ser>/g)].map((m) => seriesOf(m[0])),
    from: `${colLetters(from.col)}${from.row + 1}`,
    to: `${colLetters(to.col)}${to.row + 1}`,
    corners: { from, to },
  };
}

async function rels(zip: JSZip, part: string): Promise<Map<string, string>> {
  const xml = (await zip.file(relsPath(part))?.async('string')) ?? '';
  const out = new Map<string, string>();
  for (const m of xml.matchAll(/<Relationship\b[^>]*>/g))
    out.set(attr(m[0], 'Id')!, resolveTarget(part, attr(m[0], 'Target')!));
  return out;
}

/** The charts a sheet of the copy shows, through its drawing, in the drawing's order. */
export async function sheetCharts(bytes: Uint8Array, sheet: string): Promise<SheetCharts> {
  const zip = await JSZip.loadAsync(bytes);
  const wbXml = await zip.file('xl/workbook.xml')!.async('string');
  const tag = [...wbXml.matchAll(/<sheet\b[^>]*>/g)].map((m) => m[0]).find((t) => attr(t, 'name') === sheet);
  if (!tag) throw new Error(`the copy has no sheet "${sheet}"`);
  const sheetPath = (await rels(zip, 'xl/workbook.xml')).get(attr(tag, 'r:id')!)!;
  const sheetXml = await zip.file(sheetPath)!.async('string');
  const drawingTags = [...sheetXml.matchAll(/<drawing\b[^>]*>/g)].map((m) => m[0]);
  const result: SheetCharts = {
    zip,
    sheetPath,
    sheetXml,
    drawingElements: drawingTags.length,
    drawingPath: null,
    drawingXml: null,
    charts: [],
  };
  if (drawingTags.length === 0) return result;
  const drawingPath = (await rels(zip, sheetPath)).get(attr(drawingTags[0], 'r:id')!)!;
  const drawingXml = await zip.file(drawingPath)!.async('string');
  const drawingRels = await rels(zip, drawingPath);
  const cell = (corner: string): Corner => {
    const n = (name: string) => Number(new RegExp(`<xdr:${name}>(\\d+)</xdr:${name}>`).exec(corner)![1]);
    return { col: n('col'), colOff: n('colOff'), row: n('row'), rowOff: n('rowOff') };
  };
  for (const m of drawingXml.matchAll(/<xdr:twoCellAnchor\b[\s\S]*?<\/xdr:twoCellAnchor>/g)) {
    const rid = /<c:chart\b[^>]*\sr:id="([^"]+)"/.exec(m[0])?.[1];
    if (!rid) continue;
    const path = drawingRels.get(rid)!;
    const xml = await zip.file(path)!.async('string');
    const from = cell(/<xdr:from>[\s\S]*?<\/xdr:from>/.exec(m[0])![0]);
    const to = cell(/<xdr:to>[\s\S]*?<\/xdr:to>/.exec(m[0])![0]);
    result.charts.push(chartOf(path, xml, from, to));
  }
  return { ...result, drawingPath, drawingXml };
}

/** The xmllint errors of parts that are not well-formed XML (none when all are). */
export async function notWellFormed(parts: { name: string; xml: string }[]): Promise<string[]> {
  const run = await validateXML({
    xml: parts.map((p) => ({ fileName: p.name.replace(/[^\w.]/g, '_'), contents: p.xml })),
    normalization: 'format',
  });
  return run.errors.map((e) => e.rawMessage);
}

const CHART_TYPES = ['areaChart', 'area3DChart', 'lineChart', 'line3DChart', 'stockChart', 'radarChart'];
const MORE_TYPES = ['scatterChart', 'pieChart', 'pie3DChart', 'doughnutChart', 'barChart', 'bar3DChart'];
const TYPES = new Set([...CHART_TYPES, ...MORE_TYPES, 'ofPieChart', 'surfaceChart', 'surface3DChart', 'bubbleChart']);
const AXES = new Set(['valAx', 'catAx', 'dateAx', 'serAx']);
const AXIS_HEAD = ['axId', 'scaling', 'delete', 'axPos', 'majorGridlines', 'minorGridlines', 'title', 'numFmt'];
const AXIS_MID = ['majorTickMark', 'minorTickMark', 'tickLblPos', 'spPr', 'txPr', 'crossAx', 'crosses'];

/** The sequences of dml-chart's complex types PlanCheck's charts use, by element (a series by its plot). */
const SEQUENCES: Record<string, string[]> = {
  chartSpace: [
    ...['date1904', 'lang', 'roundedCorners', 'AlternateContent', 'style', 'clrMapOvr', 'pivotSource', 'protection'],
    ...['chart', 'spPr', 'txPr', 'externalData', 'printSettings', 'userShapes', 'extLst'],
  ],
  chart: [
    ...['title', 'autoTitleDeleted', 'pivotFmts', 'view3D', 'floor', 'sideWall', 'backWall', 'plotArea', 'legend'],
    ...['plotVisOnly', 'dispBlanksAs', 'showDLblsOverMax', 'extLst'],
  ],
  title: ['tx', 'layout', 'overlay', 'spPr', 'txPr', 'extLst'],
  plotArea: ['layout', '(chart)', '(axis)', 'dTable', 'spPr', 'extLst'],
  barChart: ['barDir', 'grouping', 'varyColors', 'ser', 'dLbls', 'gapWidth', 'overlap', 'serLines', 'axId', 'extLst'],
  lineChart: [
    ...['grouping', 'varyColors', 'ser', 'dLbls', 'dropLines', 'hiLowLines', 'upDownBars', 'marker', 'smooth'],
    ...['axId', 'extLst'],
  ],
  radarChart: ['radarStyle', 'varyColors', 'ser', 'dLbls', 'axId', 'extLst'],
  'barChart/ser': [
    ...['idx', 'order', 'tx', 'spPr', 'invertIfNegative', 'pictureOptions', 'dPt', 'dLbls', 'trendline', 'errBars'],
    ...['cat', 'val', 'shape', 'extLst'],
  ],
  'lineChart/ser': [
    ...['idx', 'order', 'tx', 'spPr', 'marker', 'dPt', 'dLbls', 'trendline', 'errBars', 'cat', 'val', 'smooth'],
    'extLst',
  ],
  'radarChart/ser': ['idx', 'order', 'tx', 'spPr', 'marker', 'dPt', 'dLbls', 'cat', 'val', 'extLst'],
  catAx: [
    ...AXIS_HEAD,
    ...AXIS_MID,
    ...['auto', 'lblAlgn', 'lblOffset', 'tickLblSkip', 'tickMarkSkip', 'noMultiLvlLbl', 'extLst'],
  ],
  valAx: [...AXIS_HEAD, ...AXIS_MID, 'crossBetween', 'majorUnit', 'minorUnit', 'dispUnits', 'extLst'],
  scaling: ['logBase', 'orientation', 'max', 'min', 'extLst'],
  legend: ['legendPos', 'legendEntry', 'layout', 'overlay', 'spPr', 'txPr', 'extLst'],
  strRef: ['f', 'strCache', 'extLst'],
  numRef: ['f', 'numCache', 'extLst'],
  strCache: ['ptCount', 'pt', 'extLst'],
  numCache: ['formatCode', 'ptCount', 'pt', 'extLst'],
  twoCellAnchor: ['from', 'to', '(object)', 'clientData'],
  from: ['col', 'colOff', 'row', 'rowOff'],
  to: ['col', 'colOff', 'row', 'rowOff'],
  graphicFrame: ['nvGraphicFramePr', 'xfrm', 'graphic', 'extLst'],
};

function rank(seq: string[], name: string): number {
  if (TYPES.has(name)) return seq.indexOf('(chart)');
  if (AXES.has(name)) return seq.indexOf('(axis)');
  if (['sp', 'grpSp', 'graphicFrame', 'cxnSp', 'pic', 'contentPart'].includes(name) && seq.includes('(object)'))
    return seq.indexOf('(object)');
  return seq.indexOf(name === 'crossesAt' ? 'crosses' : name);
}

/**
 * Where a part's elements break their type's sequence: an element the sequence does not have, or
 * one after an element the sequence puts later ("chartSpace: lang after chart").
 */
export function outOfOrder(xml: string): string[] {
  const problems: string[] = [];
  const walk = (el: { name: string; inner: [number, number] }, parent: string) => {
    const seq = SEQUENCES[el.name === 'ser' ? `${parent}/ser` : el.name];
    const kids = children(xml, el.inner[0], el.inner[1]);
    if (seq) {
      let last = -1;
      let lastName = '';
      for (const k of kids) {
        const r = rank(seq, k.name);
        if (r < 0) problems.push(`${el.name}: ${k.name} is not one of its elements`);
        else if (r < last) problems.push(`${el.name}: ${k.name} after ${lastName}`);
        else [last, lastName] = [r, k.name];
      }
    }
    for (const k of kids) walk(k, el.name);
  };
  walk(rootElement(xml), '');
  return problems;
}
