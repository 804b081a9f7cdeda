/**
 * Benchmarks: own council against its comparators, indicator by indicator, with each indicator's
 * polarity. The own council and the polarities are saved with the workbook's settings. The pane
 * previews the table and a bar chart (own against the comparator average, each indicator on its own
 * scale, drawn as plain SVG with the figures in text beside it), then inserts them.
 */
import {
  Button,
  Dropdown,
  Field,
  makeStyles,
  mergeClasses,
  Option,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { IndicatorLike } from '../app/contract';
import type { BenchmarkView } from '../app/controller';
import { cellText } from '../app/controller';
import type { Finding } from '../engine/findings';
import type { Settings } from '../engine/settings';
import { FindingList } from './FindingList';
import { Outcome, UndoInsert } from './InsertOutcome';
import { usePane } from './pane';
import { RankedBenchmark } from './charts/lazy';
import { WideTable } from './WideTable';
import { figureTable } from './sharedStyles';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: '8px' },
  ...figureTable,
  better: { color: tokens.colorPaletteGreenForeground1 },
  worse: { color: tokens.colorPaletteRedForeground1 },
  figure: { margin: 0, display: 'flex', flexDirection: 'column', gap: '6px', minWidth: 0 },
  caption: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  legend: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '4px 8px', marginTop: '2px' },
  swatch: { display: 'inline-block', width: '10px', height: '10px', marginLeft: '4px' },
  bars: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '8px' },
  bar: { display: 'flex', flexDirection: 'column', gap: '1px', minWidth: 0 },
  barLabel: { fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  barFigures: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  note: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

const OWN_COLOR: Record<string, string> = { better: '#107C10', worse: '#C50F1F' };
const OWN_DEFAULT = '#0F6CBD';
const AVERAGE_COLOR = '#8A8886';

/** Own value against the comparator average, one small pair of bars per indicator. */
export function BenchmarkChart({ indicators }: { indicators: IndicatorLike[] }) {
  const styles = useStyles();
  const drawn = indicators.filter((i) => typeof i.own === 'number' || typeof i.comparatorAverage === 'number');
  if (drawn.length === 0) return null;
  return (
    <figure className={styles.figure} data-testid="benchmark-chart">
      <figcaption className={styles.caption}>
        Your council against the comparator average, each indicator on its own scale.
        <span className={styles.legend} aria-hidden="true">
          <span className={styles.swatch} style={{ backgroundColor: OWN_DEFAULT }} /> Yours
          <span className={styles.swatch} style={{ backgroundColor: OWN_COLOR.better }} /> yours, better
          <span className={styles.swatch} style={{ backgroundColor: OWN_COLOR.worse }} /> yours, worse
          <span className={styles.swatch} style={{ backgroundColor: AVERAGE_COLOR }} /> Comparator average
        </span>
      </figcaption>
      <ul className={styles.bars}>
        {drawn.map((i, n) => {
          const own = typeof i.own === 'number' ? i.own : null;
          const avg = typeof i.comparatorAverage === 'number' ? i.comparatorAverage : null;
          const max = Math.max(Math.abs(own ?? 0), Math.abs(avg ?? 0)) || 1;
          const width = (v: number | null) => (v === null ? 0 : Math.max(0.5, (Math.abs(v) / max) * 100));
          const ownColor = (i.flag && OWN_COLOR[i.flag]) || OWN_DEFAULT;
          const said = `${indicatorName(i)}: yours ${own === null ? 'not given' : cellText(own)}, comparator average ${
            avg === null ? 'not given' : cellText(avg)
          }${i.variancePct != null ? ` (${pct(i.variancePct)})` : ''}${i.flag ? `, ${i.flag}` : ''}`;
          return (
            <li key={`${i.indicator}|${n}`} className={styles.bar}>
              <span className={styles.barLabel}>{indicatorName(i)}</span>
              <svg
                viewBox="0 0 100 20"
                preserveAspectRatio="none"
                width="100%"
                height="28"
                role="img"
                aria-label={said}
              >
                <rect x="0" y="1" width={width(own)} height="8" fill={ownColor} />
                <rect x="0" y="11" width={width(avg)} height="8" fill={AVERAGE_COLOR} />
              </svg>
              <span className={styles.barFigures} aria-hidden="true">
                Yours {own === null ? '–' : cellText(own)} · average {avg === null ? '–' : cellText(avg)}
                {i.variancePct != null ? ` (${pct(i.variancePct)})` : ''}
                {i.flag ? `: ${i.flag}` : ''}
              </span>
            </li>
          );
        })}
      </ul>
    </figure>
  );
}

/** The indicator as the pane names it: with its ASCOF code in front when the label leaves it out. */
export function indicatorName(i: IndicatorLike): string {
  const code = i.source?.code?.trim();
  return code && !i.indicator.includes(code) ? `${code} ${i.indicator}` : i.indicator;
}

function pct(v: number | null | undefined): string {
  if (v === null || v === undefined) return '';
  return `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)}%`;
}

export function BenchmarksView() {
  const styles = useStyles();
  const { app, busy, run } = usePane();
  const [view, setView] = useState<BenchmarkView | null>(null);

  const compare = async () => {
    const v = await run(() => app.benchmarks(), 'Comparing with the comparator councils…');
    if (v) setView(v);
  };
  const change = async (edit: (s: Settings) => Settings) => {
    const saved = await run(() => app.updateSettings(edit), 'Saving the setting…');
    if (saved) await compare();
  };
  const setOwn = (own: string) => change((s) => ({ ...s, benchmark: { ...s.benchmark, own } }));
  const setPolarity = (indicator: string, polarity: 'higher' | 'lower') =>
    change((s) => ({
      ...s,
      benchmark: { ...s.benchmark, polarities: { ...s.benchmark?.polarities, [indicator]: polarity } },
    }));
  const goTo = (f: Finding) => run(() => app.goTo(f));

  return (
    <div className={styles.root}>
      <Text>
        Compares your council with its comparator group: the average, the variance, your rank in the group (1 = best)
        and the quartile. Whether higher is better depends on the indicator; set it where PlanCheck cannot tell.
      </Text>
      <div className={styles.actions}>
        <Button appearance="primary" onClick={compare} disabled={busy}>
          Compare
        </Button>
      </div>
      {view && view.councils.length > 0 && (
        <Field
          label="Your council"
          hint={
            view.own
              ? `PlanCheck compares ${view.own} with the other councils in the tables.`
              : 'Choose the council these tables are about.'
          }
        >
          <Dropdown
            placeholder="Choose your council"
            value={view.own ?? ''}
            selectedOptions={view.own ? [view.own] : []}
            onOptionSelect={(_e, data) => data.optionValue && setOwn(data.optionValue)}
            disabled={busy}
          >
            {view.councils.map((c) => (
              <Option key={c}>{c}</Option>
            ))}
          </Dropdown>
        </Field>
      )}
      {view && view.indicators.length > 0 && (
        <>
          <WideTable className={styles.scroll} label="The comparison table">
            <Table className={styles.table} size="extra-small" aria-label="Comparison with comparator councils">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>Indicator</TableHeaderCell>
                  <TableHeaderCell>Better when</TableHeaderCell>
                  <TableHeaderCell className={styles.num}>Own</TableHeaderCell>
                  <TableHeaderCell className={styles.num}>Average</TableHeaderCell>
                  <TableHeaderCell className={styles.num}>Variance</TableHeaderCell>
                  <TableHeaderCell className={styles.num}>Rank</TableHeaderCell>
                  <TableHeaderCell className={styles.num}>Quartile</TableHeaderCell>
                  <TableHeaderCell className={styles.num}>Percentile</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {view.indicators.map((i, n) => (
                  <TableRow key={`${i.indicator}|${n}`}>
                    <TableCell className={styles.label}>{indicatorName(i)}</TableCell>
                    <TableCell>
                      <Select
                        size="small"
                        aria-label={`Better when, for ${i.indicator}`}
                        value={i.polarity ?? ''}
                        onChange={(_e, data) => setPolarity(i.indicator, data.value as 'higher' | 'lower')}
                        disabled={busy}
                      >
                        {!i.polarity && <option value="">Not known</option>}
                        <option value="higher">Higher</option>
                        <option value="lower">Lower</option>
                      </Select>
                    </TableCell>
                    <TableCell className={styles.num}>{cellText(i.own)}</TableCell>
                    <TableCell className={styles.num}>{cellText(i.comparatorAverage)}</TableCell>
                    <TableCell
                      className={mergeClasses(
                        styles.num,
                        i.flag === 'better' && styles.better,
                        i.flag === 'worse' && styles.worse,
                      )}
                    >
                      {pct(i.variancePct)}
                      {i.flag ? ` ${i.flag}` : ''}
                    </TableCell>
                    <TableCell className={styles.num}>{i.rank != null ? `${i.rank} of ${i.of ?? '?'}` : ''}</TableCell>
                    <TableCell className={styles.num}>{cellText(i.quartile)}</TableCell>
                    <TableCell className={styles.num}>
                      {typeof i.percentile === 'number' ? String(Math.round(i.percentile)) : ''}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </WideTable>
          <RankedBenchmark indicators={view.indicators} own={view.own} />
          <BenchmarkChart indicators={view.indicators} />
          {view.findings.length > 0 && <FindingList findings={view.findings} onGo={goTo} />}
          <div className={styles.actions}>
            <Button
              onClick={() =>
                run(() => app.insertBenchmarks(), 'Adding the comparison table and its charts…', 'benchmarks')
              }
              disabled={busy}
            >
              Insert table and chart
            </Button>
            <UndoInsert at="benchmarks" />
          </div>
          <Outcome at="benchmarks" />
          <Text className={styles.note}>
            The table goes on a new sheet as live formulas, with a bar chart of yours against the average and a radar of
            percentiles beside it. A workbook saved from the browser page keeps the charts too.
          </Text>
        </>
      )}
    </div>
  );
}
