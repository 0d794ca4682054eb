/**
 * The built pane in headless Chromium (Debian's, driven by playwright-core; no browser is
 * downloaded) with the fake Excel host injected before the page's scripts. The page is served
 * from dist/taskpane on 127.0.0.1; office.js from the CDN is answered with an empty script (the
 * fake is the host), and every other request that would leave 127.0.0.1 is refused and recorded.
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
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

/**
 * A test file's pane in the browser: served on 127.0.0.1 and browsed in Chromium from before its
 * first test to after its last, with nothing requested off this machine (checked after each
 * test). `shots`: where its screenshots go, docs/screenshots/ with PARATHED_SCREENSHOTS=1, else a
 * temporary folder removed afterwards (so a test run never changes tracked files).
 */
export function usePaneSuite(): { readonly browser: Browser; readonly origin: string; readonly shots: string } {
  const suite = { browser: undefined as unknown as Browser, origin: '', shots: '' };
  let server: Server | undefined;
  const keep = process.env.PARATHED_SCREENSHOTS === '1';
  beforeAll(async () => {
    ensurePaneBuilt();
    suite.shots = keep ? path.join(ROOT, 'docs', 'screenshots') : mkdtempSync(path.join(tmpdir(), 'parathed-shots-'));
    mkdirSync(suite.shots, { recursive: true });
    const served = await servePane();
    server = served.server;
    suite.origin = served.origin;
    suite.browser = await launch();
  }, 300_000);
  afterAll(async () => {
    if (!keep && suite.shots) rmSync(suite.shots, { recursive: true, force: true });
    await suite.browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });
  afterEach(() => {
    expect(suite.browser.outside).toEqual([]);
  });
  return suite;
}

/** The screen at 320 and 450 px, whole page, into `dir`/<name>-<width>.png, never wider than the pane. */
export async function screenshot(page: Page, dir: string, name: string): Promise<void> {
  // No hover state from the last click: the pictures come out the same at every run.
  await page.mouse.move(0, 0);
  // Nor a focus ring wherever a closing dialog or a re-rendered button left focus.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  for (const width of [320, 450]) {
    await page.setViewportSize({ width, height: 720 });
    // Fluent's message bars measure themselves after a resize: let them settle.
    await page.waitForTimeout(300);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    expect([name, width, await page.evaluate(() => document.documentElement.scrollWidth)]).toEqual([name, width, width]);
    await page.screenshot({ path: path.join(dir, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 320, height: 720 });
}

/** axe-core on the screen, then its screenshots. */
export async function checkScreen(page: Page, dir: string, name: string): Promise<void> {
  await axe(page, name);
  await screenshot(page, dir, name);
}

/** A pane page with the fake host (run `setup` with it first), still for screenshots: reduced motion, no transitions or caret. */
export async function openStill(suite: { browser: Browser; origin: string }, setup = ''): Promise<Page> {
  const page = await openPane(suite.browser, suite.origin, setup);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.addStyleTag({ content: '*,*::before,*::after{transition:none!important;animation:none!important;caret-color:transparent!important}' });
  return page;
}

/** Runs `fn` in the page with its fake host (the function's source is sent; `arg` as JSON). */
export function onHost<H, T, A = undefined>(page: Page, fn: (h: H, arg: A) => T, arg?: A): Promise<T> {
  return page.evaluate(({ src, arg }) => new Function('h', 'arg', `return (${src})(h, arg)`)((window as unknown as { __fakeHost: H }).__fakeHost, arg) as T, { src: fn.toString(), arg });
}
