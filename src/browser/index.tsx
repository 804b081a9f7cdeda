/** The browser page: PlanCheck on an .xlsx file, without Excel and without office.js. */
import { createRoot } from 'react-dom/client';
import { BrowserPage } from './BrowserPage';

const container = document.getElementById('container') ?? document.getElementById('root');
if (container) createRoot(container).render(<BrowserPage />);
