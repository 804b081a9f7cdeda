/**
 * Risks, what matters first: the errors, then each scored register (those with errors first) with
 * its heat map and risks ranked by score with their band, then each register that cannot be scored
 * in one line saying why, then the rest to look at. A risk in the list is a button: a click, Enter
 * or Space selects its row on the sheet. The actions write score columns, insert the heat map (not
 * offered when no register has a score) and the ranked list, and mark on the sheet the cells that
 * are inconsistent (Clear highlights takes the colours off).
 */
import { Button, makeStyles, Subtitle2, Text, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { RisksResult } from '../app/controller';
import { plural } from '../app/messages';
import { NO_HEAT_MAP } from '../app/risks';
import type { RankedRisk, RegisterView } from '../app/riskView';
import { textOn } from '../app/riskView';
import type { Finding } from '../engine/findings';
import { FindingList } from './FindingList';
import { HeatMap } from './HeatMap';
import { Outcome, UndoInsert } from './InsertOutcome';
import { usePane } from './pane';
import { rowButton } from './sharedStyles';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px', minWidth: 0 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: '8px' },
  register: { display: 'flex', flexDirection: 'column', gap: '8px', minWidth: 0 },
  registers: { margin: 0, paddingLeft: '18px', display: 'flex', flexDirection: 'column', gap: '2px' },
  ranked: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '2px' },
  risk: { ...rowButton, alignItems: 'baseline', padding: '4px 6px' },
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
  text: { display: 'flex', flexDirection: 'column', minWidth: 0, overflowWrap: 'anywhere' },
  where: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

function chipText(r: RankedRisk): string {
  return r.score === null ? 'No score' : `${r.score} ${r.band ?? ''}`.trim();
}

function whereText(r: RankedRisk): string {
  return `${r.sheet}${r.row !== undefined ? `, row ${r.row}` : ''}`;
}

/** How many registers, and how many of them are drawn below: one sentence. */
function registersText(view: RisksResult): string {
  const n = view.registers.length;
  if (n === 0) return 'No risk register found.';
  const unscored = view.unscored.length;
  if (unscored === 0) return `Found ${plural(n, 'register')}.`;
  if (unscored === n) return `Found ${plural(n, 'register')}; none can be scored.`;
  return `Found ${plural(n, 'register')}: ${view.byRegister.length} scored, and ${unscored} that cannot be scored, at the end.`;
}

/** One scored register: its heat map and its risks by score, each a click from its row. */
function RegisterSection({ reg, select, busy }: { reg: RegisterView; select: (r: RankedRisk) => void; busy: boolean }) {
  const styles = useStyles();
  return (
    <section className={styles.register} aria-label={`${reg.sheet}!${reg.range}`} data-testid="risk-register">
      <Subtitle2 as="h3">
        {reg.sheet}!{reg.range}
      </Subtitle2>
      <Text size={200}>
        {reg.count} risks on the {reg.matrixName} matrix
        {reg.errors > 0 ? `; ${plural(reg.errors, 'error')} above` : ''}
      </Text>
      <Subtitle2 as="h4">Heat map</Subtitle2>
      <HeatMap map={reg.heatMap} />
      <Subtitle2 as="h4">Risks by score</Subtitle2>
      <Text size={200}>Select a risk to go to its row.</Text>
      <ol className={styles.ranked} aria-label={`Risks of ${reg.sheet} by score, highest first`}>
        {reg.ranked.map((r) => (
          <li key={`${r.id}|${r.row ?? ''}`}>
            <button
              type="button"
              className={styles.risk}
              onClick={() => select(r)}
              disabled={busy}
              title={`Select ${r.sheet}!${r.cell ?? `row ${r.row ?? ''}`}`}
              aria-label={`Risk ${r.id}${r.text ? `, ${r.text}` : ''}: ${
                r.score === null ? 'no score' : `score ${r.score}, ${r.band ?? 'no band'}`
              }. ${whereText(r)}. Select its row.`}
              data-testid="ranked-risk"
            >
              <span
                className={styles.chip}
                style={r.color ? { backgroundColor: r.color, color: textOn(r.color) } : undefined}
              >
                {chipText(r)}
              </span>
              <span className={styles.text}>
                <span>
                  {r.id}
                  {r.text ? `: ${r.text}` : ''}
                </span>
                {r.note && <span className={styles.where}>Not scored: {r.note}</span>}
                <span className={styles.where}>{whereText(r)}</span>
              </span>
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}

export function RisksView() {
  const styles = useStyles();
  const { app, busy, run } = usePane();
  const [view, setView] = useState<RisksResult | null>(null);

  const score = async () => {
    const v = await run(() => app.risks(), 'Scoring the risk registers…');
    if (v) setView(v);
  };
  const goTo = (f: Finding) => run(() => app.goTo(f), 'Going to the cell…');
  const select = (r: RankedRisk) => run(() => app.selectRisk(r), `Selecting risk ${r.id}…`);
  const errors = view ? view.findings.filter((f) => f.severity === 'error') : [];
  const others = view ? view.findings.filter((f) => f.severity !== 'error') : [];

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
          <Text>{registersText(view)}</Text>
          {view.registers.length > 0 && (
            <>
              {errors.length > 0 && (
                <>
                  <Subtitle2 as="h3">Errors ({errors.length})</Subtitle2>
                  <FindingList findings={errors} onGo={goTo} />
                </>
              )}
              <div className={styles.actions}>
                <Button
                  onClick={() => run(() => app.insertScoreColumns(), 'Adding score columns…', 'risks')}
                  disabled={busy}
                >
                  Write score columns
                </Button>
                {view.byRegister.length > 0 && (
                  <Button
                    onClick={() => run(() => app.insertHeatMap(), 'Adding the heat map…', 'risks')}
                    disabled={busy}
                  >
                    Insert heat map
                  </Button>
                )}
                <Button
                  onClick={() => run(() => app.insertRankedList(), 'Adding the ranked list…', 'risks')}
                  disabled={busy}
                >
                  Insert ranked list
                </Button>
                <UndoInsert at="risks" />
              </div>
              {view.byRegister.length === 0 && <Text>{NO_HEAT_MAP}.</Text>}
              <Outcome at="risks" />
              {view.byRegister.map((reg) => (
                <RegisterSection key={`${reg.sheet}!${reg.range}`} reg={reg} select={select} busy={busy} />
              ))}
              {view.unscored.length > 0 && (
                <>
                  <Subtitle2 as="h3">Not scored</Subtitle2>
                  <ul className={styles.registers}>
                    {view.unscored.map((r) => (
                      <li key={`${r.sheet}!${r.range}`} data-testid="risk-unscored">
                        <Text>
                          {r.sheet}!{r.range} ({plural(r.count, 'risk')}) cannot be scored: {r.reason}.
                        </Text>
                      </li>
                    ))}
                  </ul>
                </>
              )}
              <Subtitle2 as="h3">{errors.length > 0 ? 'Also to look at' : 'To look at'}</Subtitle2>
              {others.length === 0 ? (
                <Text>{errors.length > 0 ? 'Nothing else.' : 'Every risk is consistent with the matrix.'}</Text>
              ) : (
                <FindingList findings={others} onGo={goTo} />
              )}
              <div className={styles.actions}>
                <Button
                  onClick={() => run(() => app.markRiskFindings(), 'Marking the cells to look at…')}
                  disabled={busy || view.findings.length === 0}
                >
                  Mark what is inconsistent
                </Button>
                <Button onClick={() => run(() => app.clearMarks(), 'Clearing the highlights…')} disabled={busy}>
                  Clear highlights
                </Button>
              </div>
            </>
          )}
        </>
      )}
    </div>
  );
}
