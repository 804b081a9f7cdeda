import {
  ascofCode,
  ascofPolarity,
  classifyComparatorHeader,
  flagOf,
  matchOwn,
  mean,
  median,
  parsePolarity,
  percentileFromRank,
  percentileInGroup,
  quartileOf,
  rankInGroup,
  resolvePolarity,
  settingsPolarity,
} from '../../../src/engine/benchmark';

describe('group statistics', () => {
  it('averages and takes the median', () => {
    expect(mean([])).toBeNull();
    expect(mean([10, 12, 8, 14])).toBe(11);
    expect(median([14, 8, 12])).toBe(12);
    expect(median([10, 12, 8, 14])).toBe(11);
    expect(median([])).toBeNull();
  });

  it('ranks 1 = best either way round, ties sharing the better rank', () => {
    expect(rankInGroup(6, [10, 12, 8, 14], 'lower')).toEqual({ rank: 1, of: 5 });
    expect(rankInGroup(6, [10, 12, 8, 14], 'higher')).toEqual({ rank: 5, of: 5 });
    expect(rankInGroup(8, [8, 8, 6], 'lower')).toEqual({ rank: 2, of: 4 });
    expect(rankInGroup(5, [], 'higher')).toEqual({ rank: 1, of: 1 });
  });

  it('gives quartile 1 to the best quarter', () => {
    expect([1, 4, 5, 8, 9, 12, 13, 16].map((r) => quartileOf(r, 16))).toEqual([1, 1, 2, 2, 3, 3, 4, 4]);
    expect(quartileOf(1, 1)).toBeNull(); // no group to be in
    expect(quartileOf(0, 16)).toBeNull();
    expect(quartileOf(17, 16)).toBe(4);
  });

  it('gives the percentile: 100 best, 0 worst, 50 at the median, half for ties', () => {
    expect(percentileInGroup(9, [1, 2, 3], 'higher')).toBe(100);
    expect(percentileInGroup(0, [1, 2, 3], 'higher')).toBe(0);
    expect(percentileInGroup(0, [1, 2, 3], 'lower')).toBe(100);
    expect(percentileInGroup(2, [1, 2, 3], 'higher')).toBe(50);
    expect(percentileInGroup(2.5, [1, 2, 3, 4], 'higher')).toBe(50);
    expect(percentileInGroup(2, [2, 2], 'lower')).toBe(50);
    expect(percentileInGroup(2, [], 'lower')).toBeNull();
    expect(percentileFromRank(1, 16)).toBe(100);
    expect(percentileFromRank(16, 16)).toBe(0);
    expect(percentileFromRank(13, 16)).toBe(20);
    expect(percentileFromRank(1, 1)).toBeNull();
  });

  it('flags better, similar and worse beyond the band', () => {
    expect(flagOf(0.05, 'higher', 0.05)).toBe('similar');
    expect(flagOf(-0.05, 'lower', 0.05)).toBe('similar');
    expect(flagOf(0.073, 'higher', 0.05)).toBe('better');
    expect(flagOf(0.073, 'lower', 0.05)).toBe('worse');
    expect(flagOf(-0.12, 'lower', 0.05)).toBe('better');
    expect(flagOf(-0.12, null, 0.05)).toBeNull();
    expect(flagOf(null, 'higher', 0.05)).toBeNull();
  });
});

describe('polarity', () => {
  it('reads ASCOF codes in cells and labels', () => {
    expect(ascofCode('2A1')).toBe('2A1');
    expect(ascofCode('ASCOF 2c2')).toBe('2C2');
    expect(ascofCode('1C2B The proportion of carers who receive direct payments')).toBe('1C2B');
    expect(ascofCode('Delayed transfers of care (2C1)')).toBe('2C1');
    expect(ascofCode('M2.2')).toBeNull();
    expect(ascofCode('5A')).toBeNull();
    expect(ascofCode('Older People')).toBeNull();
  });

  it('knows which ASCOF measures are better lower', () => {
    expect(['2A1', '2A2', '2C1', '2C2', '2C3'].map(ascofPolarity)).toEqual([
      'lower',
      'lower',
      'lower',
      'lower',
      'lower',
    ]);
    expect(['1A', '1C2B', '2B1', '2D', '3D2', '4B'].map(ascofPolarity)).toEqual([
      'higher',
      'higher',
      'higher',
      'higher',
      'higher',
      'higher',
    ]);
    expect(ascofPolarity('X1')).toBeNull();
  });

  it('reads printed polarities', () => {
    expect(['High', 'Higher', 'higher is better', 'Up', '▲'].map(parsePolarity)).toEqual(Array(5).fill('higher'));
    expect(['Low', 'Lower', 'Lower is better', 'down', '▼'].map(parsePolarity)).toEqual(Array(5).fill('lower'));
    expect(['', 'n/a', 'Target', 5, null].map(parsePolarity)).toEqual(Array(5).fill(null));
  });

  it('takes the user’s word by label, code or words of the title', () => {
    const s = {
      benchmark: {
        polarities: { 'Older people': 'lower' as const, '1J': 'higher' as const, 'Cost per head': 'lower' as const },
      },
    };
    expect(settingsPolarity(s, { label: 'Older People' })).toBe('lower');
    expect(settingsPolarity(s, { label: 'Quality of life', code: '1j' })).toBe('higher');
    expect(settingsPolarity(s, { label: 'Mental Health', title: 'Cost per head of population against ...' })).toBe(
      'lower',
    );
    expect(settingsPolarity(s, { label: 'Mental Health' })).toBeNull();
  });

  it('prefers the printed column, then the ASCOF list, then settings', () => {
    const s = { benchmark: { polarities: { '2A1': 'higher' as const, 'Home care unit cost': 'lower' as const } } };
    expect(resolvePolarity(s, { label: 'Admissions', code: '2A1', printed: 'High' })).toEqual({
      polarity: 'higher',
      from: 'column',
    });
    expect(resolvePolarity(s, { label: 'Admissions', code: '2A1' })).toEqual({ polarity: 'lower', from: 'ascof' });
    expect(resolvePolarity(s, { label: 'Home care unit cost' })).toEqual({ polarity: 'lower', from: 'settings' });
    expect(resolvePolarity({}, { label: 'Cost per head' })).toEqual({ polarity: null, from: null });
  });
});

describe('reading headers', () => {
  it('matches the own council by name or initials', () => {
    expect(matchOwn('WCC', 'Worcestershire')).toBe('initials');
    expect(matchOwn('WCC', 'Worcestershire County Council')).toBe('initials');
    expect(matchOwn('MCC', 'Manchester')).toBe('initials');
    expect(matchOwn('Manchester City Council', 'manchester')).toBe('name');
    expect(matchOwn('Manchester (£)', 'Manchester City Council')).toBe('name');
    expect(matchOwn('Trafford', 'Manchester')).toBeNull();
    expect(matchOwn('ECC', 'Worcestershire')).toBeNull();
    expect(matchOwn('Manchester', undefined)).toBeNull();
  });

  it('tells average, England, rank, count, variance and polarity apart', () => {
    const kinds = [
      'Comparator average',
      'Comparators',
      'Nearest neighbours average',
      'CIPFA nearest neighbours',
      'England average',
      'England',
      'Comparator rank',
      'England rank',
      'Comparator CASSRs',
      'England CASSRs',
      'Variance',
      'Variance %',
      'Good is',
      'Polarity',
      'Measure',
      'Description',
      'Cost driver',
      'Stockport',
      'Ref',
    ].map((h) => classifyComparatorHeader(h).kind);
    expect(kinds).toEqual([
      'average',
      'average',
      'average',
      'average',
      'england',
      'england',
      'rank',
      'englandRank',
      'count',
      'englandCount',
      'variance',
      'variance',
      'polarity',
      'polarity',
      'label',
      'label',
      'text',
      'council',
      'code',
    ]);
  });
});
