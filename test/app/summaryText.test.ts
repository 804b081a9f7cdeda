/** A generated table's summary in written words, percentages as percentages, money in pounds said short. */
import { summaryLines } from '../../src/engine/generate/summary';

describe('summaryLines', () => {
  it('writes labels in words, percentages as %, and the payback once', () => {
    expect(
      summaryLines({
        payback: '2027/28 (year 2)',
        paybackYear: '2027/28',
        paybackYearNumber: 2,
        npv: 1234.56,
        discountRate: 0.035,
        returnOnInvestment: 0.5812,
        reductionLastYear: 0.226,
      }),
    ).toEqual([
      { name: 'Payback', value: '2027/28 (year 2)' },
      { name: 'Net present value', value: '1,235' },
      { name: 'Discount rate', value: '3.5%' },
      { name: 'Return on investment', value: '58.1%' },
      { name: 'Total reduction in the last year (a reduction is positive)', value: '22.6%' },
    ]);
  });

  it('says money in pounds from the table units: £1.9m, £250k, £350, a gap in brackets, never £1,000k', () => {
    expect(
      summaryLines({ baseTotal: 1900, totalLastYear: 250, gapLastYear: -1234, peopleLastYear: 1450 }, '£000'),
    ).toEqual([
      { name: 'Base budget', value: '£1.9m' },
      { name: 'Total in the last year', value: '£250k' },
      { name: 'Gap in the last year', value: '(£1.2m)' },
      { name: 'People in the last year', value: '1,450' },
    ]);
    expect(summaryLines({ costLastYear: 350 }, '£')).toEqual([{ name: 'Cost in the last year', value: '£350' }]);
    expect(summaryLines({ npv: 999.8 }, '£000')).toEqual([{ name: 'Net present value', value: '£1.0m' }]);
    expect(summaryLines({ envelopeLastYear: 381.2 }, '£m')).toEqual([
      { name: 'Savings envelope in the last year', value: '£381.2m' },
    ]);
  });

  it('keeps an unknown key readable', () => {
    expect(summaryLines({ someNewFigure: 3 })).toEqual([{ name: 'Some new figure', value: '3' }]);
  });
});
