/**
 * Validate: run the checks on the whole workbook or the selected table, see what they found by
 * table and severity with counts, filter by severity, go to a cell, show them in the workbook (a
 * switch the user turns on: checking itself writes nothing), add the report.
 */
import { Badge, Button, makeStyles, Subtitle2, Switch, Text, ToggleButton, tokens } from '@fluentui/react-components';
import {
  DocumentAdd16Regular,
  DocumentCheckmark16Regular,
  Play16Regular,
  TableCursor16Regular,
} from '@fluentui/react-icons';
import { useEffect, useMemo, useState } from 'react';
import { filterGroups, type ValidationView } from '../app/controller';
import { fixedLine } from '../app/live';
import type { Finding, Severity } from '../engine/findings';
import { AcceptAction, AcceptedNote } from './AcceptFinding';
import { PLANCHECK_VERSION } from './download';
import { FindingList } from './FindingList';
import { Outcome, UndoInsert } from './InsertOutcome';
import { usePane } from './pane';
import { giveReport } from './reportWindow';
import { setOpenFindings } from './tabCounts';
import { useLiveCheck } from './useLiveCheck';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: '8px' },
  more: { display: 'flex', flexWrap: 'wrap', gap: '2px 4px', marginTop: '-4px' },
  summary: { display: 'flex', flexWrap: 'wrap', gap: '8px', alignItems: 'center' },
  filters: { display: 'flex', flexWrap: 'wrap', gap: '6px', alignItems: 'center' },
  group: { display: 'flex', flexDirection: 'column', gap: '4px' },
  groupTitle: { color: tokens.colorNeutralForeground2, margin: 0 },
  severity: { margin: '4px 0 0', fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3 },
  where: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

const SEVERITIES: Severity[] = ['error', 'warning', 'info'];
const NAMES: Record<Severity, [string, string]> = {
  error: ['error', 'errors'],
  warning: ['warning', 'warnings'],
  info: ['note', 'notes'],
};

function s(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function countsOf(findings: Finding[]): string {
  return SEVERITIES.map((sev) => ({ sev, n: findings.filter((f) => f.severity === sev).length }))
    .filter(({ n }) => n > 0)
    .map(({ sev, n }) => s(n, ...NAMES[sev]))
    .join(', ');
}

export function ValidateView() {
  const styles = useStyles();
  const { app, busy, run, show } = usePane();
  const [view, setView] = useState<ValidationView | null>(null);
  const [shown, setShown] = useState<ReadonlySet<Severity>>(() => new Set(SEVERITIES));
  const [showAccepted, setShowAccepted] = useState(false);
  const groups = useMemo(() => (view ? filterGroups(view.groups, shown) : []), [view, shown]);
  const live = useLiveCheck(app, view, setView, (text) => show({ intent: 'error', text }));
  useEffect(() => setOpenFindings(view ? view.counts.error + view.counts.warning : null), [view]);
  const liveLine =
    live.mode === 'large' && live.paused
      ? 'Checking as you type is paused: on a workbook this large each check takes over a second. Turn on Check as I type, or press Validate when ready.'
      : live.checking
        ? 'Checking your change…'
        : fixedLine(live.fixed);

  const validate = async () => {
    const v = await run(() => app.validate(), 'Checking the workbook…');
    if (v) setView(v);
  };
  const validateTable = async () => {
    const v = await run(() => app.validateSelectedTable(), 'Checking the selected table…');
    if (v) setView(v);
  };
  const [inWorkbook, setInWorkbook] = useState(() => app.showsInWorkbook());
  const showInWorkbook = async (on: boolean) => {
    setInWorkbook(on);
    const done = await run(
      () => app.showInWorkbook(on),
      on ? 'Highlighting the cells…' : 'Giving the cells their own colours back…',
    );
    if (done === undefined) setInWorkbook(app.showsInWorkbook());
  };
  const accept = async (f: Finding, reason: string, by: string): Promise<boolean> => {
    const v = await run(() => app.acceptFinding(f, reason, by), `Accepting ${f.sheet}!${f.cell}…`);
    if (v) setView(v);
    return v !== undefined;
  };
  const reopen = async (f: Finding) => {
    const v = await run(() => app.reopenFinding(f), `Reopening ${f.sheet}!${f.cell}…`);
    if (v) setView(v);
  };
  const exportReport = async () => {
    const r = await run(() => app.evidenceReport(PLANCHECK_VERSION), 'Writing the evidence report…');
    if (!r) return;
    // Downloaded where the host can save a file; in Excel on a Mac, shown in a PlanCheck window instead.
    const said = await giveReport(r, { onProblem: (text) => show({ intent: 'error', text }) });
    if (said) show(said);
  };
  const goTo = async (f: Finding) => {
    const done = await run(() => app.goTo(f), `Going to ${f.sheet}!${f.cell}…`);
    if (done !== undefined) show({ intent: 'info', text: `Selected ${f.sheet}!${f.cell}.` });
  };
  const toggle = (sev: Severity) =>
    setShown((now) => {
      const next = new Set(now);
      if (next.has(sev)) next.delete(sev);
      else next.add(sev);
      return next;
    });

  return (
    <div className={styles.root}>
      <div className={styles.actions}>
        <Button appearance="primary" icon={<Play16Regular />} onClick={validate} disabledFocusable={busy}>
          Validate
        </Button>
        <Button icon={<TableCursor16Regular />} onClick={validateTable} disabledFocusable={busy}>
          Validate selected table
        </Button>
      </div>
      {/* The secondary actions, small and together, so the findings stay in sight in a narrow pane. */}
      <div className={styles.more} role="group" aria-label="More actions">
        {live.mode !== 'off' && (
          <Switch
            checked={!live.paused}
            onChange={(_, data) => live.setPaused(!data.checked)}
            label="Check as I type"
            data-testid="live-switch"
          />
        )}
        <Switch
          checked={inWorkbook}
          onChange={(_, data) => void showInWorkbook(data.checked)}
          disabled={busy}
          label="Show in the workbook"
        />
        <Button
          size="small"
          appearance="subtle"
          icon={<DocumentAdd16Regular />}
          onClick={() => run(() => app.insertReport(), 'Adding the report sheet…', 'validate')}
          disabled={busy}
        >
          Add report sheet
        </Button>
        <Button
          size="small"
          appearance="subtle"
          icon={<DocumentCheckmark16Regular />}
          onClick={exportReport}
          disabled={busy}
        >
          Export report
        </Button>
        <UndoInsert at="validate" small />
      </div>
      <Outcome at="validate" />
      {!view && !busy && (
        <Text>
          Validate checks that funding adds up to each cash limit, totals equal their lines, net stays within gross and
          the plan stays inside the council’s cash limit. Checking only reads: the findings are listed here, and Show in
          the workbook colours their cells too. Click a finding to go to it. To check one table, select a cell in it and
          press Validate selected table.
        </Text>
      )}
      {view && (
        <>
          <div className={styles.summary} aria-label="Summary">
            <Text weight="semibold">
              {view.scope ? `${view.scope} checked` : `${view.workbook}: ${s(view.tables, 'table')} checked`}
            </Text>
            <Badge
              appearance={view.counts.error ? 'filled' : 'outline'}
              color={view.counts.error ? 'danger' : 'informative'}
            >
              {s(view.counts.error, 'error')}
            </Badge>
            <Badge
              appearance={view.counts.warning ? 'filled' : 'outline'}
              color={view.counts.warning ? 'warning' : 'informative'}
            >
              {s(view.counts.warning, 'warning')}
            </Badge>
            <Badge appearance={view.counts.info ? 'tint' : 'outline'} color="informative">
              {s(view.counts.info, 'note')}
            </Badge>
          </div>
          {/* What the last edit fixed, where the list was: a short trace until the next check. */}
          {liveLine && (
            <Text size={200} role="status" aria-live="polite" className={styles.where} data-testid="live-line">
              {liveLine}
            </Text>
          )}
          {view.findings.length > 0 && (
            <div className={styles.filters} role="group" aria-label="Show findings by severity">
              <Text size={200}>Show:</Text>
              {SEVERITIES.map((sev) => (
                <ToggleButton
                  key={sev}
                  size="small"
                  checked={shown.has(sev)}
                  onClick={() => toggle(sev)}
                  data-testid={`filter-${sev}`}
                >
                  {`${NAMES[sev][1].charAt(0).toUpperCase()}${NAMES[sev][1].slice(1)} (${view.counts[sev]})`}
                </ToggleButton>
              ))}
            </div>
          )}
          {view.findings.length > 0 && groups.length === 0 && (
            <Text>No findings of the severities chosen. Press a button above to show them.</Text>
          )}
          {groups.map((g) => (
            <section
              key={g.key}
              className={styles.group}
              aria-label={`${g.sheet}${g.table ? ` table ${g.table}` : ''}: ${countsOf(g.findings)}`}
              data-testid="finding-group"
            >
              <Subtitle2 as="h3" className={styles.groupTitle}>
                {g.sheet}
                {g.table ? <span className={styles.where}> · table {g.table}</span> : null}
                <span className={styles.where}> · {countsOf(g.findings)}</span>
              </Subtitle2>
              {SEVERITIES.map((sev) => {
                const some = g.findings.filter((f) => f.severity === sev);
                if (some.length === 0) return null;
                const [one, many] = NAMES[sev];
                return (
                  <div key={sev}>
                    <h4 className={styles.severity}>
                      {`${some.length === 1 ? one.charAt(0).toUpperCase() + one.slice(1) : many.charAt(0).toUpperCase() + many.slice(1)} (${some.length})`}
                    </h4>
                    <FindingList
                      findings={some}
                      style={g.style}
                      onGo={goTo}
                      action={(f) => <AcceptAction finding={f} disabled={busy} onAccept={accept} />}
                    />
                  </div>
                );
              })}
            </section>
          ))}
          {view.accepted.length > 0 && (
            <section className={styles.group} aria-label={`Accepted: ${s(view.accepted.length, 'finding')}`}>
              <div className={styles.filters}>
                <Subtitle2 as="h3" className={styles.groupTitle}>
                  Accepted ({view.accepted.length})
                </Subtitle2>
                <ToggleButton
                  size="small"
                  checked={showAccepted}
                  onClick={() => setShowAccepted(!showAccepted)}
                  data-testid="show-accepted"
                >
                  {showAccepted ? 'Hide accepted' : 'Show accepted'}
                </ToggleButton>
              </div>
              {/* By table, so each finding's figures are said in its table's unit and negatives, as open ones are. */}
              {showAccepted &&
                view.acceptedGroups.map((g) => (
                  <FindingList
                    key={g.key}
                    findings={g.findings}
                    style={g.style}
                    onGo={goTo}
                    action={(f) => (
                      <AcceptedNote finding={f as (typeof view.accepted)[number]} disabled={busy} onReopen={reopen} />
                    )}
                  />
                ))}
            </section>
          )}
        </>
      )}
    </div>
  );
}
