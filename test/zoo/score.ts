/** How findings measure up against the mistakes planted in a zoo workbook. */
import type { Finding } from '../../src/engine/findings';
import type { Planted, ZooWorkbook } from './build';

export type Brief = Pick<Finding, 'rule' | 'severity' | 'sheet' | 'cell' | 'message'> & { also?: string[] };

export const loud = (f: Brief): boolean => f.severity !== 'info';

/** A finding is the planted mistake when it is at its cell, with its severity, by its rule (or folds it in). */
export function matches(f: Brief, p: Planted): boolean {
  return (
    f.sheet === p.sheet &&
    f.cell === p.cell &&
    f.severity === p.severity &&
    (f.rule === p.rule || (f.also ?? []).includes(p.rule))
  );
}

/** The planted mistakes not found, the loud findings that are none of them, and those found. */
export function score(z: ZooWorkbook, findings: Brief[]): { found: Planted[]; missed: Planted[]; false: Brief[] } {
  return {
    found: z.planted.filter((p) => findings.some((f) => matches(f, p))),
    missed: z.planted.filter((p) => !findings.some((f) => matches(f, p))),
    false: findings.filter((f) => loud(f) && !z.planted.some((p) => matches(f, p))),
  };
}
