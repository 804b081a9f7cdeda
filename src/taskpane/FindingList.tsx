/**
 * Findings as rows of native buttons (in the tab order; Enter or Space goes to the cell; a visible
 * focus ring): severity icon, the message, Expected/Actual/Difference, and the cell. Three or more
 * findings of one kind in one register or table are folded into one line ("12 risks have no
 * owner") that opens, as a disclosure, to the list of them, each still a click from its cell.
 */
import { useState } from 'react';
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { ChevronDown16Regular, ChevronRight16Regular } from '@fluentui/react-icons';
import { ErrorCircle16Filled, Info16Filled, Warning16Filled } from '@fluentui/react-icons';
import { inScreenWords } from '../app/messages';
import type { Finding, Severity } from '../engine/findings';
import { foldFindings } from '../engine/rules';
import type { FigureStyle } from '../engine/say';
import { findingFigures as figures } from '../app/findingFigures';
import { rowButton } from './sharedStyles';

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '2px' },
  item: { display: 'flex', flexDirection: 'column', gap: '2px' },
  row: { ...rowButton, alignItems: 'flex-start', padding: '6px 8px' },
  icon: { flexShrink: 0, marginTop: '2px' },
  text: { display: 'flex', flexDirection: 'column', gap: '2px', minWidth: 0, overflowWrap: 'anywhere' },
  figures: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  cell: {
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase200,
    fontFamily: tokens.fontFamilyMonospace,
  },
  folded: { paddingLeft: '16px' },
});

const LABEL: Record<Severity, string> = { error: 'Error', warning: 'Warning', info: 'Note' };

export function SeverityIcon({ severity }: { severity: Severity }) {
  const common = { 'aria-label': LABEL[severity], role: 'img' } as const;
  if (severity === 'error') return <ErrorCircle16Filled {...common} primaryFill={tokens.colorPaletteRedForeground1} />;
  if (severity === 'warning')
    return <Warning16Filled {...common} primaryFill={tokens.colorPaletteDarkOrangeForeground1} />;
  return <Info16Filled {...common} primaryFill={tokens.colorPaletteBlueForeground2} />;
}

type Row = {
  findings: Finding[];
  onGo: (f: Finding) => void;
  action?: (f: Finding) => React.ReactNode;
  style?: FigureStyle;
};

/** One finding: a button to its cell, and what else can be done with it beneath. */
function FindingRow({ finding: f, onGo, action, style }: { finding: Finding } & Omit<Row, 'findings'>) {
  const styles = useStyles();
  const said = figures(f, style);
  return (
    <>
      <button
        type="button"
        className={styles.row}
        onClick={() => onGo(f)}
        title={`Go to ${f.sheet}!${f.cell}`}
        data-testid="finding"
        data-severity={f.severity}
      >
        <span className={styles.icon}>
          <SeverityIcon severity={f.severity} />
        </span>
        <span className={styles.text}>
          <span>{inScreenWords(f.message)}</span>
          {said && <span className={styles.figures}>{said}</span>}
          <span className={styles.cell}>
            {f.sheet}!{f.cell}
          </span>
        </span>
      </button>
      {action?.(f)}
    </>
  );
}

/** Several findings of one kind in one table, as one line that opens to them. */
function FoldedRow({ summary, findings, onGo, action, style }: Row & { summary: string }) {
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  const severity = findings[0].severity;
  return (
    <>
      <button
        type="button"
        className={styles.row}
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        data-testid="finding-fold"
        data-severity={severity}
      >
        <span className={styles.icon}>
          <SeverityIcon severity={severity} />
        </span>
        <span className={styles.text}>
          <span>{summary}</span>
          <span className={styles.figures}>{open ? 'Hide the list' : `Show all ${findings.length}`}</span>
        </span>
        <span className={styles.icon} aria-hidden="true">
          {open ? <ChevronDown16Regular /> : <ChevronRight16Regular />}
        </span>
      </button>
      {open && (
        <ul className={mergeClasses(styles.list, styles.folded)} aria-label={summary}>
          {findings.map((f, i) => (
            <li key={`${f.rule}|${f.sheet}|${f.cell}|${i}`} className={styles.item}>
              <FindingRow finding={f} onGo={onGo} action={action} style={style} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function FindingList({
  findings,
  onGo,
  action,
  style,
}: {
  findings: Finding[];
  onGo: (f: Finding) => void;
  /** Something to do with each finding besides going to it (Accept…, Reopen), shown under its row. */
  action?: (f: Finding) => React.ReactNode;
  /** How the findings' table prints its figures, when they are all of one table. */
  style?: FigureStyle;
}) {
  const styles = useStyles();
  return (
    <ul className={styles.list}>
      {foldFindings(findings).map((line, i) =>
        'finding' in line ? (
          <li key={`${line.finding.rule}|${line.finding.sheet}|${line.finding.cell}|${i}`} className={styles.item}>
            <FindingRow finding={line.finding} onGo={onGo} action={action} style={style} />
          </li>
        ) : (
          <li key={`fold|${line.rule}|${line.table}|${i}`} className={styles.item}>
            <FoldedRow summary={line.summary} findings={line.findings} onGo={onGo} action={action} style={style} />
          </li>
        ),
      )}
    </ul>
  );
}
