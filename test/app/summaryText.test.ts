/** A generated table's summary in written words, with percentages as percentages. */
import { summaryLines } from '../../src/app/summaryText';

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
      { name: 'Total reduction in the last year', value: '22.6%' },
    ]);
  });

  it('keeps an unknown key readable', () => {
    expect(summaryLines({ someNewFigure: 3 })).toEqual([{ name: 'Some new figure', value: '3' }]);
  });
});
