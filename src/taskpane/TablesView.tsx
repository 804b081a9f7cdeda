/** Tables: what PlanCheck found, and the user's word over its guess (kind, header rows, column roles). */
import {
  Button,
  Card,
  CardHeader,
  Dropdown,
  Field,
  Input,
  makeStyles,
  Option,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { TableView, TablesView as Found } from '../app/controller';
import type { TableMapping } from '../engine/settings';
import { usePane } from './pane';

const KINDS: Record<string, string> = {
  'financial-plan': 'Financial plan (lines, years, funding sources)',
  'spend-funding': 'Spend and funding',
  'totals-grid': 'Figures with totals',
  'savings-envelope': 'Savings envelope',
  'cost-benefit': 'Costs and benefits',
  'risk-register': 'Risk register',
  comparator: 'Comparison with other councils',
  list: 'List of figures (no totals)',
  'not-a-table': 'Not a table',
};

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
  columns: { display: 'grid', gridTemplateColumns: '2.5em 1fr 11em', gap: '4px 8px', alignItems: 'center' },
  letter: { fontFamily: tokens.fontFamilyMonospace },
  header: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  role: { minWidth: 'unset', width: '11em' },
});

function parseRows(text: string): number[] | null {
  const parts = text.split(/[,\s]+/).filter(Boolean);
  const rows = parts.map(Number);
  return rows.every((r) => Number.isInteger(r) && r > 0) ? rows : null;
}

function TableCard({
  table,
  saved,
  onSave,
}: {
  table: TableView;
  saved?: TableMapping;
  onSave: (m: TableMapping) => void;
}) {
  const styles = useStyles();
  const { busy } = usePane();
  const [kind, setKind] = useState(saved?.kind ?? table.kind);
  const [headerRows, setHeaderRows] = useState((saved?.headerRows ?? table.headerRows).join(', '));
  const [roles, setRoles] = useState<Record<string, string>>(() => ({
    ...Object.fromEntries(table.columns.map((c) => [c.letter, c.role])),
    ...(saved?.roles ?? {}),
  }));
  const rows = parseRows(headerRows);

  const save = () => {
    if (!rows) return;
    const changed = Object.fromEntries(
      Object.entries(roles).filter(
        ([letter, role]) => table.columns.find((c) => c.letter === letter)?.role !== role || saved?.roles?.[letter],
      ),
    );
    onSave({ sheet: table.sheet, range: table.range, kind, headerRows: rows, roles: changed });
  };

  return (
    <Card>
      <CardHeader
        header={
          <Text weight="semibold">
            {table.sheet}!{table.range}
          </Text>
        }
        description={table.title ? <Text size={200}>{table.title}</Text> : undefined}
      />
      <Field label="Kind of table">
        <Dropdown
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
            <Input value={headerRows} onChange={(_e, data) => setHeaderRows(data.value)} />
          </Field>
          <div className={styles.columns} role="group" aria-label="Column roles">
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
      <div>
        <Button appearance="primary" onClick={save} disabled={busy || !rows}>
          Save
        </Button>
      </div>
    </Card>
  );
}

export function TablesView() {
  const styles = useStyles();
  const { app, busy, run } = usePane();
  const [found, setFound] = useState<Found | null>(null);

  const load = async () => {
    const v = await run(() => app.tables());
    if (v) setFound(v);
  };
  const save = async (m: TableMapping) => {
    const settings = await run(() => app.saveTableMapping(m));
    if (settings && found) setFound({ ...found, mappings: settings.tables ?? [] });
  };

  return (
    <div className={styles.root}>
      <Text>
        The tables PlanCheck found, and how it reads them. Where it guessed wrong, correct it and save: your word is
        kept with the workbook.
      </Text>
      <div>
        <Button appearance="primary" onClick={load} disabled={busy}>
          Find tables
        </Button>
      </div>
      {found && found.tables.length === 0 && <Text>No tables found.</Text>}
      {found?.tables.map((t) => (
        <TableCard
          key={t.id}
          table={t}
          saved={found.mappings.find((m) => m.sheet === t.sheet && m.range === t.range)}
          onSave={save}
        />
      ))}
    </div>
  );
}
