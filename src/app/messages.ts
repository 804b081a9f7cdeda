/**
 * Every error the task pane shows is one plain sentence. Ports already speak in sentences
 * (PortError, OverwriteRefusedError); anything else is cut down to a short reason.
 */
import { OverwriteRefusedError, PortError } from '../engine/port';

const MAX_REASON = 140;

/** A short reason from an unexpected error: its first line, no stack, no trailing full stop. */
export function shortReason(error: unknown): string {
  let text = '';
  if (error instanceof Error) text = error.message;
  else if (typeof error === 'string') text = error;
  else if (error && typeof error === 'object' && 'message' in error)
    text = String((error as { message: unknown }).message);
  const firstLine = text
    .split(/\r?\n/)[0]
    .replace(/\s+at\s.*$/, '')
    .trim();
  const reason = firstLine.replace(/[.\s]+$/, '');
  if (!reason) return 'something unexpected went wrong';
  return reason.length > MAX_REASON ? `${reason.slice(0, MAX_REASON - 1).trimEnd()}…` : reason;
}

/** The sentence the UI shows for an error. */
export function errorSentence(error: unknown): string {
  if (error instanceof OverwriteRefusedError || error instanceof PortError) return error.message;
  return `PlanCheck could not finish: ${shortReason(error)}. Nothing in the workbook was changed.`;
}

/** "1 error", "2 warnings", "0 notes". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

/**
 * A finding's sentence with PlanCheck's own keys put into the words of the screens: matrix keys
 * ("nhs5x5", "3x3") as their names, and settings keys as the Settings tab's fields. (The engine's
 * sentences serve the CLI and its configuration file too, where those keys are what one types.)
 */
export function inScreenWords(message: string): string {
  return message
    .replace(/\bnhs5x5\b/gi, 'NHS 5×5')
    .replace(/\b(\d)x(\d) (matrix|scale)/g, '$1×$2 $3')
    .replace(/in the settings under "risk"/g, 'in Settings › Risk matrix')
    .replace(/\(settings: benchmark\.own\)/g, '(Benchmarks tab › Your council)');
}

/** Said when the user answers no to "Overwrite?": nothing was written. */
export const NOTHING_WRITTEN = 'Nothing was written; the cells were left as they were.';

/** What the answer says when an insert's table or range names were taken and free ones were used. */
export function renamedNote(title: string, renamed: [string, string][]): string {
  const others = renamed.length - 1;
  const had = others > 0 ? `${renamed[0][0]} and ${plural(others, 'other name')}` : renamed[0][0];
  const now = renamed.slice(0, 3).map(([, to]) => to);
  return `The workbook already had ${had}, so the ${title.toLowerCase()} uses ${now.join(', ')}${renamed.length > 3 ? ', …' : ''} instead.`;
}
