/** The controller the task pane and the browser page use, wired to the real engine. */
import type { WorkbookPort } from '../engine/port';
import type { Engine } from './contract';
import { PlanCheckController, type Ask, type Preferences } from './controller';
import { ENGINE } from './engine';
import { runnerFor } from './runner';

export class PlanCheckApp extends PlanCheckController {
  constructor(port: WorkbookPort, ask?: Ask, engine: Engine = ENGINE, prefs?: Preferences) {
    // The real engine's checks go to its worker where the page has one (src/app/runner/index.ts).
    super(port, engine, ask, prefs, runnerFor(engine, engine === ENGINE));
  }
}

export * from './controller';
export type { CompareView, EarlierVersion } from './compare';
export type { GenerateKind } from './contract';
export { GENERATE_FORMS, defaultValues, formFor } from './generateForms';
export type { GenerateForm, FormField } from './generateForms';
export { errorSentence } from './messages';
export type { HeatCell, RankedRisk, MatrixView } from './riskView';
export { textOn } from './riskView';
