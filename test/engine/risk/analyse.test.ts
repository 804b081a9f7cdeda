import type { Finding } from '../../../src/engine/findings';
import { snapshotFromRows } from '../../../src/engine/grid';
import { analyseRisks, parseDate } from '../../../src/engine/risk';
import { readTables } from '../../../src/engine/tables';
import { seedGrid, type SeedName } from '../../../src/samples/seeds';
import { fiveByFive, plantedFiveByFive, seedRegister } from './fixtures';

const TODAY = new Date(2025, 5, 1);

function at(findings: Finding[], rule: string, cell: string): Finding[] {
  return findings.filter((f) => f.rule === rule && f.cell === cell);
}

describe('a 5x5 register in words', () => {
  const f = fiveByFive();
  const result = analyseRisks(f.wb, f.read, {}, { today: TODAY });
  const reg = result.registers[0];
  const findings = result.findings;

  test('scored on NHS 5x5 from its words', () => {
    expect(result.registers).toHaveLength(1);
    expect(reg.matrix).toBe('nhs5x5');
    expect(reg.columns).toMatchObject({
      id: 0,
      description: 1,
      likelihood: 2,
      impact: 3,
      score: 4,
      rating: 5,
      owner: 9,
    });
    expect(reg.columns.residual).toEqual({ likelihood: 6, impact: 7, score: 8 });
    const r1 = reg.risks[0];
    expect(r1).toMatchObject({ id: 'R1', row: 5, likelihood: 4, impact: 4, score: 16, band: 'Extreme' });
    expect(r1.stated).toEqual({ score: 16, band: 'Extreme' });
    expect(r1.residual).toMatchObject({ likelihood: 3, impact: 4, score: 12, band: 'High' });
    expect(at(findings, 'risk.score', 'E5')).toEqual([]);
  });

  test('a wrong stated score, at the score cell, with the figures', () => {
    const [s] = at(findings, 'risk.score', 'E6');
    expect(s.severity).toBe('error');
    expect(s.message).toBe(
      "Risk R2's stated score is 12, but likelihood possible (3) × impact Moderate (3) is 9 (High)",
    );
    expect(s).toMatchObject({ expected: 9, actual: 12, difference: 3, related: ['C6', 'D6'] });
  });

  test('a wrong rating, at the rating cell', () => {
    const [r] = at(findings, 'risk.rating', 'F7');
    expect(r.message).toBe(
      'Risk R3 is rated Extreme, but likelihood unlikely (2) × impact MINOR (2) is 4, which is Moderate (4-6) on the NHS 5×5 matrix',
    );
    expect(r.severity).toBe('warning');
    expect(findings.filter((x) => x.rule === 'risk.rating').map((x) => x.cell)).toEqual(['F7']);
  });

  test('a missing owner, at the owner cell', () => {
    const [o] = at(findings, 'risk.owner', 'J8');
    expect(o.message).toBe('Risk R4 has no owner: the Risk owner cell is blank');
  });

  test('missing controls, at the controls cell', () => {
    expect(at(findings, 'risk.controls', 'K10')[0].message).toBe(
      'Risk R6 has no controls recorded under Existing controls',
    );
  });

  test('review dates passed, as text and as an Excel serial number', () => {
    expect(at(findings, 'risk.review-date', 'L9')[0].message).toBe(
      "Risk R5's review date 01/04/2020 has passed (today is 01/06/2025)",
    );
    expect(at(findings, 'risk.review-date', 'L10')[0].message).toBe(
      "Risk R6's review date 31/03/2020 has passed (today is 01/06/2025)",
    );
    expect(findings.filter((x) => x.rule === 'risk.review-date')).toHaveLength(2);
  });

  test('a residual score above the inherent one', () => {
    const [r] = at(findings, 'risk.residual', 'I11');
    expect(r.severity).toBe('error');
    expect(r.message).toBe(
      "Risk R7's residual score of 9 is above its inherent score of 4: controls should bring a risk down, not up",
    );
    expect(findings.filter((x) => x.rule === 'risk.residual')).toHaveLength(1);
  });

  test('a level "7" off the scale: not scored', () => {
    const [l] = at(findings, 'risk.level', 'C12');
    expect(l.severity).toBe('error');
    expect(l.message).toBe(
      'Risk R8\'s likelihood "7" is not on the NHS 5×5 matrix\'s scale of 1 to 5 (Rare to Almost certain), so it cannot be scored',
    );
    const r8 = reg.risks.find((r) => r.id === 'R8')!;
    expect(r8.score).toBeNull();
    expect(r8.unscorable).toMatch(/likelihood "7" is not on the NHS 5×5 scale/);
  });

  test('a missing impact: said, never guessed', () => {
    const [u] = at(findings, 'risk.unscorable', 'D13');
    expect(u.message).toBe('Risk R9 has no impact, so its score cannot be worked out: PlanCheck does not guess one');
    const r9 = reg.risks.find((r) => r.id === 'R9')!;
    expect(r9).toMatchObject({
      likelihood: 4,
      impact: null,
      score: null,
      band: null,
      unscorable: 'no impact is given',
    });
  });

  test('nothing else is flagged on the correct risk', () => {
    expect(findings.filter((x) => /R1\b/.test(x.message))).toEqual([]);
    expect(findings.every((x) => x.sheet === 'Risks' && x.table === 'Risks!A3:L13')).toBe(true);
  });

  test('the council matrix makes a wrong rating an error', () => {
    const strict = analyseRisks(f.wb, f.read, { risk: { preset: 'nhs5x5' } }, { today: TODAY });
    expect(at(strict.findings, 'risk.rating', 'F7')[0].severity).toBe('error');
  });

  test('invalid settings: one finding, and the register still scored', () => {
    const bad = analyseRisks(f.wb, f.read, { risk: { preset: '7x7' } }, { today: TODAY });
    expect(bad.registers[0].matrix).toBe('nhs5x5');
    const [m] = bad.findings.filter((x) => x.rule === 'risk.matrix');
    expect(m.message).toMatch(/The risk matrix set in Settings cannot be used.*"7x7" is not one PlanCheck knows/);
  });
});

describe('dates', () => {
  test('text and serial numbers', () => {
    expect(parseDate('31/03/2010')?.toISOString().slice(0, 10)).toBe('2010-03-31');
    expect(parseDate('1/4/10')?.toISOString().slice(0, 10)).toBe('2010-04-01');
    expect(parseDate('2010-03-31')?.toISOString().slice(0, 10)).toBe('2010-03-31');
    expect(parseDate('31 March 2010')?.toISOString().slice(0, 10)).toBe('2010-03-31');
    expect(parseDate(40268)?.toISOString().slice(0, 10)).toBe('2010-03-31');
    expect(parseDate('31/02/2010')).toBeNull();
    expect(parseDate('Ongoing')).toBeNull();
  });
});

/** Both routes to the same findings: the hand-built table, and the reader on the seed grid. */
function seedAnalyses(name: SeedName) {
  const viaFixture = (() => {
    const f = seedRegister(name);
    return analyseRisks(f.wb, f.read, {}, { today: TODAY });
  })();
  const viaReader = (() => {
    const wb = { name: 'seed.xlsx', sheets: [snapshotFromRows('Risks', seedGrid(name).rows)], names: [] };
    return analyseRisks(wb, readTables(wb), {}, { today: TODAY });
  })();
  return { viaFixture, viaReader };
}

describe.each(['fixture', 'reader'] as const)('Manchester 2009 business risk register (%s)', (route) => {
  const { viaFixture, viaReader } = seedAnalyses('manchester-2009-business-risk-register');
  const result = route === 'fixture' ? viaFixture : viaReader;

  test('scored on 3x3 from its H/M/L letters', () => {
    expect(result.registers).toHaveLength(1);
    const reg = result.registers[0];
    expect(reg.matrix).toBe('3x3');
    expect(reg.range).toBe('A3:I8');
    expect(reg.risks.map((r) => [r.id, r.likelihood, r.impact, r.score, r.band, r.stated.band])).toEqual([
      ['1', 2, 3, 6, 'High', 'Medium'],
      ['2', 2, 3, 6, 'High', 'Medium'],
      ['3', 3, 3, 9, 'High', 'High'],
      ['4', 3, 2, 6, 'High', 'Medium'],
      ['5', 2, 3, 6, 'High', 'Medium'],
    ]);
  });

  test('four stated ratings disagree with the 3x3 bands', () => {
    const ratings = result.findings.filter((f) => f.rule === 'risk.rating' && f.severity === 'warning');
    expect(ratings.map((f) => f.cell)).toEqual(['F4', 'F5', 'F7', 'F8']);
    expect(ratings[0].message).toBe(
      'Risk 1 is rated "M" (Medium), but likelihood M (2) × impact H (3) is 6, which is High (6-9) on the 3×3 matrix',
    );
    expect(ratings[2].message).toBe(
      'Risk 4 is rated "M" (Medium), but likelihood H (3) × impact M (2) is 6, which is High (6-9) on the 3×3 matrix',
    );
    const [summary] = result.findings.filter((f) => f.rule === 'risk.rating' && f.severity === 'info');
    expect(summary.cell).toBe('F3');
    expect(summary.message).toMatch(
      /^4 of 5 stated ratings differ from the 3×3 bands \(Low 1-2, Medium 3-4, High 6-9\)/,
    );
  });

  test('the Lead column is blank for every risk', () => {
    expect(result.findings.filter((f) => f.rule === 'risk.owner').map((f) => f.cell)).toEqual([
      'I4',
      'I5',
      'I6',
      'I7',
      'I8',
    ]);
  });

  test('on the council 3x3 matrix with 3-6 Medium, the ratings agree', () => {
    const wb = {
      name: 'seed.xlsx',
      sheets: [snapshotFromRows('Risks', seedGrid('manchester-2009-business-risk-register').rows)],
      names: [],
    };
    const read = route === 'reader' ? readTables(wb) : seedRegister('manchester-2009-business-risk-register').read;
    const own = analyseRisks(
      wb,
      read,
      {
        risk: {
          scale: ['Low', 'Medium', 'High'],
          bands: [
            { name: 'Low', min: 1, max: 2, color: '#92D050' },
            { name: 'Medium', min: 3, max: 6, color: '#FFC000' },
            { name: 'High', min: 7, max: 9, color: '#FF0000' },
          ],
        },
      },
      { today: TODAY },
    );
    expect(own.registers[0].matrix).toBe('custom 3x3');
    expect(own.findings.filter((f) => f.rule === 'risk.rating')).toEqual([]);
    // All consistent: the only findings left are the five blank leads, one per risk.
    expect(own.findings.map((f) => [f.rule, f.severity, f.cell])).toEqual([
      ['risk.owner', 'warning', 'I4'],
      ['risk.owner', 'warning', 'I5'],
      ['risk.owner', 'warning', 'I6'],
      ['risk.owner', 'warning', 'I7'],
      ['risk.owner', 'warning', 'I8'],
    ]);
    expect(own.registers[0].risks.map((r) => r.band)).toEqual(own.registers[0].risks.map((r) => r.stated.band));
  });
});

describe.each(['fixture', 'reader'] as const)('Birmingham 2008 programme risks (%s)', (route) => {
  const { viaFixture, viaReader } = seedAnalyses('birmingham-2008-programme-risks');
  const result = route === 'fixture' ? viaFixture : viaReader;

  test('probability but no impact: one finding per risk at its description, every risk unscorable', () => {
    const reg = result.registers[0];
    expect(reg.risks).toHaveLength(12);
    expect(reg.risks.every((r) => r.score === null && r.unscorable === 'it gives probability but no impact')).toBe(
      true,
    );
    const perRisk = result.findings.filter((f) => f.rule === 'risk.unscorable' && f.severity === 'warning');
    expect(perRisk).toHaveLength(12);
    expect(perRisk.map((f) => f.cell)).toEqual(reg.risks.map((r) => `A${r.row}`));
    expect(perRisk.map((f) => f.cell)).toEqual(Array.from({ length: 12 }, (_, i) => `A${i + 4}`));
    expect(perRisk[2].message).toBe(
      'Risk 3 (Staff will not react well to changes) cannot be scored: the register gives its probability (M) but no impact',
    );
    expect(perRisk[0].message).toBe(
      'Risk 1 (Insufficient internal resources with the right skills...) cannot be scored: the register gives its probability (M) but no impact',
    );
    expect(perRisk[6].message).toMatch(
      /^Risk 7 \(Delays in policy setting will delay the programme\) .* probability \(H\)/,
    );
    expect(perRisk.every((f) => f.table === 'Risks!A3:C15')).toBe(true);
  });

  test('one note at the register header says which column to add', () => {
    const notes = result.findings.filter((f) => f.rule === 'risk.unscorable' && f.severity === 'info');
    expect(notes).toHaveLength(1);
    expect(notes[0].cell).toBe('B3');
    expect(notes[0].message).toBe(
      'The register at Risks!A3:C15 cannot be scored: it gives probability but no impact, so none of its 12 risks has a score. Add an impact (consequence) column to score them.',
    );
    expect(result.findings.filter((f) => f.rule === 'risk.owner').map((f) => f.severity)).toEqual(['info']);
  });

  test('nothing else is flagged, and the heat map and ranked list still build', () => {
    expect(new Set(result.findings.map((f) => f.rule))).toEqual(new Set(['risk.unscorable', 'risk.owner']));
  });
});

describe.each(['fixture', 'reader'] as const)('Manchester 2009 strategic risks (%s)', (route) => {
  const { viaFixture, viaReader } = seedAnalyses('manchester-2009-strategic-risks');
  const result = route === 'fixture' ? viaFixture : viaReader;

  test('ratings only: read on their first word, not scored', () => {
    const reg = result.registers[0];
    expect(reg.matrix).toBe('3x3');
    expect(reg.risks.map((r) => r.stated.band)).toEqual(['High', 'High', 'High', 'Low', 'Medium', 'Low', 'Low']);
    expect(result.findings.filter((f) => f.rule === 'risk.rating')).toEqual([]);
    const [u] = result.findings.filter((f) => f.rule === 'risk.unscorable' && f.severity === 'info');
    expect(u.cell).toBe('C3');
    expect(u.message).toMatch(/gives no likelihood or impact, so none of its 7 risks has a score/);
    const perRisk = result.findings.filter((f) => f.rule === 'risk.unscorable' && f.severity === 'warning');
    expect(perRisk).toHaveLength(7);
    expect(perRisk[0].message).toBe(
      'Risk S1 (Personalisation agenda: increased demand, fraud...) cannot be scored: the register gives no likelihood or impact (it is rated "High")',
    );
  });
});

describe.each(['fixture', 'reader'] as const)('a 5x5 register with five planted mistakes (%s)', (route) => {
  const f = plantedFiveByFive();
  const read = route === 'fixture' ? f.read : readTables(f.wb);
  const result = analyseRisks(f.wb, read, {}, { today: TODAY });
  const reg = result.registers[0];
  const rowOf = (id: string) => reg.risks.find((r) => r.id === id)?.row;

  test('read as one NHS 5x5 register of ten risks', () => {
    expect(result.registers).toHaveLength(1);
    expect(reg.matrix).toBe('nhs5x5');
    expect(reg.risks.map((r) => r.id)).toEqual(['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8', 'R9', 'R10']);
    expect(reg.risks.map((r) => r.row)).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
  });

  test('exactly the five planted findings, each at its row, and nothing else', () => {
    expect(result.findings.map((x) => [x.rule, x.severity, x.cell])).toEqual([
      ['risk.score', 'error', 'E5'],
      ['risk.rating', 'warning', 'F7'],
      ['risk.level', 'error', 'C8'],
      ['risk.unscorable', 'warning', 'D9'],
      ['risk.owner', 'warning', 'G10'],
    ]);
    expect([rowOf('R2'), rowOf('R4'), rowOf('R5'), rowOf('R6'), rowOf('R7')]).toEqual([5, 7, 8, 9, 10]);
    const messages = result.findings.map((x) => x.message);
    expect(messages).toEqual([
      "Risk R2's stated score is 15, but likelihood 3 × impact 4 is 12 (High)",
      'Risk R4 is rated High, but likelihood 2 × impact 2 is 4, which is Moderate (4-6) on the NHS 5×5 matrix',
      'Risk R5\'s likelihood "7" is not on the NHS 5×5 matrix\'s scale of 1 to 5 (Rare to Almost certain), so it cannot be scored',
      'Risk R6 has no impact, so its score cannot be worked out: PlanCheck does not guess one',
      'Risk R7 has no owner: the Owner cell is blank',
    ]);
  });

  test('the clean risks get no finding and are scored as stated', () => {
    const cleanRows = ['R1', 'R3', 'R8', 'R9', 'R10'].map(rowOf);
    const rowsFlagged = result.findings.map((x) => Number(x.cell.replace(/^[A-Z]+/, '')));
    expect(rowsFlagged.filter((r) => cleanRows.includes(r))).toEqual([]);
    for (const id of ['R1', 'R3', 'R8', 'R9', 'R10']) {
      const r = reg.risks.find((x) => x.id === id)!;
      expect(r.score).toBe(r.stated.score);
      expect(r.band).toBe(r.stated.band);
    }
  });

  test('the unscorable risks are not guessed', () => {
    expect(reg.risks.find((r) => r.id === 'R5')).toMatchObject({ likelihood: null, impact: 3, score: null });
    expect(reg.risks.find((r) => r.id === 'R6')).toMatchObject({ likelihood: 4, impact: null, score: null });
  });

  test('on the council matrix named in the settings the wrong band is an error, and nothing else changes', () => {
    const strict = analyseRisks(f.wb, read, { risk: { preset: 'nhs5x5' } }, { today: TODAY });
    expect(strict.findings.map((x) => [x.rule, x.severity, x.cell])).toEqual([
      ['risk.score', 'error', 'E5'],
      ['risk.rating', 'error', 'F7'],
      ['risk.level', 'error', 'C8'],
      ['risk.unscorable', 'warning', 'D9'],
      ['risk.owner', 'warning', 'G10'],
    ]);
  });
});
