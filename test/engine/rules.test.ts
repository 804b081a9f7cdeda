/** Rules as a finance officer reads them: a plain name for each, and repeated findings folded into one counted line. */
import { readdirSync, readFileSync, statSync } from 'fs';
import * as path from 'path';
import { snapshotFromRows } from '../../src/engine/grid';
import { sortFindings } from '../../src/engine/findings';
import { analyseRisks } from '../../src/engine/risk';
import { foldFindings, NAMED_RULES, ruleName } from '../../src/engine/rules';
import { readTables } from '../../src/engine/tables';
import { workbook } from './helpers';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

test('every rule the engine reports has a plain name', () => {
  const ids = new Set<string>();
  for (const file of sources(path.join(__dirname, '../../src/engine'))) {
    for (const m of readFileSync(file, 'utf8').matchAll(/rule: '([a-z]+\.[a-z-]+)'/g)) ids.add(m[1]);
  }
  ids.add('totals.subtotal');
  ids.add('totals.column');
  expect(ids.size).toBeGreaterThan(30);
  for (const id of ids) expect(NAMED_RULES).toContain(id);
  expect(ruleName('funding.sum')).toBe('Funding adds up to the cash limit');
});

describe('a register with five risks and no owner for four of them', () => {
  const sheet = snapshotFromRows('Risks', [
    ['Ref', 'Risk', 'Likelihood', 'Impact', 'Score', 'Owner', 'Controls'],
    ['R1', 'Market failure in home care', 4, 4, 16, 'Head of Commissioning', 'Provider forum'],
    ['R2', 'Winter pressures exceed plan', 4, 3, 12, null, 'Surge plan'],
    ['R3', 'Workforce vacancies', 3, 4, 12, null, 'Recruitment drive'],
    ['R4', 'Deprivation of Liberty backlog', 3, 3, 9, null, 'Extra assessors'],
    ['R5', 'Grant funding ends', 2, 5, 10, null, 'Exit plan'],
  ]);
  const wb = workbook(sheet);
  const findings = sortFindings(analyseRisks(wb, readTables(wb, {}), {}).findings);

  test('the four are one line, "4 risks have no owner", that holds each at its cell', () => {
    const lines = foldFindings(findings);
    const folded = lines.find((l) => 'summary' in l && l.rule === 'risk.owner');
    expect(folded && 'summary' in folded ? folded.summary : null).toBe('4 risks have no owner (Risks!A1:G6)');
    expect(folded && 'findings' in folded ? folded.findings.map((f) => f.cell) : []).toEqual(['F3', 'F4', 'F5', 'F6']);
    expect(lines.filter((l) => 'finding' in l && l.finding.rule === 'risk.owner')).toEqual([]);
  });

  test('two of a kind stay as two lines', () => {
    const two = findings.filter((f) => f.rule === 'risk.owner').slice(0, 2);
    expect(foldFindings(two).every((l) => 'finding' in l)).toBe(true);
  });
});
