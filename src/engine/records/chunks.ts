/**
 * Text kept in cells of PlanCheck's settings sheet (settings, the record of marked cells), cut into
 * pieces below Excel's 32,767-character cell limit, one piece a row, and joined again in row order.
 * The same size and the same order on both hosts, so either reads what the other wrote.
 */

/** Characters a cell of the settings sheet holds at most, safely under Excel's 32,767. */
export const CHUNK_CHARS = 32_000;

/** Splits text into cell-sized pieces (none for empty text). */
export function chunkText(text: string, size = CHUNK_CHARS): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/** Joins pieces read down a column (blank cells are no text). */
export function joinChunks(pieces: readonly unknown[]): string {
  return pieces.map((p) => (p === null || p === undefined ? '' : String(p))).join('');
}
