/** Charts a write adds: Excel's chart type for each of PlanCheck's, and one chart queued with its title and place. */
import type { ChartSpec } from '../engine/spec';

function chartType(type: ChartSpec['type']): Excel.ChartType {
  switch (type) {
    case 'bar':
      return 'BarClustered' as Excel.ChartType;
    case 'line':
      return 'Line' as Excel.ChartType;
    case 'radar':
      return 'Radar' as Excel.ChartType;
    case 'waterfall':
      return 'ColumnStacked' as Excel.ChartType;
    default:
      return 'ColumnClustered' as Excel.ChartType;
  }
}

/** Queues one chart: its series from the spec's data, its title, where it sits; a waterfall's base series hidden. */
export function addChart(
  ws: Excel.Worksheet,
  c: ChartSpec,
  name: string,
  at: (t: number, l: number, b?: number, r?: number) => string,
): void {
  const chart = ws.charts.add(
    chartType(c.type),
    ws.getRange(at(c.data.top, c.data.left, c.data.bottom, c.data.right)),
    'Auto' as Excel.ChartSeriesBy,
  );
  chart.name = name;
  chart.title.text = c.title;
  chart.setPosition(at(c.at.row, c.at.col));
  if (c.type === 'waterfall') {
    // The base series only lifts the visible steps: no fill, no legend entry (ExcelApi 1.7).
    chart.series.getItemAt(0).format.fill.clear();
    chart.legend.visible = false;
  }
}
