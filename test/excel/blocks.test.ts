/** Planning reads in row blocks (src/excel/blocks.ts) and what is written into cells (src/excel/cells.ts). */
import { DEFAULT_BUDGET, blockBytes, packBatches, planBlocks, rowsPerBlock, splitBatch } from '../../src/excel/blocks';
import { formulaOf, restoreInput, textInput, valueOf } from '../../src/excel/cells';

describe('row blocks', () => {
  it('sizes blocks as floor(budget / (columns x bytes per cell))', () => {
    expect(rowsPerBlock(12, DEFAULT_BUDGET)).toBe(Math.floor(4_000_000 / (12 * 120)));
    expect(rowsPerBlock(100_000, DEFAULT_BUDGET)).toBe(1); // never zero rows
  });

  it('caps cells per sync as well as bytes', () => {
    const budget = { ...DEFAULT_BUDGET, bytesPerCell: 1, maxCellsPerSync: 1_000 };
    expect(rowsPerBlock(10, budget)).toBe(100);
  });

  it('cuts a 200,000-row sheet into blocks that each fit the budget and cover every row once', () => {
    const blocks = planBlocks([{ sheet: 'Plan', row: 3, col: 1, rows: 200_000, cols: 12 }]);
    expect(blocks.every((b) => blockBytes(b, DEFAULT_BUDGET) <= DEFAULT_BUDGET.maxResponseBytes)).toBe(true);
    expect(blocks.reduce((n, b) => n + b.rows, 0)).toBe(200_000);
    expect(blocks[1].row).toBe(blocks[0].row + blocks[0].rows);
    expect(packBatches(blocks)).toHaveLength(blocks.length);
  });

  it('puts many small sheets in one batch', () => {
    const extents = Array.from({ length: 30 }, (_, i) => ({ sheet: `S${i}`, row: 0, col: 0, rows: 50, cols: 10 }));
    expect(packBatches(planBlocks(extents))).toHaveLength(1);
  });

  it('halves a batch between its blocks, then a block by rows, down to one row', () => {
    const two = splitBatch({
      blocks: planBlocks([
        { sheet: 'A', row: 0, col: 0, rows: 5, cols: 2 },
        { sheet: 'B', row: 0, col: 0, rows: 5, cols: 2 },
      ]),
    });
    expect(two?.map((b) => b.blocks.map((x) => x.sheet))).toEqual([['A'], ['B']]);
    const rows = splitBatch({ blocks: [{ sheet: 'A', row: 10, col: 0, rows: 5, cols: 2 }] });
    expect(rows?.map((b) => [b.blocks[0].row, b.blocks[0].rows])).toEqual([
      [10, 3],
      [13, 2],
    ]);
    expect(splitBatch({ blocks: [{ sheet: 'A', row: 10, col: 0, rows: 1, cols: 2 }] })).toBeNull();
  });
});

describe('cell inputs', () => {
  it('guards text Excel would turn into a formula, a number or a date', () => {
    expect(textInput('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(textInput('@risk')).toBe("'@risk");
    expect(textInput('0001')).toBe("'0001");
    expect(textInput('2009/10')).toBe("'2009/10");
    expect(textInput('(28)')).toBe("'(28)");
    expect(textInput('Apr 2024')).toBe("'Apr 2024");
    expect(textInput('TRUE')).toBe("'TRUE");
    expect(textInput('Services for Older People')).toBe('Services for Older People');
    expect(textInput('')).toBe('');
  });

  it('tells a formula from text that only starts with "="', () => {
    expect(formulaOf('=SUM(B2:B9)', 10)).toBe('=SUM(B2:B9)');
    expect(formulaOf('=not a formula', '=not a formula')).toBeNull();
    expect(formulaOf(5, 5)).toBeNull();
    expect(valueOf('')).toBeNull();
  });

  it('restores what was there: formula, number, or text kept as text', () => {
    expect(restoreInput('=A1*2', 4)).toBe('=A1*2');
    expect(restoreInput(74025, 74025)).toBe(74025);
    expect(restoreInput('=typed', '=typed')).toBe("'=typed");
    expect(restoreInput('0001', '0001')).toBe("'0001");
    expect(restoreInput('', '')).toBe('');
  });
});
