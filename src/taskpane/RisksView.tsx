/** Risks: registers found, risks ranked by score with their band, the heat map, and what needs a look. */
import { Button, makeStyles, Subtitle2, Text, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { RisksResult } from '../app/controller';
import { textOn } from '../app/riskView';
import type { Finding } from '../engine/findings';
import { FindingList } from './FindingList';
import { HeatMap } from './HeatMap';
import { usePane } from './pane';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: '8px' },
  ranked: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '4px' },
  risk: { display: 'flex', gap: '8px', alignItems: 'baseline' },
  chip: {
    flexShrink: 0,
    minWidth: '6.5em',
    textAlign: 'center',
    borderRadius: tokens.borderRadiusCircular,
    padding: '1px 8px',
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  where: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

export function RisksView() {
  const styles = useStyles();
  const { app, busy, run } = usePane();
  const [view, setView] = useState<RisksResult | null>(null);

  const score = async () => {
    const v = await run(() => app.risks());
    if (v) setView(v);
  };
  const goTo = (f: Finding) => run(() => app.goTo(f));

  return (
    <div className={styles.root}>
      <Text>
        Scores each risk as likelihood × impact on the council’s matrix, checks the stated scores and ratings, and finds
        risks without an owner or an impact.
      </Text>
      <div className={styles.actions}>
        <Button appearance="primary" onClick={score} disabled={busy}>
          Score risks
        </Button>
      </div>
      {view && (
        <>
          <Subtitle2 as="h3">Registers</Subtitle2>
          {view.registers.map((r) => (
            <Text key={`${r.sheet}!${r.range}`}>
              {r.sheet}!{r.range}: {r.count} risks on the {r.matrix} matrix
            </Text>
          ))}
          <Subtitle2 as="h3">Heat map</Subtitle2>
          <HeatMap map={view.heatMap} />
          <Subtitle2 as="h3">Risks by score</Subtitle2>
          <ol className={styles.ranked}>
            {view.ranked.map((r) => (
              <li key={`${r.sheet}|${r.id}|${r.row ?? ''}`} className={styles.risk}>
                <span
                  className={styles.chip}
                  style={r.color ? { backgroundColor: r.color, color: textOn(r.color) } : undefined}
                >
                  {r.score === null ? 'No score' : `${r.score} ${r.band ?? ''}`}
                </span>
                <span>
                  {r.id}
                  {r.text ? `: ${r.text}` : ''}
                  <span className={styles.where}>
                    {' '}
                    ({r.sheet}
                    {r.row !== undefined ? `, row ${r.row}` : ''})
                  </span>
                </span>
              </li>
            ))}
          </ol>
          {view.findings.length > 0 && (
            <>
              <Subtitle2 as="h3">To look at</Subtitle2>
              <FindingList findings={view.findings} onGo={goTo} />
            </>
          )}
          <div className={styles.actions}>
            <Button onClick={() => run(() => app.insertScoreColumns())} disabled={busy}>
              Insert score columns
            </Button>
            <Button onClick={() => run(() => app.insertHeatMap())} disabled={busy}>
              Insert heat map
            </Button>
            <Button onClick={() => run(() => app.insertRankedList())} disabled={busy}>
              Insert ranked list
            </Button>
          </div>
        </>
      )}
    </div>
  );
}
