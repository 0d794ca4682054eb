/**
 * The built pane, end to end in headless Chromium with the fake Excel host: it starts, shows
 * its Danish start screen at 320 px, inserts the template through the Office adapter, and the
 * fake then holds every defined name of the model where the layout puts it. Also: a sheet it
 * refuses to overwrite, and a host without the requirement sets.
 */
import type { Server } from 'node:http';
import { templateLayout } from '../../src/workbook/template';
import { emptyTemplate } from '../../src/office/insert-template';
import { DEFAULT_MAX_REQUEST_BYTES } from '../../src/office/workbook';
import { ensurePaneBuilt, launch, openPane, openPaneOutsideOffice, servePane, type Browser } from './browser';

let browser: Browser;
let server: Server;
let origin: string;

beforeAll(async () => {
  ensurePaneBuilt();
  ({ server, origin } = await servePane());
  browser = await launch();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

afterEach(() => {
  expect(browser.outside).toEqual([]);
});

describe('the pane in Chromium with the fake Excel host', () => {
  it('starts on its Danish start screen, usable at 320 px', async () => {
    const page = await openPane(browser, origin);
    await page.getByRole('heading', { name: 'Parathedsvurdering' }).waitFor();
    await expect(page.getByRole('button', { name: 'Indsæt skabelon' }).isEnabled()).resolves.toBe(true);
    expect(await page.getByText('overskrives aldrig').count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.lang || document.querySelector('[lang]')?.getAttribute('lang'))).toBe('da');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.close();
  });

  it('inserts the template through the adapter: every defined name where the layout puts it', async () => {
    const page = await openPane(browser, origin);
    // The pane has read the workbook (an empty one) before it offers the button.
    await page.getByRole('button', { name: 'Indsæt skabelon' }).waitFor();
    const before = await page.evaluate(() => (window as unknown as { __fakeHost: { syncCount: number } }).__fakeHost.syncCount);
    await page.getByRole('button', { name: 'Indsæt skabelon' }).click();
    await page.getByText('Skabelonen er indsat.').waitFor({ timeout: 60_000 });
    const status = await page.locator('#start-status').innerText();
    expect(status).toContain(`${emptyTemplate().sheets.length} ark er tilføjet`);

    const names = [...templateLayout().locations.keys()];
    const found = await page.evaluate(({ list, before }) => {
      const host = (window as unknown as { __fakeHost: { nameTarget(n: string): unknown; syncCount: number; requestSizes: number[]; state: { sheets: { name: string }[] } } }).__fakeHost;
      return { targets: list.map((n) => [n, host.nameTarget(n)]), syncs: host.syncCount - before, sizes: host.requestSizes, sheets: host.state.sheets.map((s) => s.name) };
    }, { list: names, before });
    // (The pane reads the workbook again 250 ms after the insert: not counted here.)
    expect(found.targets).toEqual(names.map((n) => [n, { sheet: templateLayout().locations.get(n)!.sheet, ref: templateLayout().locations.get(n)!.cell }]));
    expect(found.sheets).toEqual(['Ark1', ...emptyTemplate().sheets.map((s) => s.name)]);
    // One sync to check, then one per batch, each under the adapter's default limit.
    expect(found.syncs).toBeGreaterThanOrEqual(2);
    expect(found.syncs).toBeLessThanOrEqual(5);
    expect(Math.max(...found.sizes)).toBeLessThanOrEqual(DEFAULT_MAX_REQUEST_BYTES);
    await page.close();
  });

  it('refuses to overwrite a sheet of the same name and says which, in Danish', async () => {
    const page = await openPane(browser, origin, "host.addSheet('Data');");
    await page.getByRole('button', { name: 'Indsæt skabelon' }).click();
    await page.getByText('Skabelonen blev ikke indsat.').waitFor({ timeout: 60_000 });
    expect(await page.getByRole('status').innerText()).toMatch(/"Data".*overskriver aldrig/s);
    const sheets = await page.evaluate(() => (window as unknown as { __fakeHost: { state: { sheets: { name: string }[] } } }).__fakeHost.state.sheets.map((s) => s.name));
    expect(sheets).toEqual(['Ark1', 'Data']);
    await page.close();
  });

  it('says what an Excel without the requirement sets lacks, and does not offer the button', async () => {
    const page = await openPane(browser, origin, "host.excelApi = '1.7';");
    await page.getByText(/mangler ExcelApi 1\.8/).waitFor();
    await expect(page.getByRole('button', { name: 'Indsæt skabelon' }).isDisabled()).resolves.toBe(true);
    await page.close();
  });

  it('opened outside Office (the npm office.js, host null), says so in Danish and offers no insertion', async () => {
    const page = await openPaneOutsideOffice(browser, origin);
    await page.getByText('Ruden kører ikke i Excel.', { exact: false }).waitFor({ timeout: 30_000 });
    expect(await page.evaluate(() => typeof (window as unknown as { Office?: unknown }).Office)).toBe('object');
    await expect(page.getByRole('button', { name: 'Indsæt skabelon' }).isDisabled()).resolves.toBe(true);
    await page.close();
  });
});
