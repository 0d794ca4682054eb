/**
 * The first JavaScript the pane loads (the scripts taskpane.html names, office.js from the CDN
 * excluded) stays within 200 KB gzip, and the pane's bundle holds no Node-only code.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { PANE_DIR, ensurePaneBuilt } from './browser';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { initialScripts, BUDGET } = require('../../scripts/pane-size.js') as { initialScripts(dir?: string): { file: string; gzip: number }[]; BUDGET: number };

beforeAll(() => ensurePaneBuilt(), 300_000);

it('loads at most 200 KB gzip of JavaScript first, and the heavy parts later', () => {
  const scripts = initialScripts(PANE_DIR);
  expect(scripts.length).toBeGreaterThan(0);
  const total = scripts.reduce((n, s) => n + s.gzip, 0);
  expect(total).toBeLessThanOrEqual(BUDGET);
  // The template's description (model, formulas, zod) is a chunk of its own, loaded on use.
  const all = readdirSync(PANE_DIR).filter((f) => f.endsWith('.js'));
  expect(all.some((f) => f.startsWith('template.'))).toBe(true);
  expect(scripts.some((s) => s.file.startsWith('template.'))).toBe(false);
});

it('bundles no ExcelJS, JSZip or Node built-ins', () => {
  for (const f of readdirSync(PANE_DIR).filter((x) => x.endsWith('.js'))) {
    const js = readFileSync(path.join(PANE_DIR, f), 'utf8');
    expect([f, /exceljs|jszip|require\("node:|Buffer\.from/i.test(js)]).toEqual([f, false]);
  }
});

it('names office.js from Microsoft\'s CDN in the page', () => {
  const html = readFileSync(path.join(PANE_DIR, 'taskpane.html'), 'utf8');
  expect(html).toMatch(/<script src="?https:\/\/appsforoffice\.microsoft\.com\/lib\/1\/hosted\/office\.js"?>/);
});
