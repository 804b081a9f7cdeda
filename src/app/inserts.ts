/**
 * What PlanCheck has inserted into the workbook, latest last, beside the port's own undo stack: so
 * that the pane can name what Undo will take back ("Undo: inserted Budget projection on sheet
 * Projection"), and so that after an action the workbook goes to what it inserted (the port's
 * select: in Excel the sheet is activated and the range selected; on the browser page the sheet
 * view shows that sheet and scrolls to the range).
 */
import type { WorkbookPort, WriteResult } from '../engine/port';
import { shortReason } from './messages';

export interface Inserted {
  /** What was written, as the spec calls it ("Budget projection"). */
  title: string;
  sheet: string;
  /** The A1 range written. */
  range: string;
  /** Whether the write made the sheet (undo then removes the sheet). */
  newSheet: boolean;
}

/** "inserted Budget projection on sheet Projection", "inserted Risk scores at Risks!H2:J14". */
export function describeInsert(i: Inserted): string {
  // A template fill's title already says where it went ("Budget projection into Plan!A3:F8").
  if (i.title.includes(`${i.sheet}!`)) return `filled ${i.title}`;
  return i.newSheet ? `inserted ${i.title} on sheet ${i.sheet}` : `inserted ${i.title} at ${i.sheet}!${i.range}`;
}

/** The Undo button's words, naming what it takes back. */
export function undoLabel(i: Inserted | null): string {
  return i ? `Undo: ${describeInsert(i)}` : 'Undo last insert';
}

/** What the pane says once it is undone. */
export function undoneSentence(i: Inserted | null): string {
  return i ? `Undone: ${describeInsert(i)}.` : 'Undid PlanCheck’s last insert.';
}

/**
 * The inserts of this session, kept as the port keeps its undo records (one per write), and what
 * the action running now has inserted, to go to once it is done.
 */
export class InsertLog {
  private readonly stack: Inserted[] = [];
  private fresh: Inserted[] = [];
  private readonly listeners = new Set<() => void>();

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }

  /** A write went in. */
  record(title: string, written: WriteResult, newSheet: boolean): void {
    const i = { title, sheet: written.sheet, range: written.range, newSheet };
    this.stack.push(i);
    this.fresh.push(i);
    this.changed();
  }

  /** The latest insert, while the port still has something to undo. */
  latest(canUndo: boolean): Inserted | null {
    return canUndo ? (this.stack.at(-1) ?? null) : null;
  }

  /** The latest insert was undone. */
  undone(): void {
    if (this.stack.pop()) this.changed();
  }

  /** What the action now ending inserted first (its main table), forgotten once taken. */
  takeFresh(): Inserted | null {
    const first = this.fresh[0] ?? null;
    this.fresh = [];
    return first;
  }
}

/**
 * Takes the user to what was just inserted; a sentence when the host would not (the insert stands,
 * so that is said beside it rather than as a failure).
 */
export async function goToInserted(port: WorkbookPort, i: Inserted): Promise<string | null> {
  try {
    await port.select(i.sheet, i.range);
    return null;
  } catch (e) {
    return `It is at ${i.sheet}!${i.range}; PlanCheck could not select it there (${shortReason(e)}).`;
  }
}
