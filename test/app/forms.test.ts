import { PlanCheckApp } from '../../src/app';
import { generateTable } from '../../src/app/engine';
import {
  defaultValues,
  financialYear,
  GENERATE_FORMS,
  parseForm,
  parseLines,
  parseNumber,
  splitFigures,
} from '../../src/app/generateForms';
import { errorSentence, shortReason } from '../../src/app/messages';
import { bandFor, matrixView, textOn } from '../../src/app/riskView';
import { seedGrid } from '../../src/samples/seeds';
import { FakePort } from './fakePort';

const JUNE_2025 = new Date(2025, 5, 1);

describe('the Generate forms', () => {
  it('reads figures as finance officers type them', () => {
    expect(parseNumber('£1,234')).toBe(1234);
    expect(parseNumber('(28)')).toBe(-28);
    expect(parseNumber('3.5%')).toBe(3.5);
    expect(parseNumber('-0.5')).toBe(-0.5);
    expect(parseNumber('lots')).toBeNull();
    expect(parseNumber('')).toBeNull();
  });

  it('names the financial year a date falls in (April to March)', () => {
    expect(financialYear(new Date(2025, 2, 31))).toBe('2024/25');
    expect(financialYear(new Date(2025, 3, 1))).toBe('2025/26');
    expect(financialYear(new Date(2099, 6, 1))).toBe('2099/00');
  });

  it('fills the uplift and cash limits from the workbook settings', () => {
    const settings = {
      uplift: { inflation: 4, growth: 1.5 },
      cashLimits: { '2025/26': 100, '2026/27': 101, '2027/28': 102, '2028/29': 103, '2029/30': 104 },
    };
    const values = defaultValues('budget', settings, JUNE_2025);
    expect(values).toMatchObject({
      firstYear: '2025/26',
      inflation: '4',
      growth: '1.5',
      cashLimit: '100, 101, 102, 103, 104',
    });
    expect(defaultValues('budget', { cashLimits: { '2025/26': 100 } }, JUNE_2025).cashLimit).toBe('');
  });

  it('says which field to fix, in a sentence', () => {
    expect(parseForm('savings', { firstYear: '2025/26', budget: '100, 2x0', savings: '1, 2' })).toEqual({
      ok: false,
      error: 'Budget by year (£000): "2x0" is not a number.',
    });
    expect(parseForm('budget', { ...defaultValues('budget', {}, JUNE_2025), lines: '' })).toEqual({
      ok: false,
      error: 'Fill in budget lines, with their base-year budget (£000).',
    });
    expect(
      parseForm('budget', { ...defaultValues('budget', {}, JUNE_2025), lines: 'Home care, 1,000', years: '0' }),
    ).toEqual({
      ok: false,
      error: 'The number of years should be a whole number from 1 to 30.',
    });
    // Everything missing at once, not one field at a time.
    expect(parseForm('costBenefit', defaultValues('costBenefit', {}, JUNE_2025))).toEqual({
      ok: false,
      error: 'Fill in costs by year (£000) and benefits by year (£000).',
    });
  });

  it.each(GENERATE_FORMS.map((f) => [f.kind]))(
    'the %s form starts with no made-up figure: empty fields show examples',
    (kind) => {
      const values = defaultValues(kind, {}, JUNE_2025);
      const form = GENERATE_FORMS.find((f) => f.kind === kind)!;
      // Every field a figure or a name of the user's own is empty, an example shown in its place.
      const own = form.fields.filter((f) => f.example && f.key !== 'firstYear');
      expect(own.length).toBeGreaterThan(0);
      for (const f of own) expect(values[f.key] ?? '').toBe('');
      expect(parseForm(kind, values).ok).toBe(false);
      // The examples are what the form reads: typed in, they build a real table with the real generator.
      const typed = { ...values };
      for (const f of form.fields) if (!typed[f.key] && f.example && !f.optional) typed[f.key] = f.example;
      const parsed = parseForm(kind, typed);
      if (!parsed.ok) throw new Error(parsed.error);
      const built = generateTable(kind, parsed.input, { sheet: 'Out', row: 2, col: 1 });
      expect(built.columns.length).toBeGreaterThan(0);
      expect(built.rows.length).toBeGreaterThan(0);
      expect(built.spec.anchor).toEqual({ sheet: 'Out', row: 2, col: 1 });
      expect(built.spec.cells.flat().some((c) => c?.formula)).toBe(true);
    },
  );

  it('the preview of the real budget projection shows the years and the grown figures', () => {
    const app = new PlanCheckApp(new FakePort({ Plan: [['x']] }));
    const result = app.preview('budget', {
      ...defaultValues('budget', {}, JUNE_2025),
      lines: 'Net budget, 1,000',
      inflation: '10',
      growth: '0',
    });
    if (!result.ok) throw new Error(result.error);
    expect(result.value.columns).toEqual(expect.arrayContaining(['2025/26', '2029/30']));
    expect(result.value.rows.flatMap((r) => r.values)).toContain('1,100');
  });
});

describe('lists of figures, typed as finance officers type them', () => {
  it('takes commas in the figures when a comma and a space come between them', () => {
    expect(splitFigures('4,000, 3,500, 3,000')).toEqual(['4,000', '3,500', '3,000']);
    expect(splitFigures('500, 1200, 800')).toEqual(['500', '1200', '800']);
    expect(splitFigures('500,1200,800')).toEqual(['500', '1200', '800']);
    expect(splitFigures('4000; 3500;3000')).toEqual(['4000', '3500', '3000']);
    expect(splitFigures('4,000\t(3,500)\t3,000')).toEqual(['4,000', '(3,500)', '3,000']);
  });

  it('a savings envelope typed with thousands commas previews its own figures', () => {
    const parsed = parseForm('savings', {
      firstYear: '2025/26',
      budget: '120,000, 123,600, 127,300',
      savings: '4,000, 3,500, 3,000',
    });
    expect(parsed).toEqual({
      ok: true,
      input: { firstYear: '2025/26', budget: [120000, 123600, 127300], savings: [4000, 3500, 3000] },
    });
  });
});

describe('a budget projection of several lines, with pressures', () => {
  it('reads one line a row, the name then the figure, as typed or pasted from Excel', () => {
    expect(parseLines('Residential care, 42,000\nHome care\t18,500\n\nDay services, commissioned: (1,200)')).toEqual({
      ok: true,
      lines: [
        { label: 'Residential care', base: 42000 },
        { label: 'Home care', base: 18500 },
        { label: 'Day services, commissioned', base: -1200 },
      ],
    });
  });

  it('says which row to fix, and a line given twice', () => {
    expect(parseLines('Residential care, 42,000\nHome care')).toEqual({
      ok: false,
      error: 'Budget lines: row 2 ("Home care") needs a name, then a comma, then its figure, e.g. "Home care, 12,000".',
    });
    expect(parseLines('Home care, 1\nhome care, 2')).toEqual({
      ok: false,
      error: 'Budget lines: "home care" is given twice; give each line once.',
    });
  });

  it('projects each line, totals them, and adds the pressures typed by year', () => {
    const app = new PlanCheckApp(new FakePort({ Plan: [['x']] }));
    const result = app.preview('budget', {
      ...defaultValues('budget', {}, JUNE_2025),
      lines: 'Residential care, 40,000\nHome care, 10,000',
      years: '3',
      inflation: '10',
      growth: '0',
      pressures: '500, 600, 700',
      cashLimit: '',
    });
    if (!result.ok) throw new Error(result.error);
    const row = (label: RegExp) => result.value.rows.find((r) => label.test(r.label))?.values;
    expect(row(/^Residential care/)).toEqual(expect.arrayContaining(['44,000', '48,400', '53,240']));
    expect(row(/^Home care/)).toEqual(expect.arrayContaining(['11,000', '12,100', '13,310']));
    expect(row(/pressures/i)).toEqual(expect.arrayContaining(['500', '600', '700']));
  });

  it('a pressures list of the wrong length is said as what to correct', () => {
    const app = new PlanCheckApp(new FakePort({ Plan: [['x']] }));
    const result = app.preview('budget', {
      ...defaultValues('budget', {}, JUNE_2025),
      lines: 'Home care, 10,000',
      pressures: '500, 600',
    });
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error).toMatch(/Pressures has 2 figures but the projection has 5 years/);
  });
});

describe('risk colours and matrices', () => {
  const bands = [
    { name: 'Low', min: 1, max: 3, color: '#92D050' },
    { name: 'Moderate', min: 4, max: 6, color: '#FFFF00' },
    { name: 'High', min: 8, max: 12, color: '#FFC000' },
  ];

  it('finds a score’s band', () => {
    expect(bandFor(2, bands)?.name).toBe('Low');
    expect(bandFor(8, bands)?.name).toBe('High');
    expect(bandFor(7, bands)?.name).toBe('Moderate');
  });

  it('reads the engine’s matrix, and falls back to the preset for what it lacks', () => {
    expect(matrixView({ name: 'custom 3x3', size: 3, bands })).toMatchObject({
      name: 'custom 3x3',
      likelihood: ['1', '2', '3'],
      bands,
    });
    expect(matrixView({}, '3x3').likelihood).toEqual(['Low', 'Medium', 'High']);
  });

  it('writes black on light fills and white on dark ones', () => {
    expect(textOn('#FFFF00')).toBe('#000000');
    expect(textOn('#203864')).toBe('#FFFFFF');
  });
});

describe('sentences', () => {
  it('keeps a reason short', () => {
    expect(shortReason(new Error('x'.repeat(500))).length).toBeLessThanOrEqual(140);
    expect(shortReason(null)).toBe('something unexpected went wrong');
    expect(errorSentence(new Error('Out of memory.'))).toBe(
      'PlanCheck could not finish: Out of memory. Nothing in the workbook was changed.',
    );
  });
});

describe('the real engine behind the controller', () => {
  it('validates the Manchester 2009 financial plan in one read and marks the cells it names', async () => {
    const port = new FakePort({ Plan: seedGrid('manchester-2009-financial-plan').rows });
    const app = new PlanCheckApp(port);
    await app.showInWorkbook(true);
    const result = await app.validate();
    if (!result.ok) throw new Error(result.error);
    expect(port.count('read')).toBe(1);
    expect(result.value.tables).toBeGreaterThan(0);
    expect(result.value.findings.some((f) => /Services for Older People/.test(f.message))).toBe(true);
    const cells = new Set(result.value.findings.map((f) => `${f.sheet}!${f.cell}`));
    expect(port.marked.map((m) => `${m.sheet}!${m.cell}`).sort()).toEqual([...cells].sort());
  });
});
