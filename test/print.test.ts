/**
 * Every sheet prints on A4 at 8 pt or more (issue 11): the demo, all its visible sheets, converted
 * to PDF by LibreOffice headless; the wide sheets print at full size with their headers repeated.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { runCli as run } from './helpers/cli';
import { SOFFICE, assertLibreOffice } from './helpers/libreoffice';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'parathed-print-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('printing', () => {
  it('every visible sheet of the demo prints on A4 with no text below 8 pt', async () => {
    await assertLibreOffice();
    const demo = path.join(dir, 'demo.xlsx');
    expect((await run('demo', '--out', demo)).code).toBe(0);
    mkdirSync(path.join(dir, 'profile', 'user'), { recursive: true });
    writeFileSync(
      path.join(dir, 'profile', 'user', 'registrymodifications.xcu'),
      '<?xml version="1.0" encoding="UTF-8"?><oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item></oor:items>',
    );
    await promisify(execFile)(SOFFICE, ['--headless', '--norestore', `-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--convert-to', 'pdf', '--outdir', dir, demo], { timeout: 180_000 });
    const pdf = path.join(dir, 'demo.pdf');
    expect(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })).toMatch(/Page size:\s+841\.89 x 595\.\d+ pts \(A4\)/);
    // pdftotext's word boxes span the font's ascent and descent: 1.221 em for Carlito (Calibri's metric twin).
    const boxes = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8' });
    const sizes = [...boxes.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">/g)].map((m) => (Number(m[2]) - Number(m[1])) / 1.221);
    expect(sizes.length).toBeGreaterThan(1000);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(8);
  }, 180_000);

  it('the wide sheets repeat their headers on every page', async () => {
    const demo = path.join(dir, 'demo-titles.xlsx');
    expect((await run('demo', '--out', demo)).code).toBe(0);
    const workbook = await (await JSZip.loadAsync(readFileSync(demo))).file('xl/workbook.xml')!.async('string');
    const titles = [...workbook.matchAll(/<definedName name="_xlnm\.Print_Titles" localSheetId="(\d+)">([^<]*)<\/definedName>/g)].map((m) => m[2]!.replace(/&apos;/g, "'"));
    expect(titles).toEqual(expect.arrayContaining([expect.stringMatching(/^'Indikatorer'!\$A:\$A,'Indikatorer'!\$4:\$4$/), expect.stringMatching(/^'Data'!\$A:\$B,'Data'!\$4:\$5$/), expect.stringMatching(/^'Vurdering'!\$A:\$A,'Vurdering'!\$4:\$4$/), expect.stringMatching(/^'Selvevaluering'!\$3:\$3$/)]));
  });
});
