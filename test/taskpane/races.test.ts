/**
 * The pane never races, in headless Chromium with the fake Excel host (a declared test double)
 * and the StatBank test double on 127.0.0.1: while a write runs (Excel held busy with the host's
 * `hold`), the tabs and the write buttons are disabled and a double click starts one write; while
 * a pull only reads from Statistics Denmark, the tabs stay usable, a double click starts one pull
 * and leaving Tal aborts it (no request after). "Nye tal?" asks Statistics Denmark on opening only
 * with the setting on; otherwise on the Tal screen.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page, Route } from 'playwright-core';
import { ishoej2017 } from '../../src/examples/ishoej';
import { PARAMETERS } from '../../src/model/parameters';
import { describeWorkbook } from '../../src/workbook/template';
import { writeXlsx } from '../../src/xlsx/xlsx-workbook';
import { checkScreen, onHost, openStill, screenshot, usePaneSuite } from './browser';
import { excelResults } from './excel-results';
import { pulledDemo, seedFromFile } from './seed';
import { startStatbankDouble, type StatbankDouble } from '../helpers/statbank-double';
import { reportTables } from '../helpers/statbank-tables';

const pane = usePaneSuite();
let double: StatbankDouble;
const tables = reportTables();
let dir: string;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const files: { name: string; mimeType: string; buffer: Buffer }[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'parathed-races-'));
  double = await startStatbankDouble(tables, { cors: true });
  files.push({ name: 'ishoej-2017.xlsx', mimeType: XLSX, buffer: Buffer.from(await writeXlsx(describeWorkbook(ishoej2017().assessment))) });
  files.push({ name: 'referat.xlsx', mimeType: XLSX, buffer: Buffer.from('Referat af mødet, ikke en projektmappe.') });
});

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await double?.close();
});

type Host = { hold(): void; release(): void; waiting: number; userEdit(sheet: string, ref: string, v: unknown): void; calculate(r: Record<string, unknown>): void; state: { sheets: { name: string }[] } };
const host = <T, A = undefined>(page: Page, fn: (h: Host, arg: A) => T, arg?: A): Promise<T> => onHost(page, fn, arg);

/** Lets the page run on for a while (what a second write or pull would need to reach Excel or the network). */
const settle = (page: Page) => page.evaluate(() => new Promise((r) => setTimeout(r, 750)));

/** Waits until `fn` answers true (60 s at most). */
async function until(fn: () => boolean | Promise<boolean>): Promise<void> {
  const end = Date.now() + 60_000;
  while (!(await fn())) {
    if (Date.now() > end) throw new Error(`still not: ${fn.toString()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const tab = (page: Page, name: string) => page.getByRole('tab', { name, exact: true });

/** A page with the template inserted and Ishøj chosen (as the sheet calculates it), on Tal. */
async function withIshoej(): Promise<Page> {
  const page = await openStill(pane);
  await page.getByRole('button', { name: 'Indsæt skabelon' }).click();
  await page.getByText('Skabelonen er indsat.').waitFor({ timeout: 60_000 });
  await host(page, (h) => h.userEdit('Kommune', 'C3', 'Ishøj'));
  await host(page, (h, r) => h.calculate(r), excelResults(PARAMETERS.map(() => null)));
  await tab(page, 'Tal').and(page.locator(':not([disabled])')).click();
  await page.getByRole('button', { name: 'Hent tal for Ishøj' }).waitFor();
  return page;
}

/** Holds every request to the StatBank double until `release`; records them. */
async function holdStatbank(page: Page): Promise<{ held: string[]; release(): void }> {
  const held: string[] = [];
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  await page.route(`${double.url}**`, async (route: Route) => {
    held.push(route.request().url());
    await gate;
    await route.continue().catch(() => undefined);
  });
  return { held, release };
}

describe('the pane never races', () => {
  it('Saml: while the overview is written the tabs and buttons wait, and a double click on Erstat oversigten writes once', async () => {
    const page = await openStill(pane);
    await tab(page, 'Saml').click();
    const picker = page.getByLabel('Kommunernes projektmapper (.xlsx)');
    await picker.setInputFiles(files);
    await page.getByText('Oversigten er skrevet').waitFor({ timeout: 60_000 });
    await picker.setInputFiles(files);
    await page.getByText('Projektmappen har allerede en oversigt').waitFor({ timeout: 60_000 });

    await host(page, (h) => h.hold());
    await page.getByRole('button', { name: 'Erstat oversigten' }).dblclick();
    await page.waitForFunction(() => (window as unknown as { __fakeHost: Host }).__fakeHost.waiting > 0);
    await settle(page);
    // One write reached Excel; the second click started nothing.
    expect(await host(page, (h) => h.waiting)).toBe(1);
    await page.getByText('Skriver oversigten …').waitFor();
    await expect(page.getByRole('button', { name: 'Erstat oversigten' }).isDisabled()).resolves.toBe(true);
    for (const name of ['Start', 'Saml']) await expect(tab(page, name).isDisabled()).resolves.toBe(true);
    // A tab change during the write does nothing.
    await tab(page, 'Start').click({ force: true });
    await expect(page.getByRole('heading', { name: 'Saml flere kommuner' }).isVisible()).resolves.toBe(true);
    // The second click landed on the text the spinner moved under it: no selection in the picture.
    await page.evaluate(() => getSelection()?.removeAllRanges());
    await checkScreen(page, pane.shots, 'saml-skriver');

    await host(page, (h) => h.release());
    await page.getByText('Oversigten er skrevet').waitFor({ timeout: 60_000 });
    await expect(tab(page, 'Start').isDisabled()).resolves.toBe(false);
    expect((await host(page, (h) => h.state.sheets.map((s) => s.name))).filter((n) => n === 'Oversigt')).toHaveLength(1);
    await page.close();
  });

  it('Vurdering: while a rating is written the tabs wait and the other levels are disabled', async () => {
    const page = await openStill(pane);
    await page.getByRole('button', { name: 'Indsæt skabelon' }).click();
    await page.getByText('Skabelonen er indsat.').waitFor({ timeout: 60_000 });
    await tab(page, 'Vurdering').and(page.locator(':not([disabled])')).click();
    await host(page, (h) => h.hold());
    const first = page.getByRole('group', { name: PARAMETERS[0]!.navn });
    await first.getByRole('button', { name: /^3 · / }).dblclick();
    await page.waitForFunction(() => (window as unknown as { __fakeHost: Host }).__fakeHost.waiting > 0);
    await settle(page);
    expect(await host(page, (h) => h.waiting)).toBe(1);
    await expect(tab(page, 'Tal').isDisabled()).resolves.toBe(true);
    await expect(page.getByRole('group', { name: PARAMETERS[1]!.navn }).getByRole('button', { name: /^2 · / }).isDisabled()).resolves.toBe(true);
    await host(page, (h) => h.release());
    await until(async () => !(await tab(page, 'Tal').isDisabled()));
    await page.close();
  });

  it('Resumé and Kommune: while the summary or the municipality is written the tabs wait, and a double click makes one write', async () => {
    const page = await openStill(pane);
    await page.getByRole('button', { name: 'Indsæt skabelon' }).click();
    await page.getByText('Skabelonen er indsat.').waitFor({ timeout: 60_000 });
    await tab(page, 'Resumé').and(page.locator(':not([disabled])')).click();
    await host(page, (h) => h.hold());
    await page.getByRole('button', { name: 'Lav resumé' }).dblclick();
    await page.waitForFunction(() => (window as unknown as { __fakeHost: Host }).__fakeHost.waiting > 0);
    await settle(page);
    expect(await host(page, (h) => h.waiting)).toBe(1);
    for (const name of ['Start', 'Kommune', 'Resumé']) await expect(tab(page, name).isDisabled()).resolves.toBe(true);
    await host(page, (h) => h.release());
    await page.getByText('Resuméet er lavet').waitFor({ timeout: 60_000 });
    await expect(tab(page, 'Kommune').isDisabled()).resolves.toBe(false);

    await tab(page, 'Kommune').click();
    await host(page, (h) => h.hold());
    await page.getByRole('combobox', { name: 'Kommune' }).click();
    await page.getByRole('option', { name: 'Ishøj' }).click();
    await page.waitForFunction(() => (window as unknown as { __fakeHost: Host }).__fakeHost.waiting > 0);
    await expect(tab(page, 'Vurdering').isDisabled()).resolves.toBe(true);
    await expect(page.getByRole('combobox', { name: 'Kommune' }).isDisabled()).resolves.toBe(true);
    await host(page, (h) => h.release());
    await until(async () => !(await tab(page, 'Vurdering').isDisabled()));
    await page.close();
  });

  it('Tal: a double click starts one pull, the tabs stay usable while it reads, and leaving Tal aborts it', async () => {
    double.cors = true;
    const page = await withIshoej();
    await page.getByLabel('Adresse til Statistikbanken').fill(double.url);
    const statbank = await holdStatbank(page);
    const before = double.requests.length;
    await page.getByRole('button', { name: 'Hent tal for Ishøj' }).dblclick();
    await until(() => statbank.held.length > 0);
    await settle(page);
    // One pull: no request twice.
    expect(new Set(statbank.held).size).toBe(statbank.held.length);
    const asked = statbank.held.length;
    // Only reading: the tabs stay enabled; leaving Tal aborts the pull.
    await expect(tab(page, 'Start').isDisabled()).resolves.toBe(false);
    await tab(page, 'Start').click();
    await page.getByRole('heading', { name: 'Parathedsvurdering' }).waitFor();
    statbank.release();
    await settle(page);
    // Nothing asked after the abort (the pull asks one request at a time): StatBank saw at most the one held when Tal was left.
    expect(statbank.held.length).toBe(asked);
    expect(double.requests.length - before).toBeLessThanOrEqual(asked);
    await page.close();
  });

  it('Tal: while the figures are written the tabs wait, and a double click on Skriv tallene writes once', async () => {
    double.cors = true;
    const page = await withIshoej();
    await page.getByLabel('Adresse til Statistikbanken').fill(double.url);
    await page.getByRole('button', { name: 'Hent tal for Ishøj' }).click();
    await page.getByRole('heading', { name: 'Det ændres (Ishøj)' }).waitFor({ timeout: 60_000 });
    await host(page, (h) => h.hold());
    await page.getByRole('button', { name: 'Skriv tallene' }).dblclick();
    await page.waitForFunction(() => (window as unknown as { __fakeHost: Host }).__fakeHost.waiting > 0);
    await settle(page);
    expect(await host(page, (h) => h.waiting)).toBe(1);
    for (const name of ['Start', 'Kommune', 'Tal']) await expect(tab(page, name).isDisabled()).resolves.toBe(true);
    // Its progress bar runs while Excel is held: a screenshot without axe's wait for still animations.
    await screenshot(page, pane.shots, 'tal-skriver');
    await host(page, (h) => h.release());
    await page.getByText('Tallene er skrevet').waitFor({ timeout: 60_000 });
    await expect(tab(page, 'Start').isDisabled()).resolves.toBe(false);
    await page.close();
  });

  it('Nye tal?: asks Statistics Denmark on opening only with the setting on, otherwise on the Tal screen', async () => {
    double.cors = true;
    const pulled = await pulledDemo(dir, double.url);
    const seed = JSON.stringify(await seedFromFile(pulled));
    const url = JSON.stringify(double.url);

    // Setting off (the default): opening asks nothing.
    let before = double.requests.length;
    let page = await openStill(pane, `localStorage.setItem('parathed.statbankUrl', ${url}); host.load(${seed});`);
    await page.getByText(/Projektmappen indeholder en parathedsvurdering/).waitFor({ timeout: 60_000 });
    await settle(page);
    expect(double.requests.length).toBe(before);
    await expect(page.getByText('Nye tal hos Danmarks Statistik').count()).resolves.toBe(0);
    // The Tal screen asks.
    await tab(page, 'Tal').and(page.locator(':not([disabled])')).click();
    await page.getByText(/Nye tal hos Danmarks Statistik|Ingen nye tal hos Danmarks Statistik/).waitFor({ timeout: 60_000 });
    expect(double.requests.length).toBeGreaterThan(before);
    // The setting is turned on there, and kept.
    await page.getByRole('switch', { name: 'Se efter nye tal, når en projektmappe åbnes' }).check();
    await expect(page.evaluate(() => localStorage.getItem('parathed.newerOnOpen'))).resolves.toBe('1');
    await page.close();

    // Setting on: opening asks at once.
    before = double.requests.length;
    page = await openStill(pane, `localStorage.setItem('parathed.statbankUrl', ${url}); localStorage.setItem('parathed.newerOnOpen', '1'); host.load(${seed});`);
    await page.getByText(/Nye tal hos Danmarks Statistik|Ingen nye tal hos Danmarks Statistik/).waitFor({ timeout: 60_000 });
    expect(double.requests.filter((r, i) => i >= before && r.kind === 'tableinfo').length).toBeGreaterThan(0);
    await page.evaluate(() => localStorage.removeItem('parathed.newerOnOpen'));
    await page.close();
  });
});
