/**
 * The pane's Tal screen in headless Chromium with the fake Excel host (a declared test double)
 * and the StatBank test double on 127.0.0.1 (another origin than the pane's, so CORS applies):
 * with CORS headers the browser pulls, the change list shows a value typed by hand, which is
 * kept; without them the browser refuses the answers, the pane says what that can mean and the
 * saved responses are imported instead; "Nye tal?" on opening (with that setting on) names an
 * indicator whose table was updated since the pull. Nothing leaves 127.0.0.1.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT, checkScreen, onHost, openStill, usePaneSuite } from './browser';
import { excelResults } from './excel-results';
import { pulledDemo, seedFromFile } from './seed';
import { startStatbankDouble, type StatbankDouble } from '../helpers/statbank-double';
import { reportTables } from '../helpers/statbank-tables';
import { PARAMETERS } from '../../src/model/parameters';

const EXAMPLE = path.join(ROOT, 'examples', 'statbank-konstrueret');

const pane = usePaneSuite();
let double: StatbankDouble;
const tables = reportTables();
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'parathed-tal-'));
  double = await startStatbankDouble(tables, { cors: true });
});

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await double?.close();
});

type Host = { valueOf(name: string): unknown; userEdit(sheet: string, ref: string, v: unknown): void; calculate(r: Record<string, unknown>): void; nameTarget(n: string): { sheet: string; ref: string } | undefined };

const host = <T, A = undefined>(page: Page, fn: (h: Host, arg: A) => T, arg?: A): Promise<T> => onHost(page, fn, arg);

const shoot = (page: Page, name: string): Promise<void> => checkScreen(page, pane.shots, name);

/** A page with the template inserted and Ishøj chosen (as the sheet calculates it). */
async function withIshoej(setup = ''): Promise<Page> {
  const page = await openStill(pane, setup);
  await page.getByRole('button', { name: 'Indsæt skabelon' }).click();
  await page.getByText('Skabelonen er indsat.').waitFor({ timeout: 60_000 });
  await host(page, (h) => h.userEdit('Kommune', 'C3', 'Ishøj'));
  await host(page, (h, r) => h.calculate(r), excelResults(PARAMETERS.map(() => null)));
  await page.getByRole('tab', { name: 'Tal' }).and(page.locator(':not([disabled])')).click();
  await page.getByRole('button', { name: 'Hent tal for Ishøj' }).waitFor();
  return page;
}

describe('Tal: figures from Statistics Denmark in the pane', () => {
  it('pulls with CORS headers, lists the change, keeps the value typed by hand and writes the rest', async () => {
    double.cors = true;
    const page = await withIshoej();
    const typed = await host(page, (h) => h.nameTarget('Ind_Fuldtidsledige_Kommune'));
    await host(page, (h, at) => h.userEdit(at!.sheet, at!.ref, 0.099), typed);
    await page.getByLabel('Adresse til Statistikbanken').fill(double.url);
    const before = double.requests.length;
    await page.getByRole('button', { name: 'Hent tal for Ishøj' }).click();
    await page.getByRole('heading', { name: 'Det ændres (Ishøj)' }).waitFor({ timeout: 60_000 });
    // One tableinfo and one data request per table.
    const made = double.requests.slice(before);
    const perTable = new Map<string, string[]>();
    for (const r of made) perTable.set(r.table.toUpperCase(), [...(perTable.get(r.table.toUpperCase()) ?? []), r.kind]);
    for (const kinds of perTable.values()) expect(kinds.sort()).toEqual(['data', 'tableinfo']);
    const list = page.getByRole('list', { name: 'Ændringer per indikator' });
    await expect(list.innerText()).resolves.toMatch(/0,099 → .*\(skrevet i hånden\)/);
    const keep = page.getByRole('radiogroup', { name: /tal skrevet i hånden/ }).getByRole('radio', { name: 'Behold det skrevne' });
    await expect(keep.isChecked()).resolves.toBe(true);
    await shoot(page, 'tal-aendringer');

    await page.getByRole('button', { name: 'Skriv tallene' }).click();
    await page.getByText('Tallene er skrevet').waitFor({ timeout: 60_000 });
    await shoot(page, 'tal-skrevet');
    // The typed value is kept; the other indicators have figures and provenance in their named cells.
    expect(await host(page, (h) => h.valueOf('Ind_Fuldtidsledige_Kommune'))).toBe(0.099);
    const written = await host(page, (h) => ['Ind_DisponibelIndkomst_Kommune', 'Ind_DisponibelIndkomst_Periode', 'Ind_DisponibelIndkomst_Kilde', 'Kommune_Indbyggere'].map((n) => h.valueOf(n)));
    expect(typeof written[0]).toBe('number');
    expect(String(written[1])).toMatch(/\d{4}/);
    expect(String(written[2])).toMatch(/Danmarks Statistik/);
    expect(typeof written[3]).toBe('number');
    await page.close();
  });

  it('without CORS headers says what it can mean, and imports the saved responses into the same cells', async () => {
    double.cors = false;
    const page = await withIshoej();
    await page.getByLabel('Adresse til Statistikbanken').fill(double.url);
    await page.getByRole('button', { name: 'Hent tal for Ishøj' }).click();
    await page.getByText('Statistikbanken kunne ikke nås').first().waitFor({ timeout: 60_000 });
    await expect(page.getByRole('main').innerText()).resolves.toMatch(/CORS/);
    await shoot(page, 'tal-ingen-forbindelse');

    // The shipped example responses were saved for --year 2017.
    await page.getByRole('radio', { name: 'Alle indikatorer fra ét år' }).check();
    await page.getByRole('textbox', { name: 'År', exact: true }).fill('2017');
    const files = readdirSync(EXAMPLE).map((name) => ({ name, mimeType: 'application/json', buffer: readFileSync(path.join(EXAMPLE, name)) }));
    await page.getByLabel('Gemte svar (filer eller zip-fil)').setInputFiles(files);
    await page.getByRole('heading', { name: 'Det ændres (Ishøj)' }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Skriv tallene' }).click();
    await page.getByText('Tallene er skrevet').waitFor({ timeout: 60_000 });
    const cells = await host(page, (h) => ['Ind_Fuldtidsledige_Kommune', 'Ind_Fuldtidsledige_Periode', 'Ind_Fuldtidsledige_Kilde'].map((n) => h.valueOf(n)));
    expect(typeof cells[0]).toBe('number');
    expect(String(cells[1])).toMatch(/2017/);
    // Constructed example responses are cited as such, never as Statistics Denmark's figures.
    expect(String(cells[2])).toMatch(/konstrueret/i);
    await page.close();
  });

  it('says on opening which indicators have newer figures since the pull (Nye tal?)', async () => {
    double.cors = true;
    // A workbook pulled from the double by the command line, then a table updated at StatBank.
    const pulled = await pulledDemo(dir, double.url);
    const aul = tables.find((t) => t.id === 'AULKP01')!;
    aul.updated = '2099-01-01T08:00:00';
    try {
      const seed = await seedFromFile(pulled);
      // Asked on opening: the user turned that on (without it, the Tal screen asks: races.test.ts).
      const page = await openStill(pane, `localStorage.setItem('parathed.statbankUrl', ${JSON.stringify(double.url)}); localStorage.setItem('parathed.newerOnOpen', '1'); host.load(${JSON.stringify(seed)});`);
      await page.getByText('Nye tal hos Danmarks Statistik').waitFor({ timeout: 60_000 });
      await expect(page.getByRole('main').innerText()).resolves.toMatch(/Én indikator har nyere tal.*Fuldtidsledige/i);
      await shoot(page, 'start-nye-tal');
      await page.evaluate(() => localStorage.removeItem('parathed.newerOnOpen'));
      await page.close();
    } finally {
      delete aul.updated;
    }
  });
});
