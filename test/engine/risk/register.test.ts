import { classifyRiskHeader, mapRegisterColumns } from '../../../src/engine/risk';
import type { ColumnRole, FoundTable } from '../../../src/engine/tables';

function table(headers: (string | [string, ColumnRole])[]): FoundTable {
  return {
    id: 'R!A1:Z9',
    sheet: 'R',
    range: 'A1:Z9',
    top: 0,
    left: 0,
    bottom: 9,
    right: headers.length - 1,
    kind: 'risk-register',
    headerRows: [0],
    unit: { label: null, multiplier: 1 },
    columns: headers.map((h, col) => ({
      col,
      letter: String.fromCharCode(65 + col),
      header: Array.isArray(h) ? h[0] : h,
      role: Array.isArray(h) ? h[1] : 'text',
    })),
    rows: [],
  };
}

describe('columns from header text', () => {
  test('Manchester 2009 business risk register', () => {
    const cols = mapRegisterColumns(
      table([
        'Rank',
        'Risk Description',
        'Consequence Description',
        'C',
        'L',
        'Risk Rating',
        'Existing Controls Description',
        'A/R',
        'Lead',
      ]),
    );
    expect(cols).toEqual({ id: 0, description: 1, impact: 3, likelihood: 4, rating: 5, controls: 6, owner: 8 });
  });

  test('Birmingham 2008: probability and management', () => {
    expect(mapRegisterColumns(table(['Risk', 'Probability', 'Management']))).toEqual({
      description: 0,
      likelihood: 1,
      controls: 2,
    });
  });

  test('inherent, residual and target sets from two-row headers', () => {
    const cols = mapRegisterColumns(
      table([
        'Risk ID',
        'Risk description',
        'Inherent risk / L',
        'Inherent risk / I',
        'Inherent risk / Score',
        'Residual risk / Likelihood',
        'Residual risk / Impact',
        'Residual risk / Score',
        'Residual risk / RAG',
        'Target / Score',
        'Risk owner',
        'Mitigation',
        'Target date',
      ]),
    );
    expect(cols).toEqual({
      id: 0,
      description: 1,
      likelihood: 2,
      impact: 3,
      score: 4,
      residual: { likelihood: 5, impact: 6, score: 7, rating: 8 },
      target: { score: 9 },
      owner: 10,
      controls: 11,
      date: 12,
    });
  });

  test('"current" is residual beside inherent scores, and the main set alone', () => {
    const both = mapRegisterColumns(table(['Ref', 'Risk', 'Gross score', 'Current score']));
    expect(both.score).toBe(2);
    expect(both.residual).toEqual({ score: 3 });
    const alone = mapRegisterColumns(table(['Ref', 'Risk', 'Current likelihood', 'Current impact', 'Target score']));
    expect(alone).toMatchObject({ likelihood: 2, impact: 3, target: { score: 4 } });
  });

  test('existing controls beat additional ones; the reader role is only a fallback', () => {
    const cols = mapRegisterColumns(
      table([
        ['Risk', 'label'],
        ['Additional controls required', 'controls'],
        ['Existing controls', 'controls'],
        ['Severity', 'likelihood'],
        ['Chance', 'likelihood'],
        ['Accountable', 'text'],
        ['Review', 'text'],
      ]),
    );
    expect(cols).toEqual({ description: 0, controls: 2, impact: 3, likelihood: 4, owner: 5, date: 6 });
  });

  test('header words', () => {
    expect(classifyRiskHeader('Likelihood score')).toEqual({ field: 'likelihood', set: null });
    expect(classifyRiskHeader('Risk score (L x I)')).toEqual({ field: 'score', set: null });
    expect(classifyRiskHeader('L x C')).toEqual({ field: 'score', set: null });
    expect(classifyRiskHeader('Responsible officer').field).toBe('owner');
    expect(classifyRiskHeader('Target Date').field).toBe('date');
    expect(classifyRiskHeader('Residual / Band')).toEqual({ field: 'rating', set: 'residual' });
  });
});
