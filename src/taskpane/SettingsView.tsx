/** Settings kept with the workbook: rounding tolerance, uplift, cash limits per year, risk matrix. */
import { Button, Field, Input, makeStyles, Select, Subtitle2, Text } from '@fluentui/react-components';
import { Add16Regular, Delete16Regular } from '@fluentui/react-icons';
import { useEffect, useRef, useState } from 'react';
import type { Settings } from '../engine/settings';
import { parseNumber } from '../app/generateForms';
import { usePane } from './pane';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px' },
  pair: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(8em, 1fr))', gap: '8px 12px' },
  limit: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr) auto', gap: '8px', alignItems: 'end' },
  input: { width: '100%', minWidth: 0 },
});

interface Form {
  perFigure: string;
  absolute: string;
  inflation: string;
  growth: string;
  limits: { year: string; figure: string }[];
  preset: string;
}

function toForm(s: Settings): Form {
  return {
    // Empty means "not set": rounding then follows each table's printed digits, and no uplift is judged.
    perFigure: s.rounding?.perFigure === undefined ? '' : String(s.rounding.perFigure),
    absolute: String(s.rounding?.absolute ?? 0),
    inflation: s.uplift?.inflation === undefined ? '' : String(s.uplift.inflation),
    growth: s.uplift?.growth === undefined ? '' : String(s.uplift.growth),
    limits: Object.entries(s.cashLimits ?? {}).map(([year, figure]) => ({ year, figure: String(figure) })),
    preset: s.risk?.preset ?? (s.risk?.bands ? 'custom' : 'nhs5x5'),
  };
}

/** The settings from the form, or the sentence saying what to fix. */
function fromForm(form: Form, base: Settings): Settings | string {
  const n = (text: string, what: string): number | string => parseNumber(text) ?? `${what} should be a number.`;
  /** An optional figure: undefined when left empty. */
  const opt = (text: string, what: string): number | string | undefined =>
    text.trim() === '' ? undefined : n(text, what);
  const perFigure = opt(form.perFigure, 'Rounding per figure');
  const absolute = n(form.absolute, 'Extra rounding allowance');
  const inflation = opt(form.inflation, 'Inflation');
  const growth = opt(form.growth, 'Growth');
  for (const v of [perFigure, absolute, inflation, growth]) if (typeof v === 'string') return v;
  const cashLimits: Record<string, number> = {};
  for (const l of form.limits) {
    if (!l.year.trim() && !l.figure.trim()) continue;
    if (!/^\d{4}[/-]\d{2}$/.test(l.year.trim())) return `Write the year like 2025/26 ("${l.year}").`;
    const figure = parseNumber(l.figure);
    if (figure === null) return `The cash limit for ${l.year} should be a number.`;
    cashLimits[l.year.trim().replace('-', '/')] = figure;
  }
  const risk =
    form.preset === 'custom' ? base.risk : { ...base.risk, preset: form.preset, scale: undefined, bands: undefined };
  const rounding: Settings['rounding'] = { absolute: absolute as number };
  if (perFigure !== undefined) rounding.perFigure = perFigure as number;
  const next: Settings = { ...base, rounding, cashLimits, risk };
  delete next.uplift;
  if (inflation !== undefined || growth !== undefined) {
    next.uplift = {};
    if (inflation !== undefined) next.uplift.inflation = inflation as number;
    if (growth !== undefined) next.uplift.growth = growth as number;
  }
  return next;
}

export function SettingsView() {
  const styles = useStyles();
  const { app, busy, run, show } = usePane();
  const [base, setBase] = useState<Settings | null>(null);
  const [form, setForm] = useState<Form | null>(null);

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
    if (typeof next === 'string') {
      show({ intent: 'error', text: next });
      return;
    }
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
        <Field label="Allowance per figure">
          <Input
            className={styles.input}
            value={form.perFigure}
            placeholder="automatic"
            onChange={(_e, d) => set({ perFigure: d.value })}
          />
        </Field>
        <Field label="Extra allowance">
          <Input className={styles.input} value={form.absolute} onChange={(_e, d) => set({ absolute: d.value })} />
        </Field>
      </div>
      <Subtitle2 as="h3">Uplift</Subtitle2>
      <Text size={200}>
        A line rising faster than inflation plus growth is a warning. Left empty, PlanCheck uses cells labelled
        “Inflation” and “Demographic growth” in the workbook, and judges no rise when there are none.
      </Text>
      <div className={styles.pair}>
        <Field label="Inflation (% a year)">
          <Input
            className={styles.input}
            value={form.inflation}
            placeholder="not set"
            onChange={(_e, d) => set({ inflation: d.value })}
          />
        </Field>
        <Field label="Demographic growth (% a year)">
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
          <Field label="Year">
            <Input
              className={styles.input}
              value={l.year}
              placeholder="2025/26"
              onChange={(_e, d) => setLimit(i, { year: d.value })}
            />
          </Field>
          <Field label="Cash limit">
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
      <Field label="Matrix">
        <Select
          className={styles.input}
          select={{ className: styles.input }}
          value={form.preset}
          onChange={(_e, d) => set({ preset: d.value })}
        >
          <option value="nhs5x5">NHS 5×5 (Low, Moderate, High, Extreme)</option>
          <option value="4x4">4×4</option>
          <option value="3x3">3×3 (High, Medium, Low)</option>
          {base?.risk?.bands && <option value="custom">The council’s own (from the workbook)</option>}
        </Select>
      </Field>
      <div>
        <Button appearance="primary" onClick={save} disabled={busy}>
          Save settings
        </Button>
      </div>
    </div>
  );
}
