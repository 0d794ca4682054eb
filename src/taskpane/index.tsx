/**
 * The pane's entry: find out where it runs, then show the app. office.js (from Microsoft's CDN)
 * is loaded by the page before this script.
 */
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { detectHost } from './host';
import { officeServices } from './services';

const root = createRoot(document.getElementById('root')!);
void detectHost()
  .catch(() => ({ kind: 'none' }) as const)
  .then((status) => root.render(<App status={status} services={officeServices()} />));
