/**
 * The pane's Saml screen in headless Chromium with the fake Excel host (a declared test double):
 * three workbook files chosen (two municipalities and one file that is not a workbook), each
 * checked in the browser by the consolidation core and shown with its status as it goes, then
 * Oversigt and Filer written as new sheets of the open workbook, an Excel table on Oversigt; a
 * second run asks before it replaces them. And Sammenlign: the open Ishøj 2017 workbook against
 * an earlier cycle's file, read in the browser, per parameter and indicator with both dates.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

const pane = usePaneSuite();
const files: { name: string; mimeType: string; buffer: Buffer }[] = [];
const KOEGE = [4, 4, 3, 3, 4, 3, 3, 4, 4, 3];
let demoSeed: string;

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
    writeFileSync(demo, await writeXlsx(describeWorkbook(ishoej2017().assessment)));
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
    await page.close();
  });

  it('compares the open workbook with the previous cycle’s file: then → now, with both dates and the periods', async () => {
    const earlier = assessment('Ishøj', [2, 2, 2, 2, 2, 2, 2, 2, 2, 2], '2013-05-01');
    const file = { name: 'ishoej-2013.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(await writeXlsx(describeWorkbook(earlier))) };
    const page = await openStill(pane, `host.load(${demoSeed});`);
    await page.getByRole('tab', { name: 'Sammenlign' }).and(page.locator(':not([disabled])')).click();
    await page.getByLabel('Sidste vurderings projektmappe (.xlsx)').setInputFiles(file);
    const table = page.getByRole('table', { name: 'Vurderingerne, sidst og nu' });
    await table.waitFor({ timeout: 60_000 });
    const now = ishoej2017().assessment;
    const nowDate = now.vurderingDato ? now.vurderingDato.split('-').reverse().join('-') : 'uden vurderingsdato';
    await expect(page.getByRole('main').innerText()).resolves.toContain(`Sidst: Ishøj, 01-05-2013 (ishoej-2013.xlsx). Nu: Ishøj, ${nowDate}.`);
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
    await page.getByLabel('Sidste vurderings projektmappe (.xlsx)').setInputFiles(files[1]!);
    await page.getByText('Filen er Køges vurdering, og denne projektmappe er Ishøjs').waitFor({ timeout: 60_000 });
    await expect(page.getByRole('button', { name: 'Vis i Ledelsesresumé' }).isDisabled()).resolves.toBe(true);
    await page.close();
  });
});
