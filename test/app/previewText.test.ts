/** The Generate preview says each figure as the inserted table will show it. */
import { PlanCheckController } from '../../src/app/controller';
import { ENGINE } from '../../src/app/engine';
import { FakePort } from './fakePort';

const app = () => new PlanCheckController(new FakePort({ Plan: [['Budget']] }), ENGINE);

test('a savings envelope: savings in brackets as the sheet will show them, reductions as percentages', () => {
  const result = app().preview('savings', {
    firstYear: '2026/27',
    budget: '120000, 123600, 127300',
    savings: '4000, 3500, 3000',
  });
  if (!result.ok) throw new Error(result.error);
  const row = (label: RegExp) => result.value.rows.find((r) => label.test(r.label))!.values;
  expect(row(/^Savings target/)).toEqual(['(4,000)', '(3,500)', '(3,000)']);
  // One sign convention, said in the labels: a reduction positive, the envelope's rise negative.
  expect(row(/^Total reduction % \(total savings ÷ budget; a reduction is positive\)$/)).toEqual([
    '3.3%',
    '2.8%',
    '2.4%',
  ]);
  expect(row(/^Cash reduction % against 2026\/27 \(a fall in the envelope is positive, a rise negative\)$/)).toEqual([
    '0.0%',
    '-3.5%',
    '-7.2%',
  ]);
  expect(row(/^Financial envelope/)).toEqual(['116,000', '120,100', '124,300']);
  expect(result.value.summary).toContainEqual({ name: 'Total savings in the last year', value: '(£3.0m)' });
});
