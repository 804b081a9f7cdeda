/** Risk registers shown each on its own matrix, with matrix names as users read them and labels that break where a printer would. */
import { buildRegisterViews, matrixName, softHyphens } from '../../src/app/riskView';
import { inScreenWords } from '../../src/app/messages';
import { PRESETS } from '../../src/engine/risk/matrix';

describe('register views', () => {
  it('names matrices in words, not by their keys', () => {
    expect(matrixName('nhs5x5')).toBe('NHS 5×5');
    expect(matrixName('3x3')).toBe('3×3');
    expect(matrixName('custom')).toBe('the council’s own');
  });

  it('gives each register its own heat map on its own matrix and its own ranked list', () => {
    const views = buildRegisterViews(
      {
        registers: [
          {
            sheet: 'Small',
            range: 'A1:C4',
            matrix: '3x3',
            scoring: PRESETS['3x3'],
            risks: [
              { id: 'R1', row: 2, likelihood: 3, impact: 3, score: 9 },
              { id: 'R2', row: 3, likelihood: 1, impact: 2, score: 2 },
            ],
          },
          {
            sheet: 'Big',
            range: 'A1:F3',
            matrix: 'nhs5x5',
            risks: [{ id: 'R1', row: 2, likelihood: 5, impact: 4, score: 20 }],
          },
        ],
        findings: [],
      } as never,
      PRESETS.nhs5x5,
    );
    expect(views.map((v) => [v.sheet, v.matrixName, v.heatMap.rows.length, v.heatMap.rows[0].length])).toEqual([
      ['Small', '3×3', 3, 3],
      ['Big', 'NHS 5×5', 5, 5],
    ]);
    expect(views[0].ranked.map((r) => r.id)).toEqual(['R1', 'R2']);
    expect(views[1].ranked.map((r) => r.id)).toEqual(['R1']);
    expect(views[0].heatMap.rows[0][2].ids).toEqual(['R1']);
  });

  it('offers a hyphen in long words only, between consonants near the middle', () => {
    expect(softHyphens('Catastrophic')).toBe('Catas\u00ADtrophic');
    expect(softHyphens('Almost certain')).toBe('Almost certain');
    expect(softHyphens('Possible')).toBe('Possible');
  });
});

describe('finding sentences in the words of the screens', () => {
  it('names matrices and settings as the pane does', () => {
    expect(inScreenWords('which is Extreme (15-25) on the NHS 5×5 matrix')).toBe(
      'which is Extreme (15-25) on the NHS 5×5 matrix',
    );
    expect(inScreenWords('is not on the 3x3 scale')).toBe('is not on the 3×3 scale');
    expect(inScreenWords('give them in the settings under "risk" so')).toBe('give them in Settings › Risk matrix so');
    expect(inScreenWords('say which is your council (settings: benchmark.own), or')).toBe(
      'say which is your council (Benchmarks tab › Your council), or',
    );
    expect(inScreenWords('Risk register 5x5!A4')).toBe('Risk register 5x5!A4');
  });
});
