/** The compact record of marked cells' own fills, shared by both ports (src/engine/records/marks.ts). */
import { decodeMarks, encodeMarks, fillRuns, type FillRecord } from '../../src/engine/records';

const none: FillRecord = { color: '#FFFFFF', pattern: 'None', patternColor: '#000000', tintAndShade: 0 };
const blue: FillRecord = { color: '#DDEBF7', pattern: 'Solid', patternColor: '#000000', tintAndShade: 0 };
const hatched: FillRecord = { color: '#92D050', pattern: 'LightUp', patternColor: '#7030A0', tintAndShade: 0.4 };

describe('fillRuns', () => {
  it('item 7: keeps only cells with a fill, as rectangles of equal fills carried down while rows repeat', () => {
    // Rows 3-5 of B:E: a blue block over B3:C4, a hatched cell at E3, nothing else.
    const grid = [
      [blue, blue, none, hatched],
      [blue, blue, none, none],
      [none, none, none, none],
    ];
    expect(fillRuns(2, 1, grid)).toEqual([
      { address: 'B3:C4', fill: blue },
      { address: 'E3', fill: hatched },
    ]);
  });

  it('item 7: a banded 10,000-row table is 5,000 rectangles, not 100,000 cells', () => {
    const grid = Array.from({ length: 10_000 }, (_, r) =>
      Array.from({ length: 10 }, () => (r % 2 === 0 ? blue : none)),
    );
    const runs = fillRuns(0, 0, grid);
    expect(runs).toHaveLength(5_000);
    expect(runs[1]).toEqual({ address: 'A3:J3', fill: blue });
  });
});

describe('encodeMarks and decodeMarks', () => {
  it('item 7: round-trips marks, writing each sheet and each fill once', () => {
    const marks = [
      { sheet: 'Plan', sheetId: '{A}', cell: 'B3:E5', own: [{ address: 'B3:C4', fill: blue }] },
      { sheet: 'Plan', sheetId: '{A}', cell: 'G9', own: [] },
      { sheet: "Manager's plan", cell: 'A1', own: [{ address: 'A1', fill: blue }] },
    ];
    const text = encodeMarks(marks);
    expect(decodeMarks(text)).toEqual([
      { sheet: 'Plan', sheetId: '{A}', cell: 'B3:E5', own: [{ address: 'B3:C4', fill: blue }] },
      { sheet: 'Plan', sheetId: '{A}', cell: 'G9', own: [] },
      { sheet: "Manager's plan", sheetId: undefined, cell: 'A1', own: [{ address: 'A1', fill: blue }] },
    ]);
    expect(text.split('#DDEBF7')).toHaveLength(2);
    expect(text.split('"{A}"')).toHaveLength(2);
    expect(encodeMarks([])).toBe('');
  });

  it('reads the version 1 record (a fill per cell) an earlier PlanCheck kept, and ignores a damaged one', () => {
    const v1 = JSON.stringify({ version: 1, marks: [{ sheet: 'Plan', cell: 'C3:D3', fills: [[hatched, none]] }] });
    expect(decodeMarks(v1)).toEqual([{ sheet: 'Plan', cell: 'C3:D3', own: [{ address: 'C3', fill: hatched }] }]);
    expect(decodeMarks('{"version":2,')).toEqual([]);
    expect(decodeMarks('')).toEqual([]);
  });
});
