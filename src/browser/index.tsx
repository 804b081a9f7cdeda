/** The browser page: PlanCheck on an .xlsx file, without Excel and without office.js. */
import { createRoot } from 'react-dom/client';
import { BrowserPage } from './BrowserPage';
import { runEngineInWorker } from '../app/runner';
import { spawnEngineWorker } from '../app/runner/spawn';

// The engine's checks run in its Web Worker, off the pane's thread (src/app/runner).
runEngineInWorker(spawnEngineWorker);

const container = document.getElementById('container') ?? document.getElementById('root');
if (container) createRoot(container).render(<BrowserPage />);
