/**
 * The pane's Saml screen in headless Chromium with the fake Excel host (a declared test double):
 * three workbook files chosen (two municipalities and one file that is not a workbook), each
 * checked in the browser by the consolidation core and shown with its status as it goes, then
 * Oversigt and Filer written as new sheets of the open workbook, an Excel table on Oversigt; a
 * second run asks before it replaces them. A set with a byte copy, a same-date pair and a broken
 * file: the pane's final statuses and reasons are what `consolidate --json` says. And Sammenlign: the open Ishøj 2017 workbook against
 * an earlier cycle's file, read in the browser, per parameter and indicator with both dates.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ishoej2017 } from '../../src/examples/ishoej';
import type { Assessment } from '../../src/model/schema';
import { PARAMETERS } from '../../src/model/parameters';
import { scoreCells } from '../../src/scoring/score';
import { describeWorkbook } from '../../src/workbook/template';
import { writeXlsx } from '../../src/xlsx/xlsx-workbook';
import { checkScreen, openStill, usePaneSuite } from './browser';
import { seedFromFile } from './seed';
import { runCli } from '../helpers/cli';

const pane = usePaneSuite();
const files: { name: string; mimeType: string; buffer: Buffer }[] = [];
const KOEGE = [4, 4, 3, 3, 4, 3, 3, 4, 4, 3];
let demoSeed: string;
/** The open workbook's Vurdering_Dato for Sammenlign. */
const NOW = '2017-12-15';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function assessment(kommune: string, ratings: number[], dato: string): Assessment {
  const a = structuredClone(ishoej2017().assessment);
  a.kommune.navn = kommune;
  a.vurderingDato = dato;
  PARAMETERS.forEach((p, i) => (a.vurderinger[p.id] = ratings[i] as Assessment['vurderinger'][string]));
  return a;
}

beforeAll(async () => {
  const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  files.push({ name: 'ishoej-2017.xlsx', mimeType: xlsx, buffer: Buffer.from(await writeXlsx(describeWorkbook(ishoej2017().assessment))) });
  files.push({ name: 'koege-2019.xlsx', mimeType: xlsx, buffer: Buffer.from(await writeXlsx(describeWorkbook(assessment('Køge', KOEGE, '2019-04-01')))) });
  files.push({ name: 'referat.xlsx', mimeType: xlsx, buffer: Buffer.from('Referat af mødet, ikke en projektmappe.') });
  // The open workbook for Sammenlign: the Ishøj 2017 demo, as the fake host's content.
  const dir = mkdtempSync(path.join(tmpdir(), 'parathed-saml-'));
  try {
    const demo = path.join(dir, 'demo.xlsx');
    writeFileSync(demo, await writeXlsx(describeWorkbook({ ...ishoej2017().assessment, vurderingDato: NOW })));
    demoSeed = JSON.stringify(await seedFromFile(demo));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

type Sheet = { name: string; visibility: string; native: string[]; cells: Map<string, { value: unknown; formula?: string }> };
const state = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as { __fakeHost: { state: { sheets: Sheet[] } } }).__fakeHost.state.sheets.map((s) => ({ name: s.name, hidden: s.visibility !== 'Visible', native: s.native, a1: s.cells.get('A1')?.value, cells: [...s.cells.values()].map((c) => c.value) })),
  );

describe('Saml flere kommuner in the pane', () => {
  it('checks three files as it goes, rejects the one that is not a workbook, and writes Oversigt and Filer', async () => {
    const page = await openStill(pane);
    await page.getByRole('tab', { name: 'Saml' }).click();
    await page.getByLabel('Kommunernes projektmapper (.xlsx)').setInputFiles(files);
    await page.getByText('Oversigten er skrevet').waitFor({ timeout: 60_000 });
    const list = await page.getByRole('list', { name: 'Filer' }).innerText();
    expect(list).toMatch(/ishoej-2017\.xlsx: godkendt( med advarsler)? \(Ishøj\)/);
    expect(list).toMatch(/koege-2019\.xlsx: godkendt( med advarsler)? \(Køge\)/);
    expect(list).toMatch(/referat\.xlsx: afvist/);
    await expect(page.getByRole('main').innerText()).resolves.toMatch(/2 kommuner i arket Oversigt; alle 3 filer med status i arket Filer/);
    await checkScreen(page, pane.shots, 'saml');

    const sheets = await state(page);
    const oversigt = sheets.find((s) => s.name === 'Oversigt')!;
    const filer = sheets.find((s) => s.name === 'Filer')!;
    expect(oversigt.a1).toBe('Kode');
    // Sorted by Samlet score, highest first: Køge's before Ishøj's; the table recorded over the rows.
    const koege = scoreCells(KOEGE);
    expect(oversigt.cells).toEqual(expect.arrayContaining(['Køge', 'Ishøj']));
    expect(oversigt.cells.indexOf('Køge')).toBeLessThan(oversigt.cells.indexOf('Ishøj'));
    expect(koege.samlet).toBeGreaterThan(3);
    expect(oversigt.native.some((l) => /^tables\.add\("A1:[A-Z]+\d+",true\)$/.test(l))).toBe(true);
    expect(filer.cells).toEqual(expect.arrayContaining(['referat.xlsx', 'afvist']));
    // An empty workbook has no scale list of the template: the hidden Skala sheet brings it.
    expect(sheets.find((s) => s.name === 'Skala')?.hidden).toBe(true);

    // Again: the pane asks before it replaces the overview.
    await page.getByLabel('Kommunernes projektmapper (.xlsx)').setInputFiles(files.slice(0, 2));
    await page.getByText('Projektmappen har allerede en oversigt').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Erstat oversigten' }).click();
    await page.getByText('Oversigten er skrevet').waitFor({ timeout: 60_000 });
    const again = await state(page);
    expect(again.filter((s) => s.name === 'Oversigt')).toHaveLength(1);
    expect(again.find((s) => s.name === 'Filer')!.cells).not.toContain('referat.xlsx');
    await page.close();
  });

  it('shows every file’s final status and reasons, as consolidate --json says: a byte copy, a same-date pair and a broken file', async () => {
    const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    const ishoej = Buffer.from(await writeXlsx(describeWorkbook(assessment('Ishøj', [3, 3, 3, 3, 3, 3, 3, 3, 3, 3], '2017-06-30'))));
    const set = [
      // The byte copy: one assessment, the first in Danish name order used ("aa" is "å", after "k").
      { name: 'aa-ishoej-2017.xlsx', mimeType: xlsx, buffer: ishoej },
      { name: 'kopi af ishoej-2017.xlsx', mimeType: xlsx, buffer: ishoej },
      // Ishøj's older assessment: never the row in place of the copied newer one.
      { name: 'ishoej-2013.xlsx', mimeType: xlsx, buffer: Buffer.from(await writeXlsx(describeWorkbook(assessment('Ishøj', [2, 2, 2, 2, 2, 2, 2, 2, 2, 2], '2013-05-01')))) },
      // One municipality, one date, two different files.
      files[1]!,
      { name: 'koege-2019-b.xlsx', mimeType: xlsx, buffer: Buffer.from(await writeXlsx(describeWorkbook(assessment('Køge', [1, 1, 1, 1, 1, 1, 1, 1, 1, 1], '2019-04-01')))) },
      files[2]!,
    ];
    // What the command line says of the same files.
    const dir = mkdtempSync(path.join(tmpdir(), 'parathed-saml-cli-'));
    let expected: [string, string, string[]][];
    try {
      const inputs = path.join(dir, 'indsendt');
      mkdirSync(inputs);
      for (const f of set) writeFileSync(path.join(inputs, f.name), f.buffer);
      const run = await runCli('consolidate', inputs, '--out', path.join(dir, 'oversigt.xlsx'), '--json');
      const json = JSON.parse(run.out) as { files: { file: string; status: string; reasons: { message: string }[] }[] };
      const bare = (t: string) => t.split(`${inputs}${path.sep}`).join('');
      const STATUS_TEXT: Record<string, string> = { godkendt: 'godkendt', advarsel: 'godkendt med advarsler', afvist: 'afvist' };
      expected = json.files.map((f) => [bare(f.file), STATUS_TEXT[f.status]!, f.reasons.map((r) => bare(r.message))]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(expected.map(([name, status]) => [name, status]).sort()).toEqual(
      [
        ['aa-ishoej-2017.xlsx', 'afvist'],
        ['ishoej-2013.xlsx', expect.stringMatching(/^godkendt/)],
        ['koege-2019-b.xlsx', 'afvist'],
        ['koege-2019.xlsx', 'afvist'],
        ['kopi af ishoej-2017.xlsx', expect.stringMatching(/^godkendt/)],
        ['referat.xlsx', 'afvist'],
      ].sort(),
    );

    const page = await openStill(pane);
    await page.getByRole('tab', { name: 'Saml' }).click();
    await page.getByLabel('Kommunernes projektmapper (.xlsx)').setInputFiles(set);
    await page.getByText('Oversigten er skrevet').waitFor({ timeout: 60_000 });
    const shown = await page.getByRole('list', { name: 'Filer' }).locator('li').evaluateAll((items) =>
      items.map((li) => {
        const [head, ...reasons] = Array.from(li.children).map((c) => (c as HTMLElement).innerText);
        const m = /^(.*): (godkendt med advarsler|godkendt|afvist)(?: \(.*\))?$/.exec(head!)!;
        return [m[1]!, m[2]!, reasons.map((r) => r.replace(/^[^:!]+![A-Z]+\d+: /, ''))] as [string, string, string[]];
      }),
    );
    const sorted = (l: [string, string, string[]][]) => [...l].sort((a, b) => a[0].localeCompare(b[0]));
    // The reasons the file itself gives are compared by their messages (the pane shows the sheet and cell before each).
    expect(sorted(shown)).toEqual(sorted(expected).map(([n, st, reasons]) => [n, st, reasons]));
    // The row of Ishøj is the used copy of its newest assessment; AGGREGATE is written without a file's _xlfn. prefix.
    const sheets = await state(page);
    expect(sheets.find((s) => s.name === 'Oversigt')!.cells).toContain('kopi af ishoej-2017.xlsx');
    expect(sheets.find((s) => s.name === 'Oversigt')!.cells).not.toContain('ishoej-2013.xlsx');
    const formulas = await page.evaluate(() =>
      [...(window as unknown as { __fakeHost: { state: { sheets: Sheet[] } } }).__fakeHost.state.sheets.find((s) => s.name === 'Oversigt')!.cells.values()].map((c) => c.formula ?? ''),
    );
    expect(formulas.filter((f) => /AGGREGATE\(/.test(f)).length).toBeGreaterThan(10);
    expect(formulas.filter((f) => f.includes('_xlfn'))).toEqual([]);
    await page.close();
  });

  it('writes no overview into a workbook that holds an assessment, and says to open a new blank workbook', async () => {
    const page = await openStill(pane, `host.load(${demoSeed});`);
    const before = await state(page);
    await page.getByRole('tab', { name: 'Saml' }).click();
    await page.getByLabel('Kommunernes projektmapper (.xlsx)').setInputFiles(files.slice(0, 2));
    await page.getByText('Oversigten er ikke skrevet').waitFor({ timeout: 60_000 });
    await expect(page.getByRole('main').innerText()).resolves.toMatch(/Denne projektmappe er en udfyldt vurdering for Ishøj, så oversigten skrives ikke i den .*Åbn en ny, tom projektmappe/s);
    // The files' statuses stay on the screen; the workbook is as it was.
    await expect(page.getByRole('list', { name: 'Filer' }).innerText()).resolves.toMatch(/koege-2019\.xlsx: godkendt/);
    expect(await state(page)).toEqual(before);
    await checkScreen(page, pane.shots, 'saml-i-vurdering');
    await page.close();
  });

  it('compares the open workbook with the previous cycle’s file: then → now, with both dates and the periods', async () => {
    const earlier = assessment('Ishøj', [2, 2, 2, 2, 2, 2, 2, 2, 2, 2], '2013-05-01');
    const file = { name: 'ishoej-2013.xlsx', mimeType: XLSX, buffer: Buffer.from(await writeXlsx(describeWorkbook(earlier))) };
    const page = await openStill(pane, `host.load(${demoSeed});`);
    await page.getByRole('tab', { name: 'Sammenlign' }).and(page.locator(':not([disabled])')).click();
    await page.getByLabel('Sidste vurderings projektmappe (.xlsx)').setInputFiles(file);
    const table = page.getByRole('table', { name: 'Vurderingerne, sidst og nu' });
    await table.waitFor({ timeout: 60_000 });
    const now = ishoej2017().assessment;
    await expect(page.getByRole('main').innerText()).resolves.toContain('Sidst: Ishøj, 01-05-2013 (ishoej-2013.xlsx). Nu: Ishøj, 15-12-2017.');
    await expect(page.getByRole('main').innerText()).resolves.not.toContain('Vurderingsdatoen er tom');
    await expect(table.innerText()).resolves.toMatch(/Samlet score\s+2,0\s+3,0 ↑/);
    const first = PARAMETERS[0]!;
    await expect(table.innerText()).resolves.toContain(`${first.navn}\t2\t${now.vurderinger[first.id]}`);
    await expect(page.getByRole('table', { name: /Indikatorerne, sidst og nu/ }).innerText()).resolves.toMatch(/2017/);
    await checkScreen(page, pane.shots, 'sammenlign');

    // Vis i Ledelsesresumé: the hidden sheet of the previous values, and the summary's column of formulas on it.
    await page.getByRole('button', { name: 'Vis i Ledelsesresumé' }).click();
    await page.getByText('Ledelsesresuméet er lavet med sidste vurdering (01-05-2013).').waitFor({ timeout: 60_000 });
    const sheets = await state(page);
    const hidden = sheets.find((s) => s.name === 'Sidste vurdering');
    expect(hidden?.hidden).toBe(true);
    expect(hidden?.cells).toEqual(expect.arrayContaining(['ishoej-2013.xlsx', '01-05-2013', 'Ishøj', 2]));
    const formulas = await page.evaluate(() =>
      [...(window as unknown as { __fakeHost: { state: { sheets: Sheet[] } } }).__fakeHost.state.sheets.find((s) => s.name === 'Ledelsesresumé')!.cells.values()].map((c) => c.formula ?? ''),
    );
    const onPrevious = formulas.filter((f) => f.includes("'Sidste vurdering'!"));
    // The total score, the ten ratings and every indicator's figure and period at least.
    expect(onPrevious.length).toBeGreaterThanOrEqual(1 + PARAMETERS.length);
    await checkScreen(page, pane.shots, 'sammenlign-resume');

    // Another municipality's file is compared, but cannot go on this workbook's summary.
    const koege = { name: 'koege-2016.xlsx', mimeType: XLSX, buffer: Buffer.from(await writeXlsx(describeWorkbook(assessment('Køge', KOEGE, '2016-04-01')))) };
    await page.getByLabel('Sidste vurderings projektmappe (.xlsx)').setInputFiles(koege);
    await page.getByText('Filen er Køges vurdering, og denne projektmappe er Ishøjs').waitFor({ timeout: 60_000 });
    await expect(page.getByRole('button', { name: 'Vis i Ledelsesresumé' }).isDisabled()).resolves.toBe(true);
    await page.close();
  });

  it('refuses a “previous” file that is not older, with both dates, and compares with a warning when a date is blank', async () => {
    const page = await openStill(pane, `host.load(${demoSeed});`);
    await page.getByRole('tab', { name: 'Sammenlign' }).and(page.locator(':not([disabled])')).click();
    const picker = page.getByLabel('Sidste vurderings projektmappe (.xlsx)');
    for (const [name, dato, shown] of [['ishoej-samme-dag.xlsx', NOW, '15-12-2017'], ['ishoej-2019.xlsx', '2019-04-01', '01-04-2019']] as const) {
      await picker.setInputFiles({ name, mimeType: XLSX, buffer: Buffer.from(await writeXlsx(describeWorkbook(assessment('Ishøj', KOEGE, dato)))) });
      await page.getByText(`${name} kan ikke bruges som sidste vurdering: den har vurderingsdatoen ${shown}, og denne vurdering har 15-12-2017.`).waitFor({ timeout: 60_000 });
      await expect(page.getByRole('table', { name: 'Vurderingerne, sidst og nu' }).count()).resolves.toBe(0);
      await expect(page.getByRole('button', { name: 'Vis i Ledelsesresumé' }).count()).resolves.toBe(0);
    }
    // A file without Vurdering_Dato (as every 1.0 workbook): compared, with the warning.
    const undated = { ...ishoej2017().assessment, vurderingDato: null };
    await picker.setInputFiles({ name: 'ishoej-uden-dato.xlsx', mimeType: XLSX, buffer: Buffer.from(await writeXlsx(describeWorkbook(undated))) });
    await page.getByText('Vurderingsdatoen er tom i ishoej-uden-dato.xlsx (dato ukendt)').waitFor({ timeout: 60_000 });
    await expect(page.getByRole('main').innerText()).resolves.toContain('Sidst: Ishøj, dato ukendt (ishoej-uden-dato.xlsx). Nu: Ishøj, 15-12-2017.');
    await page.close();
  });
});
