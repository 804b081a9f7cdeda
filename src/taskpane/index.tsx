/** The Excel task pane: the app over the Office.js port. No exceljs here: the Excel bundle stays small. */
import { createRoot } from 'react-dom/client';
import { PlanCheckApp } from '../app';
import { createOfficePort } from '../excel/officePort';
import { App } from './App';
import { ProgressPort } from './pane';
import { paneStorage } from './preferences';
import { officeThemeName } from './theme';
import { runEngineInWorker } from '../app/runner';
import { spawnEngineWorker } from '../app/runner/spawn';

// The engine's checks run in its Web Worker, off the pane's thread (src/app/runner).
runEngineInWorker(spawnEngineWorker);

Office.onReady(() => {
  const container = document.getElementById('container') ?? document.getElementById('root');
  if (!container) return;
  // Office's theme at start (dark when its body background is dark); the system's where Office gives none.
  const theme = officeThemeName();
  createRoot(container).render(
    <App
      app={new PlanCheckApp(new ProgressPort(createOfficePort()), undefined, undefined, paneStorage())}
      theme={theme}
    />,
  );
});
