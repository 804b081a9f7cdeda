/**
 * Generate: four tables as live formulas, each from a short form, previewed before it is inserted
 * on a new sheet, at the selected cell, or (the budget projection) into a table of the workbook,
 * the council's own template (src/app/templateFill.ts).
 */
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
import { useEffect, useMemo, useRef, useState } from 'react';
import type { GenerateKind } from '../app/contract';
import { defaultValues, formFor, GENERATE_FORMS } from '../app/generateForms';
import type { GenerateStart } from '../app/planStart';
import { fillsTemplates, type TemplateOutcome, type TemplatePlan } from '../app/templateFill';
import { Outcome, UndoInsert } from './InsertOutcome';
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
  // The labels take what the figures leave, and wrap; a figure stays on one line ("-7.2%", "£1.9m").
  summary: { margin: 0, display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) auto', gap: '2px 12px' },
  dd: { margin: 0, whiteSpace: 'nowrap', textAlign: 'right' },
  template: { display: 'flex', flexDirection: 'column', gap: '8px' },
  plain: { margin: 0, paddingLeft: '1.2em' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: '8px', alignItems: 'flex-start' },
  source: { display: 'flex', flexDirection: 'column', gap: '4px', alignItems: 'flex-start' },
});

/** Where the budget form's lines came from: the plan (and that the projection will refer to it), or that there is none. */
function PlanSourceNote({ start, onTake }: { start: GenerateStart | null | undefined; onTake: () => void }) {
  const styles = useStyles();
  const { busy } = usePane();
  const plan = start?.plan;
  return (
    <div className={styles.source} data-testid="plan-source">
      <Text>
        {start === undefined
          ? 'Looking for the plan in the workbook…'
          : plan
            ? `${plan.lines} ${plan.lines === 1 ? 'line' : 'lines'} of the plan at ${plan.table}` +
              `${plan.title ? ` (${plan.title})` : ''}, with their ${plan.baseYear} figures (${plan.cells}). ` +
              'Inserted, the base figures are formulas to those cells, so the projection follows the plan.'
            : 'No plan in this workbook (a table of budget lines by year): type the lines and their figures, ' +
              "or select a cell in a plan's table and take its lines."}
      </Text>
      <Button size="small" disabled={busy} onClick={onTake}>
        Take the lines from the selected table
      </Button>
    </div>
  );
}

type Where = 'selection' | 'new-sheet' | 'template';

/** The form's lines the template has no line for, and what the user can do about them. */
function unplacedSentence(plan: TemplatePlan): string {
  const list = plan.unplaced ?? [];
  const one = list.length === 1;
  const what = `Not in the template, so not written: ${list.join(', ')} (the form's ${one ? 'line' : 'lines'}).`;
  return plan.questions.length > 0
    ? `${what} Choose ${one ? 'it' : 'one'} below for a template line, or add ${one ? 'it' : 'them'} to the template.`
    : `${what} Add ${one ? 'it' : 'them'} to the template to fill ${one ? 'it' : 'them'}.`;
}

/**
 * Into a table of the workbook: the template chosen from the selection, what PlanCheck matched in
 * it and asks about, and Fill; a template that cannot take the table is said at the field.
 */
function TemplateTarget({ kind, values }: { kind: GenerateKind; values: Record<string, string> }) {
  const styles = useStyles();
  const { app, busy, run } = usePane();
  const [plan, setPlan] = useState<TemplatePlan | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [toAnswer, setToAnswer] = useState<string | null>(null);
  const title = formFor(kind).title.toLowerCase();

  const show = (outcome: TemplateOutcome) => {
    if ('refused' in outcome) {
      setRefused(outcome.refused);
    } else {
      setRefused(null);
      setPlan(outcome.plan);
    }
  };

  const choose = async () => {
    const outcome = await run(() => app.planTemplateFill({ kind, values }), 'Reading the selected table…');
    if (!outcome) return;
    // Another table: its own questions, none answered yet.
    if ('refused' in outcome) setPlan(null);
    else setAnswers({});
    setToAnswer(null);
    show(outcome);
  };

  // The form changed (another first year, another line): the plan is made again for the same table,
  // once typing pauses, so the workbook is not read again at every keystroke.
  const typed = useRef(values);
  useEffect(() => {
    if (typed.current === values || !plan) return;
    typed.current = values;
    let stale = false;
    const timer = setTimeout(() => {
      void app.planTemplateFill({ kind, values, table: plan.table }).then((r) => {
        if (!stale && r.ok) show(r.value);
      });
    }, 300);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
    // Only when what was typed changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [values]);

  const fill = async () => {
    if (!plan) return;
    setToAnswer(null);
    const filled = await run(
      () => app.fillTemplate({ kind, values, answers, table: plan.table }),
      `Filling the ${title} into ${plan.table.sheet}!${plan.table.range}…`,
      'generate',
    );
    if (!filled) return;
    if ('refused' in filled) setRefused(filled.refused);
    else if ('unanswered' in filled) {
      setPlan(filled.plan);
      setToAnswer(filled.unanswered);
    } else setPlan(filled.plan);
  };

  return (
    <div className={styles.template} data-testid="template-target">
      <Field
        label="Template table"
        hint={plan || refused ? undefined : "Select a cell in the template's table, then use it."}
        validationState={refused ? 'error' : plan ? 'success' : 'none'}
        validationMessage={refused ?? (plan ? `${plan.table.sheet}!${plan.table.range}` : undefined)}
      >
        <div>
          <Button disabled={busy} onClick={() => void choose()}>
            Use the selected table
          </Button>
        </div>
      </Field>
      {plan && !refused && (
        <>
          <Text>
            Years: {plan.years.join(', ')}. {plan.assumptions}
          </Text>
          {plan.lines.length > 0 && (
            <ul className={styles.plain} aria-label="Lines matched">
              {plan.lines.map((l) => (
                <li key={l.line}>
                  {l.line}: from {l.from}
                </li>
              ))}
            </ul>
          )}
          {plan.unplaced && plan.unplaced.length > 0 && (
            <Text data-testid="template-unplaced">{unplacedSentence(plan)}</Text>
          )}
          {plan.questions.map((q) => (
            <Field key={q.line} label={`Fill “${q.line}” from`}>
              <Dropdown
                className={styles.full}
                placeholder="A projection line, or leave empty"
                value={q.options.find((o) => o.value === answers[q.line])?.text ?? ''}
                selectedOptions={answers[q.line] ? [answers[q.line]] : []}
                onOptionSelect={(_e, data) => {
                  if (data.optionValue === undefined) return;
                  setAnswers({ ...answers, [q.line]: data.optionValue });
                  setToAnswer(null);
                }}
              >
                {q.options.map((o) => (
                  <Option key={o.value} value={o.value}>
                    {o.text}
                  </Option>
                ))}
              </Dropdown>
            </Field>
          ))}
        </>
      )}
      {toAnswer && (
        <Text className={styles.problem} role="alert">
          {toAnswer}
        </Text>
      )}
      <div className={styles.actions}>
        <Button appearance="primary" disabled={busy || !plan || !!refused} onClick={() => void fill()}>
          Fill
        </Button>
        <UndoInsert at="generate" />
      </div>
    </div>
  );
}

export function GenerateView() {
  const styles = useStyles();
  const { app, busy, run } = usePane();
  const [kind, setKind] = useState<GenerateKind>('budget');
  const [values, setValues] = useState<Record<string, string>>(() => defaultValues('budget', app.knownSettings()));
  // The plan the budget form starts from: undefined while it is looked for, null when there is none.
  const [start, setStart] = useState<GenerateStart | null | undefined>(undefined);
  const typed = useRef(false);
  const [placement, setPlacement] = useState<Where>('new-sheet');
  const form = formFor(kind);
  const preview = useMemo(() => app.preview(kind, values), [app, kind, values]);
  const where: Where = placement === 'template' && !fillsTemplates(kind) ? 'new-sheet' : placement;
  const empty = form.fields.some((f) => !f.optional && !(values[f.key] ?? '').trim());

  const startFrom = (k: GenerateKind, from: GenerateStart | null | undefined) =>
    k === 'budget' && from
      ? { ...defaultValues(k, app.knownSettings()), ...from.values }
      : defaultValues(k, app.knownSettings());

  // Opened: the workbook's plan, unless the user has typed in the meantime.
  useEffect(() => {
    let gone = false;
    void app.generateStart().then((r) => {
      if (gone) return;
      const found = r.ok ? r.value : null;
      setStart(found);
      if (!typed.current) setValues((v) => (found?.plan ? { ...v, ...found.values } : v));
    });
    return () => {
      gone = true;
    };
  }, [app]);

  const choose = (k: GenerateKind) => {
    setKind(k);
    setValues(startFrom(k, start));
  };

  const take = async () => {
    const found = await run(() => app.generateStart(true), 'Reading the selected table…');
    if (!found) return;
    setStart(found);
    setValues({ ...values, ...found.values });
  };

  const type = (key: string, value: string) => {
    typed.current = true;
    setValues({ ...values, [key]: value });
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
      {kind === 'budget' && <PlanSourceNote start={start} onTake={() => void take()} />}
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
                placeholder={f.example}
                value={values[f.key] ?? ''}
                onChange={(_e, data) => type(f.key, data.value)}
              />
            ) : (
              <Input
                className={styles.input}
                placeholder={f.example}
                value={values[f.key] ?? ''}
                onChange={(_e, data) => type(f.key, data.value)}
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
      ) : empty ? (
        // Nothing typed yet is not a mistake: said plainly, not as an error.
        <Text data-testid="preview-waiting">
          The preview shows here once you {preview.error.replace(/^Fill in/, 'fill in')}
        </Text>
      ) : (
        <Text className={styles.problem} role="alert">
          {preview.error}
        </Text>
      )}
      <Field label="Where">
        <RadioGroup value={where} onChange={(_e, data) => setPlacement(data.value as Where)}>
          <Radio value="new-sheet" label="On a new sheet" />
          <Radio value="selection" label="At the selected cell" />
          {fillsTemplates(kind) && <Radio value="template" label="Into a table of the workbook" />}
        </RadioGroup>
      </Field>
      {where === 'template' ? (
        <TemplateTarget key={kind} kind={kind} values={values} />
      ) : (
        <div className={styles.actions}>
          <Button
            appearance="primary"
            disabled={busy}
            onClick={() =>
              run(() => app.generate(kind, values, where), `Inserting the ${form.title.toLowerCase()}…`, 'generate')
            }
          >
            Insert
          </Button>
          <UndoInsert at="generate" />
        </div>
      )}
      <Outcome at="generate" />
    </div>
  );
}
