/** Benchmarks: own council against its comparators, indicator by indicator, with each indicator's polarity. */
import {
  Button,
  Dropdown,
  Field,
  makeStyles,
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
import type { BenchmarkView } from '../app/controller';
import { cellText } from '../app/controller';
import type { Finding } from '../engine/findings';
import type { Settings } from '../engine/settings';
import { FindingList } from './FindingList';
import { usePane } from './pane';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: '8px' },
  scroll: {
    overflowX: 'auto',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  num: { textAlign: 'right', whiteSpace: 'nowrap' },
  better: { color: tokens.colorPaletteGreenForeground1 },
  worse: { color: tokens.colorPaletteRedForeground1 },
});

function pct(v: number | null | undefined): string {
  if (v === null || v === undefined) return '';
  return `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)}%`;
}

export function BenchmarksView() {
  const styles = useStyles();
  const { app, busy, run } = usePane();
  const [view, setView] = useState<BenchmarkView | null>(null);

  const compare = async () => {
    const v = await run(() => app.benchmarks());
    if (v) setView(v);
  };
  const change = async (edit: (s: Settings) => Settings) => {
    const saved = await run(() => app.updateSettings(edit));
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
        <Field label="Your council">
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
          <div className={styles.scroll}>
            <Table size="extra-small" aria-label="Comparison with comparator councils">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>Indicator</TableHeaderCell>
                  <TableHeaderCell>Better when</TableHeaderCell>
                  <TableHeaderCell className={styles.num}>Own</TableHeaderCell>
                  <TableHeaderCell className={styles.num}>Average</TableHeaderCell>
                  <TableHeaderCell className={styles.num}>Variance</TableHeaderCell>
                  <TableHeaderCell className={styles.num}>Rank</TableHeaderCell>
                  <TableHeaderCell className={styles.num}>Quartile</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {view.indicators.map((i) => (
                  <TableRow key={i.indicator}>
                    <TableCell>{i.indicator}</TableCell>
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
                      className={`${styles.num} ${i.flag === 'better' ? styles.better : i.flag === 'worse' ? styles.worse : ''}`}
                    >
                      {pct(i.variancePct)}
                      {i.flag ? ` ${i.flag}` : ''}
                    </TableCell>
                    <TableCell className={styles.num}>{i.rank != null ? `${i.rank} of ${i.of ?? '?'}` : ''}</TableCell>
                    <TableCell className={styles.num}>{cellText(i.quartile)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
          {view.findings.length > 0 && <FindingList findings={view.findings} onGo={goTo} />}
          <div className={styles.actions}>
            <Button onClick={() => run(() => app.insertBenchmarks())} disabled={busy}>
              Insert comparison table
            </Button>
          </div>
        </>
      )}
    </div>
  );
}
