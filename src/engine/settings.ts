/**
 * Settings kept with the workbook (and taken from --config by the CLI).
 */

export interface RiskBand {
  name: string;
  min: number;
  max: number;
  /** "#RRGGBB" */
  color: string;
}

export interface RiskMatrixSetting {
  /** Preset name ("nhs5x5", "4x4", "3x3") or "custom". */
  preset?: string;
  /** Level names, lowest first; numbered 1..n. */
  scale?: string[];
  bands?: RiskBand[];
}

/** The user's word over the reader's guess for one table. */
export interface TableMapping {
  sheet: string;
  /** The range the reader found, or the user drew ("B4:L52"). */
  range: string;
  /** "not-a-table" hides it. */
  kind?: string;
  /** 1-based sheet row numbers of the header rows. */
  headerRows?: number[];
  /** Column letter -> role. */
  roles?: Record<string, string>;
}

/** A finding accepted with a reason (see engine/accepted.ts): kept with the workbook. */
export interface AcceptedFinding {
  rule: string;
  sheet: string;
  cell: string;
  /** The finding's figures when it was accepted: when they change, the acceptance lapses. */
  expected?: number | string;
  actual?: number | string;
  reason: string;
  /** Initials of whoever accepted it. */
  by: string;
  /** ISO date it was accepted. */
  on: string;
}

export interface Settings {
  /** Rounding tolerance, in the table's units, per summed figure (see README). Default 0.5 (rounded to whole units). */
  rounding?: { perFigure?: number; absolute?: number };
  /** Allowed year-on-year uplift, in per cent, for warnings (inflation plus growth). */
  uplift?: { inflation?: number; growth?: number };
  /** Cash limit per year label ("2010/11") in the table's units. */
  cashLimits?: Record<string, number>;
  risk?: RiskMatrixSetting;
  benchmark?: { own?: string; polarities?: Record<string, 'higher' | 'lower'>; similarBand?: number };
  tables?: TableMapping[];
  /** Comparing versions: how many lines the bridge shows before "Other lines", and lines by category. */
  compare?: { bridgeLines?: number; categories?: Record<string, string> };
  /** Findings accepted with a reason ("rounding as published"), so they stop coming back. */
  accepted?: AcceptedFinding[];
  /**
   * Style of the tables PlanCheck inserts: "house" (the default) takes the look of the workbook's
   * main plan table (engine/houseStyle.ts); "plain" keeps PlanCheck's own.
   */
  style?: 'house' | 'plain';
  /**
   * Check hidden sheets too. By default only the sheets a user sees are checked: hidden helper
   * sheets (lookups, column references) would double the findings of the visible ones.
   */
  checkHiddenSheets?: boolean;
  /** Free-form per-feature assumptions for generators. */
  projections?: Record<string, unknown>;
}

export const DEFAULT_SETTINGS: Required<Pick<Settings, 'rounding' | 'uplift'>> = {
  rounding: { perFigure: 0.5, absolute: 0 },
  uplift: { inflation: 3, growth: 2 },
};
