/** What every pane action answers: a value (with a note to show beside it), or a sentence saying what went wrong
 * (`stopped`: the user cancelled it, or a newer edit took its place). */
export type Result<T> = { ok: true; value: T; note?: string } | { ok: false; error: string; stopped?: boolean };
