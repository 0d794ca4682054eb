/**
 * The built pane in headless Chromium (Debian's, driven by playwright-core; no browser is
 * downloaded) with the fake Excel host injected before the page's scripts. The page is served
 * from dist/taskpane on 127.0.0.1; office.js from the CDN is answered with an empty script (the
 * fake is the host), and every other request that would leave 127.0.0.1 is refused and recorded.
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = path.join(__dirname, '..', '..');
export const PANE_DIR = path.join(ROOT, 'dist', 'taskpane');
export const CHROMIUM = process.env.PARATHED_CHROMIUM || '/usr/bin/chromium';
const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

/** Builds the pane when dist/taskpane is missing (npm test builds it once before jest). */
export function ensurePaneBuilt(): void {
  if (!existsSync(path.join(PANE_DIR, 'taskpane.html'))) execSync('npm run build:pane', { cwd: ROOT, stdio: 'inherit' });
}

/** The fake host as a plain script that sets `window.__fakeHost`, `Office` and `Excel`, then runs `setup`. */
export function fakeHostScript(setup = ''): string {
  const source = readFileSync(path.join(ROOT, 'test', 'fake-excel', 'fake-excel.ts'), 'utf8');
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } }).outputText;
  return `(function () {
  var exports = {}; var module = { exports: exports };
  ${js}
  var host = exports.createFakeExcel();
  host.addSheet('Ark1');
  (function (host) { ${setup} })(host);
  window.__fakeHost = host;
  window.Office = host.Office;
  window.Excel = host.Excel;
})();`;
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.png': 'image/png', '.xml': 'application/xml', '.json': 'application/json' };

/** A static server for dist/taskpane on 127.0.0.1. */
export async function servePane(): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const file = path.normalize(path.join(PANE_DIR, decodeURIComponent(url.pathname)));
    if (!file.startsWith(PANE_DIR) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

export interface Browser {
  context: BrowserContext;
  /** Requests that tried to leave 127.0.0.1 (refused). */
  outside: string[];
  close(): Promise<void>;
}

export async function launch(): Promise<Browser> {
  const profile = mkdtempSync(path.join(tmpdir(), 'parathed-chromium-'));
  const outside: string[] = [];
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 320, height: 720 },
    });
  } catch (err) {
    rmSync(profile, { recursive: true, force: true });
    throw err;
  }
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (url === OFFICE_JS) return route.fulfill({ status: 200, contentType: 'text/javascript', body: '/* office.js: the fake host stands in for Office in this test */' });
    if (/^https?:\/\/127\.0\.0\.1[:/]/.test(url) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    outside.push(url);
    return route.abort();
  });
  return {
    context,
    outside,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A new page with the fake host injected before any of the page's scripts. */
export async function openPane(browser: Browser, origin: string, setup = ''): Promise<Page> {
  const page = await browser.context.newPage();
  await page.addInitScript({ content: fakeHostScript(setup) });
  await page.goto(`${origin}/taskpane.html`);
  return page;
}

const OFFICE_DIST = path.join(ROOT, 'node_modules', '@microsoft', 'office-js', 'dist');
const HOSTED = 'https://appsforoffice.microsoft.com/lib/1/hosted/';

/** A new page as a plain browser shows it: no fake host, office.js (and what it loads) from the npm copy. */
export async function openPaneOutsideOffice(browser: Browser, origin: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.route(`${HOSTED}**`, (route) => {
    const file = path.normalize(path.join(OFFICE_DIST, new URL(route.request().url()).pathname.slice('/lib/1/hosted/'.length)));
    if (!file.startsWith(OFFICE_DIST) || !existsSync(file)) return route.fulfill({ status: 404, body: '' });
    return route.fulfill({ status: 200, contentType: 'text/javascript', body: readFileSync(file, 'utf8') });
  });
  await page.goto(`${origin}/taskpane.html`);
  return page;
}

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core on the page as it stands: no serious or critical violation. Fluent's focus manager
 * (Tabster) puts aria-hidden, focusable `<i data-tabster-dummy>` sentinels at the edges of focus
 * groups, which pass focus on at once and are never announced; axe's aria-hidden-focus flags
 * them, so they are left out of the check (nothing else is).
 */
export async function axe(page: Page, screen: string): Promise<void> {
  // Fluent's motion runs on the Web Animations API: let it finish (a fading dialog has no contrast yet).
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    const r = await (window as unknown as { axe: { run(ctx: object, o: object): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run({ exclude: [['[data-tabster-dummy]']] }, { resultTypes: ['violations'] });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  expect([screen, violations]).toEqual([screen, []]);
}
