/** The Excel task pane: the app over the Office.js port. No exceljs here: the Excel bundle stays small. */
import { createRoot } from 'react-dom/client';
import { PlanCheckApp } from '../app';
import { createOfficePort } from '../excel/officePort';
import { App } from './App';

Office.onReady(() => {
  const container = document.getElementById('container') ?? document.getElementById('root');
  if (!container) return;
  createRoot(container).render(<App app={new PlanCheckApp(createOfficePort())} />);
});
