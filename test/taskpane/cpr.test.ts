/**
 * No CPR-shaped number on any pane screen (issue 21), in headless Chromium with the fake Excel
 * host: a workbook with one in every input cell (as text and as the nine-digit number a
 * 0101901234 typed into a General cell becomes) is shown on Start, Kommune, Vurdering ("Cellen
 * indeholder …") and Tjek; one whose counts and figures are such numbers goes through Tal's
 * change list (saved responses) and Sammenlign; files holding every form go through Saml, one
 * of them with the number in its name. Each screen's DOM (and the sheets Saml writes) is searched
 * for the digits after removing ".", ",", spaces, non-breaking spaces and "-", and for the number
 * in scientific notation.
 */
import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { CPR_MASK } from '../../src/model/cpr';
import { KOMMUNE_NAMES, VURDERING_DATO_NAME } from '../../src/model/indicators';
import { schemaAt } from '../../src/model/schema';
import { inputFields } from '../../src/workbook/fields';
import { runCli } from '../helpers/cli';
import { writeWithNamedCells } from '../helpers/named-cells';
import { ROOT, openStill, usePaneSuite } from './browser';
import { seedFromFile } from './seed';

const pane = usePaneSuite();
const EXAMPLE = path.join(ROOT, 'examples', 'statbank-konstrueret');
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DIGITS = '01901234';
const FORMS: ExcelJS.CellValue[] = ['010190-1234', '010190 1234', 'Borger 010190\u00a01234', '0101901234', 1101901234, 101901234, '1.01901234E+08', '101901234,0'];

let dir: string;
let demo: Buffer;
const file = (name: string) => path.join(dir, name);

function leaks(text: string): string[] {
  const found: string[] = [];
  const flat = text.replace(/[.,\s\u00a0\u202f-]/g, '');
  for (let i = flat.indexOf(DIGITS); i >= 0; i = flat.indexOf(DIGITS, i + 1)) found.push(flat.slice(Math.max(0, i - 40), i + 40));
  for (const m of text.matchAll(/1[.,]1?0190\d*\s*e\s*\+?0?[89]/gi)) found.push(m[0]);
  return found;
}

/** The demo with every input field but the named ones set to `value`. */
async function everyField(value: ExcelJS.CellValue, name: string, except: string[] = []): Promise<string> {
  const values: Record<string, ExcelJS.CellValue> = {};
  for (const f of inputFields()) if (!except.includes(f.name)) values[f.name] = value;
  return writeWithNamedCells(demo, values, file(name));
}

/** The demo, dated 2013, with every count and figure that accepts the number set to it: no problems. */
async function validWith(value: number, name: string): Promise<string> {
  const values: Record<string, ExcelJS.CellValue> = { [VURDERING_DATO_NAME]: new Date(Date.UTC(2013, 4, 1)) };
  for (const f of inputFields()) if ((f.kind === 'count' || f.kind === 'figure') && schemaAt(f.path).safeParse(value).success) values[f.name] = value;
  await writeWithNamedCells(demo, values, file(name));
  const { problems } = JSON.parse((await runCli('validate', file(name), '--json')).out) as { problems: { name: string }[] };
  for (const p of problems) delete values[p.name];
  return writeWithNamedCells(demo, values, file(name));
}

/** Everything the page shows: its HTML and every field's value. */
const dom = (page: Page): Promise<string> =>
  page.evaluate(() => document.documentElement.outerHTML + Array.from(document.querySelectorAll('input, textarea')).map((e) => (e as HTMLInputElement).value).join('\n'));

const shown: string[] = [];
async function look(page: Page, where: string): Promise<void> {
  for (const l of leaks(await dom(page))) shown.push(`${where}: …${l}…`);
}

const seeded = async (xlsx: string) => openStill(pane, `host.load(${JSON.stringify(await seedFromFile(xlsx))});`);
const tab = async (page: Page, name: string | RegExp) => {
  await page.getByRole('tab', { name }).and(page.locator(':not([disabled])')).click();
};

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'parathed-pane-cpr-'));
  expect((await runCli('demo', '--out', file('demo.xlsx'))).code).toBe(0);
  demo = readFileSync(file('demo.xlsx'));
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('no CPR-shaped number on any pane screen', () => {
  it.each<[string, ExcelJS.CellValue]>([
    ['text', '010190-1234'],
    ['the nine-digit number', 101901234],
  ])('Start, Kommune, Vurdering and Tjek with %s in every input cell', async (label, value) => {
    const page = await seeded(await everyField(value, `every-${label}.xlsx`));
    await page.getByText(/Projektmappen indeholder en parathedsvurdering/).waitFor({ timeout: 60_000 });
    await look(page, `Start (${label})`);
    await tab(page, 'Kommune');
    await page.getByRole('combobox', { name: 'Kommune' }).waitFor();
    await look(page, `Kommune (${label})`);
    await tab(page, 'Vurdering');
    await page.getByText(/Cellen indeholder/).first().waitFor();
    await look(page, `Vurdering (${label})`);
    await tab(page, /Tjek/);
    await page.getByText(/CPR-nummer/).first().waitFor();
    await look(page, `Tjek (${label})`);
    await page.close();
  });

  it('Tal: the change list of a pull over counts and figures typed as such numbers', async () => {
    const page = await seeded(await validWith(101901234, 'valid-tal.xlsx'));
    await tab(page, 'Tal');
    await page.getByRole('radio', { name: 'Alle indikatorer fra ét år' }).check();
    await page.getByRole('textbox', { name: 'År', exact: true }).fill('2017');
    const files = readdirSync(EXAMPLE).map((name) => ({ name, mimeType: 'application/json', buffer: readFileSync(path.join(EXAMPLE, name)) }));
    await page.getByLabel('Gemte svar (filer eller zip-fil)').setInputFiles(files);
    await page.getByRole('heading', { name: 'Det ændres (Ishøj)' }).waitFor({ timeout: 60_000 });
    await expect(page.getByRole('main').innerText()).resolves.toContain(`${CPR_MASK} →`);
    await look(page, 'Tal');
    await page.close();
  });

  it('Tal: a chosen file named with such a number, too big to be saved responses, is named masked', async () => {
    const page = await seeded(await validWith(101901234, 'valid-tal-navn.xlsx'));
    await tab(page, 'Tal');
    // Over the size limit without taking room: a sparse file.
    const big = path.join(dir, 'Borger 010190-1234.zip');
    writeFileSync(big, '');
    truncateSync(big, 64 * 1024 * 1024);
    await page.getByLabel('Gemte svar (filer eller zip-fil)').setInputFiles(big);
    await page.getByText(`Borger ${CPR_MASK}.zip: Filen er for stor`).first().waitFor({ timeout: 60_000 });
    await look(page, 'Tal (a file name)');
    await page.close();
  });

  it('Resumé: the summary the pane writes of counts and figures typed as such numbers', async () => {
    const page = await seeded(await validWith(101901234, 'valid-resume.xlsx'));
    await tab(page, 'Resumé');
    await page.getByRole('button', { name: 'Lav resumé' }).click();
    await page.getByRole('button', { name: 'Vis resuméet' }).waitFor({ timeout: 60_000 });
    await look(page, 'Resumé');
    const summary = await page.evaluate(() =>
      JSON.stringify(
        [...(window as unknown as { __fakeHost: { state: { sheets: { name: string; cells: Map<string, { value: unknown; formula?: string }> }[] } } }).__fakeHost.state.sheets.find((s) => s.name === 'Ledelsesresumé')!.cells.values()].map((c) => [c.value, c.formula ?? '']),
      ),
    );
    expect(summary).toContain('CPR-nummer');
    for (const l of leaks(summary)) shown.push(`Resumé's sheet: …${l}…`);
    await page.close();
  });

  it('Sammenlign: a previous file with such numbers and the number in its name', async () => {
    const previous = await validWith(1101901234, 'valid-sammenlign.xlsx');
    const page = await seeded(file('demo.xlsx'));
    await tab(page, 'Sammenlign');
    await page.getByLabel('Sidste vurderings projektmappe (.xlsx)').setInputFiles({ name: 'Borger 010190-1234.xlsx', mimeType: XLSX, buffer: readFileSync(previous) });
    await page.getByText(`Borger ${CPR_MASK}.xlsx`).first().waitFor({ timeout: 60_000 });
    await look(page, 'Sammenlign');
    await page.close();
  });

  it('Saml: every form in every field, and the number in a file name; the list and the sheets written', async () => {
    const files = [];
    for (const [i, value] of FORMS.entries()) {
      files.push({ name: i === 0 ? 'Borger 0101901234.xlsx' : `form-${i}.xlsx`, mimeType: XLSX, buffer: readFileSync(await everyField(value, `saml-${i}.xlsx`, [KOMMUNE_NAMES.navn])) });
    }
    files.push({ name: 'valid.xlsx', mimeType: XLSX, buffer: readFileSync(await validWith(101901234, 'valid-saml.xlsx')) });
    const page = await openStill(pane);
    await tab(page, 'Saml');
    await page.getByLabel('Kommunernes projektmapper (.xlsx)').setInputFiles(files);
    await page.getByText('Oversigten er skrevet').waitFor({ timeout: 120_000 });
    await expect(page.getByRole('list', { name: 'Filer' }).innerText()).resolves.toContain(`Borger ${CPR_MASK}.xlsx`);
    await look(page, 'Saml');
    const written = await page.evaluate(() =>
      JSON.stringify(
        (window as unknown as { __fakeHost: { state: { sheets: { name: string; cells: Map<string, { value: unknown; formula?: string }> }[] } } }).__fakeHost.state.sheets.map((s) => [
          s.name,
          [...s.cells.values()].map((c) => [c.value, c.formula ?? '']),
        ]),
      ),
    );
    expect(written).toContain('Oversigt');
    for (const l of leaks(written)) shown.push(`Saml's sheets: …${l}…`);
    await page.close();
  }, 180_000);

  it('none of the screens shows the number', () => {
    // Checked after every screen was looked at (the tests above run first): a leak names the screen.
    expect(shown).toEqual([]);
  });
});
