/** An in-memory workbook behind the WorkbookPort interface, recording what the controller asks of it. */
import {
  a1,
  rangeA1,
  snapshotFromRows,
  type CellValue,
  type SheetSnapshot,
  type WorkbookSnapshot,
} from '../../src/engine/grid';
import {
  OverwriteRefusedError,
  PortError,
  type Mark,
  type UndoOptions,
  type WorkbookPort,
  type WriteResult,
} from '../../src/engine/port';
import type { Settings } from '../../src/engine/settings';
import type { TableSpec } from '../../src/engine/spec';

export type Call =
  | { op: 'read' }
  | { op: 'write'; title: string; overwrite: boolean }
  | { op: 'mark'; marks: Mark[] }
  | { op: 'clearMarks' }
  | { op: 'select'; sheet: string; cell: string }
  | { op: 'undo' }
  | { op: 'loadSettings' }
  | { op: 'saveSettings'; settings: Settings };

export class FakePort implements WorkbookPort {
  readonly calls: Call[] = [];
  sheets: SheetSnapshot[];
  settings: Settings;
  marked: Mark[] = [];
  selected: { sheet: string; cell: string } | null = null;
  /** When set, read() throws it. */
  failRead: Error | null = null;
  /** Cells that no longer hold what the last write put there (for undo's question). */
  changedSinceWrite: string[] = [];
  /** Sentences the port hands the controller with its next answer (as the Office port does for protected sheets). */
  notes: string[] = [];
  private undoStack: SheetSnapshot[][] = [];

  constructor(sheets: Record<string, CellValue[][]>, settings: Settings = {}) {
    this.sheets = Object.entries(sheets).map(([name, rows]) => snapshotFromRows(name, rows));
    this.settings = settings;
  }

  count(op: Call['op']): number {
    return this.calls.filter((c) => c.op === op).length;
  }

  ops(): Call['op'][] {
    return this.calls.map((c) => c.op);
  }

  takeNotes(): string[] {
    const notes = this.notes;
    this.notes = [];
    return notes;
  }

  async read(): Promise<WorkbookSnapshot> {
    this.calls.push({ op: 'read' });
    if (this.failRead) throw this.failRead;
    return { name: 'plan.xlsx', sheets: this.sheets.map(clone), names: [] };
  }

  async write(spec: TableSpec, options: { overwrite?: boolean } = {}): Promise<WriteResult> {
    this.calls.push({ op: 'write', title: spec.title, overwrite: options.overwrite ?? false });
    const { sheet, row, col } = spec.anchor;
    let target = this.sheets.find((s) => s.name === sheet);
    if (spec.newSheet && target) throw new PortError(`There is already a sheet called ${sheet}.`);
    if (!spec.newSheet && !target) throw new PortError(`There is no sheet called ${sheet}.`);
    const occupied: string[] = [];
    spec.cells.forEach((cells, r) =>
      cells.forEach((cell, c) => {
        const v = target ? valueAt(target, row + r, col + c) : null;
        if (cell && v !== null) occupied.push(a1(row + r, col + c));
      }),
    );
    if (occupied.length > 0 && !options.overwrite) throw new OverwriteRefusedError(sheet, occupied);
    this.undoStack.push(this.sheets.map(clone));
    if (!target) {
      target = snapshotFromRows(sheet, []);
      this.sheets.push(target);
    }
    const height = spec.cells.length;
    const width = spec.cells.reduce((w, r) => Math.max(w, r.length), 0);
    spec.cells.forEach((cells, r) =>
      cells.forEach((cell, c) => cell && setValue(target!, row + r, col + c, cell.value)),
    );
    return { sheet, range: rangeA1(row, col, row + height - 1, col + width - 1), cells: height * width };
  }

  async undo(options: UndoOptions = {}): Promise<boolean> {
    this.calls.push({ op: 'undo' });
    if (this.undoStack.length === 0) return false;
    // Cells the user changed since the last write, as the Office port finds them.
    if (this.changedSinceWrite.length > 0 && options.confirmPartial) {
      if (!(await options.confirmPartial(this.changedSinceWrite))) return false;
    }
    const previous = this.undoStack.pop();
    if (!previous) return false;
    this.sheets = previous;
    return true;
  }

  canUndo(): boolean {
    return this.undoStack.length > 0;
  }

  async select(sheet: string, cell: string): Promise<void> {
    this.calls.push({ op: 'select', sheet, cell });
    if (!this.sheets.some((s) => s.name === sheet)) throw new PortError(`There is no sheet called ${sheet}.`);
    this.selected = { sheet, cell };
  }

  async selection(): Promise<{ sheet: string; cell: string } | null> {
    return this.selected;
  }

  async mark(marks: Mark[]): Promise<void> {
    this.calls.push({ op: 'mark', marks });
    this.marked.push(...marks);
  }

  async clearMarks(): Promise<void> {
    this.calls.push({ op: 'clearMarks' });
    this.marked = [];
  }

  async loadSettings(): Promise<Settings> {
    this.calls.push({ op: 'loadSettings' });
    return JSON.parse(JSON.stringify(this.settings)) as Settings;
  }

  async saveSettings(settings: Settings): Promise<void> {
    this.calls.push({ op: 'saveSettings', settings });
    this.settings = JSON.parse(JSON.stringify(settings)) as Settings;
  }
}

function clone(s: SheetSnapshot): SheetSnapshot {
  return {
    ...s,
    values: s.values.map((r) => [...r]),
    formulas: s.formulas.map((r) => [...r]),
    numberFormats: s.numberFormats.map((r) => [...r]),
  };
}

function valueAt(s: SheetSnapshot, row: number, col: number): CellValue {
  return s.values[row - s.origin.row]?.[col - s.origin.col] ?? null;
}

function setValue(s: SheetSnapshot, row: number, col: number, value: CellValue): void {
  const r = row - s.origin.row;
  const c = col - s.origin.col;
  const width = Math.max(c + 1, s.values[0]?.length ?? 0);
  while (s.values.length <= r) {
    s.values.push([]);
    s.formulas.push([]);
    s.numberFormats.push([]);
  }
  for (let i = 0; i < s.values.length; i++) {
    while (s.values[i].length < width) {
      s.values[i].push(null);
      s.formulas[i].push(null);
      s.numberFormats[i].push(null);
    }
  }
  s.values[r][c] = value;
}
