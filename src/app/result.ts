/** What every pane action answers: a value (with a note to show beside it), or a sentence saying what went wrong. */
export type Result<T> = { ok: true; value: T; note?: string } | { ok: false; error: string };
