/** Settings kept with the workbook: rounding tolerance, uplift, cash limits per year, risk matrix, style of new tables. */
import { Button, Field, Input, makeStyles, Select, Subtitle2, Text } from '@fluentui/react-components';
import { Add16Regular, Delete16Regular } from '@fluentui/react-icons';
import { useEffect, useRef, useState } from 'react';
import type { Settings } from '../engine/settings';
import {
  formProblems,
  fromForm,
  hasProblems,
  matrixHint,
  toForm,
  type SettingsForm as Form,
} from '../app/settingsForm';
import { usePane } from './pane';
import { fieldGrid } from './sharedStyles';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px' },
  // Two fields side by side whose boxes line up however their labels wrap (fieldGrid).
  pair: { ...fieldGrid.fields, gridTemplateColumns: 'repeat(auto-fit, minmax(8em, 1fr))', marginBottom: '-8px' },
  paired: fieldGrid.field,
  limit: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr) auto', gap: '8px', alignItems: 'end' },
  input: { width: '100%', minWidth: 0 },
});

export function SettingsView() {
  const styles = useStyles();
  const { app, busy, run, show } = usePane();
  const [base, setBase] = useState<Settings | null>(null);
  const [form, setForm] = useState<Form | null>(null);
  /** After a refused save, every field's problem shows (an empty field's too), not only those typed in. */
  const [tried, setTried] = useState(false);

  const load = async () => {
    const s = await run(() => app.loadSettings(), 'Reading the settings kept with the workbook…');
    if (s) {
      setBase(s);
      setForm(toForm(s));
    }
  };
  // Read them when the tab is first opened.
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const save = async () => {
    if (!form || !base) return;
    const next = fromForm(form, base);
    if (!next) {
      setTried(true);
      show({ intent: 'error', text: 'Settings not saved: correct the fields marked below.' });
      return;
    }
    setTried(false);
    const saved = await run(() => app.saveSettings(next), 'Saving the settings with the workbook…');
    if (saved) setBase(saved);
  };

  if (!form) {
    return (
      <div className={styles.root}>
        <Text>Settings are kept with the workbook, so they travel with it.</Text>
        <div>
          <Button appearance="primary" onClick={load} disabled={busy}>
            Load settings
          </Button>
        </div>
      </div>
    );
  }

  const set = (patch: Partial<Form>) => setForm({ ...form, ...patch });
  const problems = formProblems(form);
  /** A field's problem, shown beside it once something is typed there or a save was refused. */
  const said = (problem: string | undefined, text: string) =>
    problem && (tried || text.trim() !== '') ? { validationState: 'error' as const, validationMessage: problem } : {};
  const setLimit = (i: number, patch: Partial<Form['limits'][number]>) =>
    set({ limits: form.limits.map((l, j) => (i === j ? { ...l, ...patch } : l)) });

  return (
    <div className={styles.root}>
      <Subtitle2 as="h3">Rounding</Subtitle2>
      <Text size={200}>
        A total may differ from the sum of its printed lines by half a unit per non-zero figure (0.5 for whole £000)
        before it counts as an error. Left empty, the allowance follows each table’s printed digits.
      </Text>
      <div className={styles.pair}>
        <Field label="Allowance per figure" className={styles.paired} {...said(problems.perFigure, form.perFigure)}>
          <Input
            className={styles.input}
            value={form.perFigure}
            placeholder="automatic"
            onChange={(_e, d) => set({ perFigure: d.value })}
          />
        </Field>
        <Field label="Extra allowance" className={styles.paired} {...said(problems.absolute, form.absolute || ' ')}>
          <Input className={styles.input} value={form.absolute} onChange={(_e, d) => set({ absolute: d.value })} />
        </Field>
      </div>
      <Subtitle2 as="h3">Uplift</Subtitle2>
      <Text size={200}>
        A line rising faster than inflation plus growth is a warning. Left empty, PlanCheck uses cells labelled
        “Inflation” and “Demographic growth” in the workbook, and judges no rise when there are none.
      </Text>
      <div className={styles.pair}>
        <Field label="Inflation (% a year)" className={styles.paired} {...said(problems.inflation, form.inflation)}>
          <Input
            className={styles.input}
            value={form.inflation}
            placeholder="not set"
            onChange={(_e, d) => set({ inflation: d.value })}
          />
        </Field>
        <Field label="Demographic growth (% a year)" className={styles.paired} {...said(problems.growth, form.growth)}>
          <Input
            className={styles.input}
            value={form.growth}
            placeholder="not set"
            onChange={(_e, d) => set({ growth: d.value })}
          />
        </Field>
      </div>
      <Subtitle2 as="h3">Cash limits</Subtitle2>
      <Text size={200}>The council’s cash limit for each year, in the plan’s units.</Text>
      {form.limits.map((l, i) => (
        <div key={i} className={styles.limit}>
          <Field label="Year" {...said(problems.limits[i]?.year, l.year)}>
            <Input
              className={styles.input}
              value={l.year}
              placeholder="2025/26"
              onChange={(_e, d) => setLimit(i, { year: d.value })}
            />
          </Field>
          <Field label="Cash limit" {...said(problems.limits[i]?.figure, l.figure)}>
            <Input className={styles.input} value={l.figure} onChange={(_e, d) => setLimit(i, { figure: d.value })} />
          </Field>
          <Button
            icon={<Delete16Regular />}
            aria-label={`Remove the cash limit for ${l.year || 'this year'}`}
            onClick={() => set({ limits: form.limits.filter((_x, j) => j !== i) })}
          />
        </div>
      ))}
      <div>
        <Button icon={<Add16Regular />} onClick={() => set({ limits: [...form.limits, { year: '', figure: '' }] })}>
          Add a year
        </Button>
      </div>
      <Subtitle2 as="h3">Risk matrix</Subtitle2>
      <Field label="Matrix" hint={matrixHint(form.preset, base?.risk?.bands)}>
        <Select
          className={styles.input}
          select={{ className: styles.input }}
          value={form.preset}
          onChange={(_e, d) => set({ preset: d.value })}
        >
          <option value="nhs5x5">NHS 5×5</option>
          <option value="4x4">4×4</option>
          <option value="3x3">3×3</option>
          {base?.risk?.bands && <option value="custom">The council’s own</option>}
        </Select>
      </Field>
      <Subtitle2 as="h3">New tables</Subtitle2>
      <Field label="Style of new tables">
        <Select
          className={styles.input}
          select={{ className: styles.input }}
          value={form.style}
          onChange={(_e, d) => set({ style: d.value === 'plain' ? 'plain' : 'house' })}
        >
          <option value="house">The workbook’s own (like its main plan table)</option>
          <option value="plain">PlanCheck’s plain</option>
        </Select>
      </Field>
      <div>
        <Button appearance="primary" onClick={save} disabled={busy || (tried && hasProblems(problems))}>
          Save settings
        </Button>
      </div>
    </div>
  );
}
