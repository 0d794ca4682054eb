/**
 * The pane's Resumé screen in headless Chromium with the fake Excel host (a declared test double
 * that records what is asked of charts and pageLayout): the Ishøj 2017 demo's summary made with
 * its native charts and A4 print setup on an ExcelApi 1.9 host, and made again in place; on an
 * ExcelApi 1.8 host without the print setup, and the pane says so.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { checkScreen, openStill, usePaneSuite } from './browser';
import { seedFromFile } from './seed';
import { runCli } from '../helpers/cli';


const pane = usePaneSuite();
let dir: string;
let seed: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'parathed-resume-'));
  // The demo workbook without its summary: the pane makes it.
  const demo = path.join(dir, 'demo.xlsx');
  expect((await runCli('demo', '--out', demo, '--force')).code).toBe(0);
  const loaded = await seedFromFile(demo);
  seed = JSON.stringify({ ...loaded, sheets: loaded.sheets.filter((s) => s.name !== 'Ledelsesresumé') });
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

type Sheet = { name: string; native: string[]; protection: { protected: boolean } };
const sheets = (page: Page) => page.evaluate(() => (window as unknown as { __fakeHost: { state: { sheets: Sheet[] } } }).__fakeHost.state.sheets.map((s) => ({ name: s.name, native: s.native, protected: s.protection.protected })));

const shoot = (page: Page, name: string): Promise<void> => checkScreen(page, pane.shots, name);

async function resume(excelApi: string): Promise<Page> {
  const page = await openStill(pane, `host.excelApi = '${excelApi}'; host.load(${seed});`);
  await page.getByRole('tab', { name: 'Resumé' }).and(page.locator(':not([disabled])')).click();
  return page;
}

describe('Resumé in the pane', () => {
  it('makes the summary with native charts and the A4 print setup, and makes it again in place', async () => {
    const page = await resume('1.9');
    await page.getByRole('button', { name: 'Lav resumé' }).click();
    await page.getByText('Resuméet er lavet').waitFor({ timeout: 60_000 });
    await expect(page.getByRole('main').innerText()).resolves.toMatch(/Med diagrammer over vurderingerne og de udvalgte indikatorer, sat op til A4\./);
    await shoot(page, 'resume');
    const after = await sheets(page);
    expect(after[0]!.name).toBe('Ledelsesresumé');
    const record = after[0]!.native;
    // Five charts, titled in Danish, on the sheet's own cells; the page set up; the sheet protected again.
    expect(record.filter((l) => /^charts\.add\([^)]*\)$/.test(l))).toHaveLength(5);
    expect(record).toEqual(expect.arrayContaining([expect.stringMatching(/\.title\.text="Vurderingen af de 10 parametre/), 'pageLayout.paperSize="A4"', 'pageLayout.orientation="Landscape"']));
    expect(after[0]!.protected).toBe(true);

    await page.getByRole('button', { name: 'Lav resuméet igen' }).click();
    await page.getByText('Resuméet er lavet').waitFor({ timeout: 60_000 });
    expect((await sheets(page)).filter((s) => s.name === 'Ledelsesresumé')).toHaveLength(1);
    await page.close();
  });

  it('says what an older Excel lacks: no print setup before ExcelApi 1.9', async () => {
    const page = await resume('1.8');
    await page.getByRole('button', { name: 'Lav resumé' }).click();
    await page.getByText('Resuméet er lavet').waitFor({ timeout: 60_000 });
    await expect(page.getByRole('main').innerText()).resolves.toMatch(/mangler ExcelApi 1\.9 \(sideopsætning/);
    const record = (await sheets(page))[0]!.native;
    expect(record.some((l) => l.startsWith('pageLayout'))).toBe(false);
    expect(record.filter((l) => /^charts\.add\([^)]*\)$/.test(l))).toHaveLength(5);
    await page.close();
  });
});
