/**
 * Text widths in the sheet view's font, measured on a canvas (no layout of the page), for the numbers
 * that may not fit their column ("###", src/xlsx/viewFlow.ts). Widths are kept by font and text.
 */
let context: CanvasRenderingContext2D | null | undefined;
const widths = new Map<string, number>();

/** The CSS font of a cell's text: the grid's family and size, with the cell's weight and slant. */
export function cellFont(base: { family: string; size: string }, bold: boolean, italic: boolean): string {
  return `${italic ? 'italic ' : ''}${bold ? 600 : 400} ${base.size} ${base.family}`;
}

/** A function that measures text in `font`, in CSS pixels; null where there is no canvas to measure on. */
export function measurer(font: string): ((text: string) => number) | null {
  if (context === undefined)
    context = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  const ctx = context;
  if (!ctx) return null;
  return (text) => {
    const key = `${font}\u0000${text}`;
    let w = widths.get(key);
    if (w === undefined) {
      if (widths.size > 5000) widths.clear();
      ctx.font = font;
      w = ctx.measureText(text).width;
      widths.set(key, w);
    }
    return w;
  };
}
