/**
 * Which way a reduction percentage is signed. Plans print them two ways: as a change, a fall
 * negative (Essex 2017's "Total MTRS reduction %" of (10%)), or as a reduction, a fall positive.
 * PlanCheck's own savings envelope takes reductions as positive and says so in the label ("a
 * reduction is positive", "a fall in the envelope is positive"); a label that says so is read that
 * way, any other as a change, as Essex prints it.
 */
const STATED_POSITIVE = /\b(?:reductions?|falls?|decreases?)\b[^,;()]*\bpositive\b/i;

/** Whether a row's label says its reductions are positive. */
export function reductionsPositive(label: string): boolean {
  return STATED_POSITIVE.test(label);
}
