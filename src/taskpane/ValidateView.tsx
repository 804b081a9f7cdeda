/** Validate: run the checks, see what they found by sheet and table, go to a cell, tidy up. */
import { Badge, Button, makeStyles, Spinner, Subtitle2, Text, tokens } from '@fluentui/react-components';
import { ArrowUndo16Regular, DocumentAdd16Regular, Play16Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { ValidationView } from '../app/controller';
import type { Finding } from '../engine/findings';
import { FindingList } from './FindingList';
import { usePane } from './pane';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: '8px' },
  summary: { display: 'flex', flexWrap: 'wrap', gap: '8px', alignItems: 'center' },
  group: { display: 'flex', flexDirection: 'column', gap: '4px' },
  groupTitle: { color: tokens.colorNeutralForeground2 },
  where: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

function s(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function ValidateView() {
  const styles = useStyles();
  const { app, busy, run, show } = usePane();
  const [view, setView] = useState<ValidationView | null>(null);

  const validate = async () => {
    const v = await run(() => app.validate());
    if (v) setView(v);
  };
  const goTo = async (f: Finding) => {
    const done = await run(() => app.goTo(f));
    if (done !== undefined) show({ intent: 'info', text: `Selected ${f.sheet}!${f.cell}.` });
  };

  return (
    <div className={styles.root}>
      <div className={styles.actions}>
        <Button appearance="primary" icon={<Play16Regular />} onClick={validate} disabled={busy}>
          Validate
        </Button>
        <Button onClick={() => run(() => app.clearMarks())} disabled={busy}>
          Clear highlights
        </Button>
        <Button icon={<DocumentAdd16Regular />} onClick={() => run(() => app.insertReport())} disabled={busy}>
          Add report sheet
        </Button>
        <Button icon={<ArrowUndo16Regular />} onClick={() => run(() => app.undo())} disabled={busy}>
          Undo last insert
        </Button>
      </div>
      {busy && <Spinner size="tiny" label="Working…" />}
      {!view && !busy && (
        <Text>
          Validate checks that funding adds up to each cash limit, totals equal their lines, net stays within gross and
          the plan stays inside the council’s cash limit. Problem cells are highlighted; click a finding to go to it.
        </Text>
      )}
      {view && (
        <>
          <div className={styles.summary} aria-label="Summary">
            <Text weight="semibold">
              {view.workbook}: {s(view.tables, 'table')} checked
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
          {view.groups.map((g) => (
            <section key={g.key} className={styles.group} aria-label={`${g.sheet} ${g.table ?? ''}`}>
              <Subtitle2 as="h3" className={styles.groupTitle}>
                {g.sheet}
                {g.table ? <span className={styles.where}> · table {g.table}</span> : null}
              </Subtitle2>
              <FindingList findings={g.findings} onGo={goTo} />
            </section>
          ))}
        </>
      )}
    </div>
  );
}
