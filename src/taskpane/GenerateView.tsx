/** Generate: four tables as live formulas, each from a short form, previewed before it is inserted. */
import {
  Button,
  Dropdown,
  Field,
  Input,
  makeStyles,
  mergeClasses,
  Option,
  Radio,
  RadioGroup,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import type { GenerateKind } from '../app/contract';
import { defaultValues, formFor, GENERATE_FORMS } from '../app/generateForms';
import { usePane } from './pane';
import { WideTable } from './WideTable';
import { figureTable } from './sharedStyles';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px' },
  fields: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(8em, 100%), 1fr))',
    gap: '8px 12px',
    alignItems: 'start',
  },
  // Each field's label, box and hint sit on rows shared across the form's row of fields, so the
  // boxes line up whether or not a label wraps or a hint is given.
  field: { display: 'grid', gridTemplateRows: 'subgrid', gridRowEnd: 'span 3', rowGap: '2px', alignContent: 'start' },
  input: { width: '100%', minWidth: 0 },
  full: { width: '100%', minWidth: 0, maxWidth: '100%' },
  wide: { gridColumn: '1 / -1' },
  ...figureTable,
  problem: { color: tokens.colorPaletteRedForeground1 },
  summary: { margin: 0, display: 'grid', gridTemplateColumns: 'auto 1fr', gap: '2px 12px' },
  dd: { margin: 0 },
});

export function GenerateView() {
  const styles = useStyles();
  const { app, busy, run } = usePane();
  const [kind, setKind] = useState<GenerateKind>('budget');
  const [values, setValues] = useState<Record<string, string>>(() => defaultValues('budget', app.knownSettings()));
  const [placement, setPlacement] = useState<'selection' | 'new-sheet'>('new-sheet');
  const form = formFor(kind);
  const preview = useMemo(() => app.preview(kind, values), [app, kind, values]);

  const choose = (k: GenerateKind) => {
    setKind(k);
    setValues(defaultValues(k, app.knownSettings()));
  };

  return (
    <div className={styles.root}>
      <Field label="Table to generate">
        <Dropdown
          className={styles.full}
          value={form.title}
          selectedOptions={[kind]}
          onOptionSelect={(_e, data) => data.optionValue && choose(data.optionValue as GenerateKind)}
        >
          {GENERATE_FORMS.map((f) => (
            <Option key={f.kind} value={f.kind}>
              {f.title}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Text>{form.description}</Text>
      <div className={styles.fields}>
        {form.fields.map((f) => (
          <Field
            key={f.key}
            label={f.label}
            hint={f.hint}
            className={mergeClasses(
              styles.field,
              (f.type === 'numbers' || f.type === 'text' || f.type === 'lines') && styles.wide,
            )}
          >
            {f.type === 'lines' ? (
              <Textarea
                className={styles.input}
                resize="vertical"
                rows={Math.min(8, Math.max(3, (values[f.key] ?? '').split('\n').length + 1))}
                value={values[f.key] ?? ''}
                onChange={(_e, data) => setValues({ ...values, [f.key]: data.value })}
              />
            ) : (
              <Input
                className={styles.input}
                value={values[f.key] ?? ''}
                onChange={(_e, data) => setValues({ ...values, [f.key]: data.value })}
              />
            )}
          </Field>
        ))}
      </div>
      <Subtitle2 as="h3">Preview</Subtitle2>
      {preview.ok ? (
        <>
          <WideTable className={styles.scroll} label="The preview table">
            <Table
              className={styles.table}
              size="extra-small"
              aria-label={`${preview.value.title} preview`}
              data-testid="preview"
            >
              <TableHeader>
                <TableRow>
                  <TableHeaderCell />
                  {preview.value.columns.map((c, i) => (
                    <TableHeaderCell key={i} className={styles.num}>
                      {c}
                    </TableHeaderCell>
                  ))}
                </TableRow>
              </TableHeader>
              <TableBody>
                {preview.value.rows.map((r, i) => (
                  <TableRow key={i}>
                    <TableCell className={styles.label}>{r.label}</TableCell>
                    {r.values.map((v, j) => (
                      <TableCell key={j} className={styles.num}>
                        {v}
                      </TableCell>
                    ))}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </WideTable>
          {preview.value.summary.length > 0 && (
            <dl className={styles.summary}>
              {preview.value.summary.map((s) => (
                <div key={s.name} style={{ display: 'contents' }}>
                  <dt>{s.name}</dt>
                  <dd className={styles.dd}>{s.value}</dd>
                </div>
              ))}
            </dl>
          )}
        </>
      ) : (
        <Text className={styles.problem} role="alert">
          {preview.error}
        </Text>
      )}
      <Field label="Where">
        <RadioGroup value={placement} onChange={(_e, data) => setPlacement(data.value as 'selection' | 'new-sheet')}>
          <Radio value="new-sheet" label="On a new sheet" />
          <Radio value="selection" label="At the selected cell" />
        </RadioGroup>
      </Field>
      <div>
        <Button
          appearance="primary"
          disabled={busy || !preview.ok}
          onClick={() => run(() => app.generate(kind, values, placement), `Inserting the ${form.title.toLowerCase()}…`)}
        >
          Insert
        </Button>
      </div>
    </div>
  );
}
