/**
 * Tables: what PlanCheck found (range, kind, column roles), shown on the sheet on request, and the
 * user's word over its guess (kind, header rows, column roles, or "not a table"), kept with the workbook.
 */
import {
  Badge,
  Button,
  Card,
  CardHeader,
  Dropdown,
  Field,
  Input,
  makeStyles,
  Option,
  Subtitle2,
  Text,
  tokens,
} from '@fluentui/react-components';
import { ArrowUndo16Regular, Dismiss16Regular, Eye16Regular, Save16Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { TableView, TablesView as Found } from '../app/controller';
import type { TableMapping } from '../engine/settings';
import { TABLE_KIND_NAMES } from '../engine/tables/types';
import { usePane } from './pane';

const KINDS: Record<string, string> = { ...TABLE_KIND_NAMES, 'not-a-table': 'Not a table' };

const ROLES: Record<string, string> = {
  ref: 'Reference',
  label: 'Line name',
  year: 'Figure for a year',
  figure: 'Figure',
  total: 'Total',
  gross: 'Gross cash limit',
  net: 'Net cash limit',
  source: 'Funding source name',
  funding: 'Funding for a year',
  ratio: 'Percentage or ratio (never summed)',
  flag: 'Flag (Y/N)',
  text: 'Text',
  likelihood: 'Likelihood',
  impact: 'Impact',
  score: 'Score',
  rating: 'Rating',
  owner: 'Owner',
  controls: 'Controls',
  date: 'Date',
  own: 'Own council',
  comparator: 'Comparator council',
  average: 'Comparator average',
  variance: 'Variance',
  rank: 'Rank',
  count: 'Count',
  polarity: 'Polarity',
  ignore: 'Ignore',
};

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: '8px' },
  card: { maxWidth: '100%', minWidth: 0 },
  full: { width: '100%', minWidth: 0, maxWidth: '100%' },
  columns: {
    display: 'grid',
    gridTemplateColumns: '2em minmax(0, 1fr) minmax(7.5em, 11em)',
    gap: '4px 8px',
    alignItems: 'center',
    // In a narrow pane each column's role goes under its header, so the header reads whole.
    '@media (max-width: 480px)': { gridTemplateColumns: '2em minmax(0, 1fr)' },
  },
  letter: { fontFamily: tokens.fontFamilyMonospace },
  // A header wraps between words (a long word breaks only where it must), never cut short.
  header: { whiteSpace: 'normal', overflowWrap: 'anywhere', minWidth: 0 },
  role: {
    minWidth: 0,
    width: '100%',
    '@media (max-width: 480px)': { gridColumnStart: 2, marginBottom: '4px' },
  },
  hidden: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '6px' },
  hiddenRow: { display: 'flex', flexWrap: 'wrap', gap: '8px', alignItems: 'center' },
  muted: { color: tokens.colorNeutralForeground3 },
});

function parseRows(text: string): number[] | null {
  const parts = text.split(/[,\s]+/).filter(Boolean);
  const rows = parts.map(Number);
  return parts.length > 0 && rows.every((r) => Number.isInteger(r) && r > 0) ? rows : null;
}

function TableCard({
  table,
  saved,
  onSave,
  onForget,
}: {
  table: TableView;
  saved?: TableMapping;
  onSave: (m: TableMapping) => void;
  onForget: (t: TableView) => void;
}) {
  const styles = useStyles();
  const { app, busy, run } = usePane();
  const [kind, setKind] = useState(saved?.kind ?? table.kind);
  const [headerRows, setHeaderRows] = useState((saved?.headerRows ?? table.headerRows).join(', '));
  const [roles, setRoles] = useState<Record<string, string>>(() => ({
    ...Object.fromEntries(table.columns.map((c) => [c.letter, c.role])),
    ...(saved?.roles ?? {}),
  }));
  const rows = parseRows(headerRows);
  const where = `${table.sheet}!${table.range}`;

  const save = () => {
    if (!rows && kind !== 'not-a-table') return;
    if (kind === 'not-a-table') {
      onSave({ sheet: table.sheet, range: table.range, kind });
      return;
    }
    const changed = Object.fromEntries(
      Object.entries(roles).filter(
        ([letter, role]) => table.columns.find((c) => c.letter === letter)?.role !== role || saved?.roles?.[letter],
      ),
    );
    onSave({ sheet: table.sheet, range: table.range, kind, headerRows: rows ?? undefined, roles: changed });
  };

  return (
    <Card className={styles.card} aria-label={`Table ${where}`} data-testid="table-card">
      <CardHeader
        header={<Text weight="semibold">{where}</Text>}
        description={
          <Text size={200} className={styles.muted}>
            {[table.title, KINDS[table.kind] ?? table.kind].filter(Boolean).join(' · ')}
            {table.mapped ? ' · as you corrected it' : ''}
          </Text>
        }
        action={table.mapped ? <Badge appearance="tint">Yours</Badge> : undefined}
      />
      <div className={styles.actions}>
        <Button
          size="small"
          icon={<Eye16Regular />}
          onClick={() => run(() => app.showTable(table), `Showing ${where} on the sheet…`)}
          disabled={busy}
        >
          Show on sheet
        </Button>
        <Button
          size="small"
          icon={<Dismiss16Regular />}
          onClick={() => run(() => app.clearMarks(), 'Clearing the highlight…')}
          disabled={busy}
        >
          Clear highlight
        </Button>
      </div>
      <Field label="Kind of table">
        <Dropdown
          className={styles.full}
          value={KINDS[kind] ?? kind}
          selectedOptions={[kind]}
          onOptionSelect={(_e, data) => data.optionValue && setKind(data.optionValue)}
        >
          {Object.entries(KINDS).map(([value, label]) => (
            <Option key={value} value={value}>
              {label}
            </Option>
          ))}
        </Dropdown>
      </Field>
      {kind !== 'not-a-table' && (
        <>
          <Field
            label="Header rows"
            hint="Sheet row numbers, for example 4, 5"
            validationState={rows ? 'none' : 'error'}
            validationMessage={rows ? undefined : 'Give row numbers separated by commas.'}
          >
            <Input className={styles.full} value={headerRows} onChange={(_e, data) => setHeaderRows(data.value)} />
          </Field>
          <div className={styles.columns} role="group" aria-label={`Column roles of ${where}`}>
            {table.columns.map((c) => (
              <div key={c.letter} style={{ display: 'contents' }}>
                <Text className={styles.letter}>{c.letter}</Text>
                <Text className={styles.header} title={c.header}>
                  {c.header || '(no header)'}
                </Text>
                <Dropdown
                  className={styles.role}
                  size="small"
                  aria-label={`Role of column ${c.letter}`}
                  value={ROLES[roles[c.letter]] ?? roles[c.letter]}
                  selectedOptions={[roles[c.letter]]}
                  onOptionSelect={(_e, data) =>
                    data.optionValue && setRoles({ ...roles, [c.letter]: data.optionValue })
                  }
                >
                  {Object.entries(ROLES).map(([value, label]) => (
                    <Option key={value} value={value}>
                      {label}
                    </Option>
                  ))}
                </Dropdown>
              </div>
            ))}
          </div>
        </>
      )}
      <div className={styles.actions}>
        <Button
          appearance="primary"
          icon={<Save16Regular />}
          onClick={save}
          disabled={busy || (!rows && kind !== 'not-a-table')}
        >
          Save
        </Button>
        {saved && (
          <Button icon={<ArrowUndo16Regular />} onClick={() => onForget(table)} disabled={busy}>
            Use PlanCheck’s reading
          </Button>
        )}
      </div>
    </Card>
  );
}

export function TablesView() {
  const styles = useStyles();
  const { app, busy, run } = usePane();
  const [found, setFound] = useState<Found | null>(null);
  // Bumped on every load, so each card starts from what was read.
  const [generation, setGeneration] = useState(0);

  const load = async () => {
    const v = await run(() => app.tables(), 'Finding the tables…');
    if (v) {
      setFound(v);
      setGeneration((g) => g + 1);
    }
  };
  const reloadAfter = async (action: () => ReturnType<typeof app.saveTableMapping>, doing: string) => {
    const settings = await run(action, doing);
    if (!settings) return;
    // Read again with the correction applied, keeping the note that says it was saved.
    const v = await app.tables();
    if (v.ok) {
      setFound(v.value);
      setGeneration((g) => g + 1);
    }
  };
  const save = (m: TableMapping) => reloadAfter(() => app.saveTableMapping(m), 'Saving your correction…');
  const forget = (t: Pick<TableMapping, 'sheet' | 'range'>) =>
    reloadAfter(() => app.forgetTableMapping(t), 'Going back to PlanCheck’s reading…');
  const hidden = found?.mappings.filter((m) => m.kind === 'not-a-table') ?? [];

  return (
    <div className={styles.root}>
      <Text>
        The tables PlanCheck found, and how it reads them. Where it guessed wrong, correct it and save: your word is
        kept with the workbook and used every time.
      </Text>
      <div>
        <Button appearance="primary" onClick={load} disabled={busy}>
          {found ? 'Find tables again' : 'Find tables'}
        </Button>
      </div>
      {found && found.tables.length === 0 && <Text>No tables found.</Text>}
      {found?.tables.map((t) => (
        <TableCard
          key={`${generation}|${t.id}`}
          table={t}
          saved={found.mappings.find((m) => m.sheet === t.sheet && m.range === t.range)}
          onSave={save}
          onForget={forget}
        />
      ))}
      {hidden.length > 0 && (
        <section aria-label="Not tables">
          <Subtitle2 as="h3">Marked “not a table”</Subtitle2>
          <ul className={styles.hidden}>
            {hidden.map((m) => (
              <li key={`${m.sheet}!${m.range}`} className={styles.hiddenRow}>
                <Text>
                  {m.sheet}!{m.range}
                </Text>
                <Button size="small" icon={<ArrowUndo16Regular />} onClick={() => forget(m)} disabled={busy}>
                  Read it again
                </Button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
