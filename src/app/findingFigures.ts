/**
 * A finding's Expected, Actual and Difference as the pane shows them under its sentence:
 * "Expected (2,034) (£000) · Actual (2,046) · Difference (12)" - in the table's unit once and its
 * negatives as the table shows them, when the table's style is known; as plain figures otherwise.
 */
import type { Finding } from '../engine/findings';
import { FigureWords, type FigureStyle } from '../engine/say';
import { cellText } from './controller';

export function findingFigures(f: Finding, style?: FigureStyle): string {
  const words = style ? new FigureWords(style) : null;
  const text = (v: number | string) => (typeof v === 'number' && words ? words.fig(v) : cellText(v));
  const parts: string[] = [];
  if (f.expected !== undefined) parts.push(`Expected ${text(f.expected)}`);
  if (f.actual !== undefined) parts.push(`Actual ${text(f.actual)}`);
  if (f.difference !== undefined) parts.push(`Difference ${text(f.difference)}`);
  return parts.join(' · ');
}
