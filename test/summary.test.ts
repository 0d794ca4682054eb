/**
 * The summary sheet (Ledelsesresumé): the Ishøj demo's summary shows the report's figures after
 * recalculation in LibreOffice, stays live when a rating changes, regenerating it leaves every
 * input alone, it prints on one A4 page at 8 pt or more, and it is made even from an incomplete workbook.
 */
import ExcelJS from 'exceljs';
import { rmSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from './helpers/cli';
import { SUMMARY_SHEET } from '../src/summary/summary';
import { readWorkbook } from '../src/xlsx/open';
import { assertLibreOffice, recalculate } from './helpers/libreoffice';
import { cachedResultDifferences, readSheets, type SheetCells } from './helpers/xlsx-cells';
import { sha256 } from './helpers/hash';
import { setNamed } from './helpers/named-cells';

let dir: string;
let demo: string;

const run = runCli;

/** The values of the row whose column A (or another) holds `label`, by column letter. */
function rowOf(sheet: SheetCells, label: string, column = 'A'): (col: string) => unknown {
  for (const [ref, value] of sheet.values) {
    const m = /^([A-Z]+)(\d+)$/.exec(ref)!;
    if (m[1] === column && value === label) return (col) => sheet.values.get(`${col}${m[2]}`) ?? null;
  }
  throw new Error(`No row labelled ${label} in column ${column}`);
}

beforeAll(async () => {
  await assertLibreOffice();
  dir = mkdtempSync(path.join(tmpdir(), 'parathed-summary-'));
  demo = path.join(dir, 'demo.xlsx');
  expect((await run('demo', '--out', demo)).code).toBe(0);
}, 120_000);

describe('summary', () => {
  it('the demo’s summary shows the 2017 report’s figures, and the mirror’s cached results equal LibreOffice’s', async () => {
    const changed = path.join(dir, 'changed.xlsx');
    await setNamed(demo, changed, { Egen_Beredskab: 4 });
    const [lo, loChanged] = (await recalculate([demo, changed])) as [string, string];
    const sheet = (await readSheets(lo)).get(SUMMARY_SHEET)!;
    expect(sheet.values.get('A1')).toBe('Parathedsvurdering – Ishøj Kommune');
    expect(rowOf(sheet, 'Størrelse (indbyggere)')('B')).toBe(22719);
    expect(rowOf(sheet, 'Politikreds')('B')).toBe('Københavns Vestegns Politi');
    // Kommune (B) and Nationalt (E) in Nøgletal.
    const pair = (label: string) => [rowOf(sheet, label)('B'), rowOf(sheet, label)('E')];
    expect(pair('Andel fuldtidsledige i arbejdsstyrken')).toEqual([0.071, 0.041]);
    expect(pair('Andel indbyggere med grundskole som højeste uddannelse')).toEqual([0.287, 0.178]);
    expect(pair('Andel dømte')).toEqual([0.011, 0.007]);
    expect(pair('Tryghedsindeks')).toEqual([81.8, 89.1]);
    expect(rowOf(sheet, 'Tryghedsindeks')('C')).toBe('*');
    // The score's block right of the ratings: labels in H, values in N.
    expect(rowOf(sheet, 'Samlet score', 'H')('N')).toBe(3);
    expect(rowOf(sheet, 'Niveau', 'H')('N')).toBe('I nogen grad');
    expect(rowOf(sheet, 'Gennemsnit')('B')).toBe(3.4);
    expect(rowOf(sheet, 'Gennemsnit', 'D')('G')).toBe(2.6);
    const ratings = ['Beredskab', 'Indsatser', 'Internt samarbejde', 'Eksternt samarbejde', 'Kompetencer', 'Strategi', 'Tværgående organisering', 'Plan for bekymringshenvendelser', 'Etableret registreringspraksis', 'Anvendelse af ledelsesinformation'];
    // The self-evaluation's five in A and B, the assessed five beside them in D (to F) and G.
    expect(ratings.map((r, i) => (i < 5 ? rowOf(sheet, r)('B') : rowOf(sheet, r, 'D')('G')))).toEqual([2, 4, 3, 4, 4, 3, 4, 3, 2, 1]);
    expect(rowOf(sheet, 'Andel fuldtidsledige i arbejdsstyrken')('F')).toBe('dårligere end landet');
    // Omfang right of the municipality: labels in F, values in N.
    expect(rowOf(sheet, 'Antal bekymringshenvendelser til kommunen', 'F')('N')).toBe('–');

    // Every cached result the mirror wrote equals LibreOffice's recalculation.
    const { differences, formulas } = await cachedResultDifferences(demo, lo, SUMMARY_SHEET);
    expect(differences).toEqual([]);
    expect(formulas).toBeGreaterThan(60);

    // Live: a rating changed in the workbook changes the summary's score at once.
    const after = (await readSheets(loChanged)).get(SUMMARY_SHEET)!;
    expect(rowOf(after, 'Samlet score', 'H')('N')).toBe(3.2);
    expect(rowOf(after, 'Beredskab')('B')).toBe(4);
  }, 120_000);

  it('regenerating replaces only the summary: every input cell is unchanged, the input file too', async () => {
    const before = sha256(demo);
    const out = path.join(dir, 'regenerated.xlsx');
    const r = await run('summary', demo, '--out', out);
    expect(r.code).toBe(0);
    expect(sha256(demo)).toBe(before);
    const a = await readWorkbook(readFileSync(demo));
    const b = await readWorkbook(readFileSync(out));
    expect(b.problems).toEqual([]);
    expect([...b.cells]).toEqual([...a.cells]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    expect(wb.worksheets.filter((w) => w.name === SUMMARY_SHEET)).toHaveLength(1);
    expect(wb.worksheets[0]!.name).toBe(SUMMARY_SHEET);
  });

  it('refuses a workbook holding a chart (a rewrite would drop it) and writes nothing', async () => {
    const JSZip = (await import('jszip')).default;
    const zip = await JSZip.loadAsync(readFileSync(demo));
    zip.file('xl/charts/chart1.xml', '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"/>');
    const withChart = path.join(dir, 'with-chart.xlsx');
    writeFileSync(withChart, await zip.generateAsync({ type: 'nodebuffer' }));
    const out = path.join(dir, 'with-chart-resume.xlsx');
    for (const argv of [['summary', withChart, '--out', out], ['fetch', withChart, '--kommune', 'Ishøj', '--out', out]]) {
      const r = await run(...argv);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/indeholder diagrammer, som ville gå tabt/);
    }
    expect(() => readFileSync(out)).toThrow();
  });

  it('names the add-in’s summary charts in the refusal: regenerate the summary in the add-in', async () => {
    const JSZip = (await import('jszip')).default;
    const withCharts = async (names: string[]) => {
      const zip = await JSZip.loadAsync(readFileSync(demo));
      names.forEach((_, i) => zip.file(`xl/charts/chart${i + 1}.xml`, '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"/>'));
      const frames = names.map((n, i) => `<xdr:twoCellAnchor><xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="${n}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr></xdr:graphicFrame></xdr:twoCellAnchor>`);
      zip.file('xl/drawings/drawing1.xml', `<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing">${frames.join('')}</xdr:wsDr>`);
      const file = path.join(dir, `charts-${names.length}-${names[0]}.xlsx`);
      writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer' }));
      return file;
    };
    const addin = await withCharts(['Parathed_Vurderinger', 'Parathed_Fuldtidsledige']);
    for (const argv of [['summary', addin, '--out', path.join(dir, 'a.xlsx')], ['fetch', addin, '--kommune', 'Ishøj', '--out', path.join(dir, 'b.xlsx')]]) {
      const r = await run(...argv);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/indeholder tilføjelsesprogrammets diagrammer i resuméet \(Ledelsesresumé\), som ville gå tabt.* gendan derefter resuméet i tilføjelsesprogrammet, som tegner diagrammerne igen\./);
    }
    // A chart of the user's own beside them is named as a chart.
    const mixed = await run('summary', await withCharts(['Parathed_Vurderinger', 'Diagram 3']), '--out', path.join(dir, 'c.xlsx'));
    expect(mixed.code).toBe(1);
    expect(mixed.err).toMatch(/indeholder diagrammer, figurer og tegninger, som ville gå tabt.*Flyt dem/);
  });

  it('keeps the protection, validation and names of a workbook saved by LibreOffice', async () => {
    const [saved] = (await recalculate([demo])) as [string];
    const out = path.join(dir, 'lo-resume.xlsx');
    expect((await run('summary', saved, '--out', out)).code).toBe(0);
    const JSZip = (await import('jszip')).default;
    const sheetsOf = async (file: string) => {
      const zip = await JSZip.loadAsync(readFileSync(file));
      return Promise.all(Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n)).map((n) => zip.file(n)!.async('string')));
    };
    const before = await sheetsOf(saved);
    const after = await sheetsOf(out);
    const count = (xmls: string[], re: RegExp) => xmls.filter((x) => re.test(x)).length;
    expect(count(before, /<sheetProtection/)).toBeGreaterThan(5);
    // Every sheet protected before is protected after (the demo already had a summary, now replaced).
    expect(count(after, /<sheetProtection/)).toBe(count(before, /<sheetProtection/));
    expect(count(after, /<dataValidation /)).toBeGreaterThanOrEqual(count(before, /<dataValidation /));
    const a = await readWorkbook(readFileSync(saved));
    const b = await readWorkbook(readFileSync(out));
    expect(b.problems).toEqual([]);
    expect([...b.cells]).toEqual([...a.cells]);
    // Unlocked input cells stay unlocked.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    const m = /^'?(.*?)'?!\$([A-Z]+)\$(\d+)$/.exec(wb.definedNames.getRanges('Egen_Beredskab').ranges[0]!)!;
    expect(wb.getWorksheet(m[1]!)!.getCell(`${m[2]}${m[3]}`).protection?.locked).toBe(false);
  }, 120_000);

  it('renders to one A4 page with no text below 8 pt', async () => {
    const pdf = path.join(dir, 'resume.pdf');
    const r = await run('summary', demo, '--out', path.join(dir, 'with-pdf.xlsx'), '--pdf', pdf);
    expect(r.code).toBe(0);
    const text = readFileSync(pdf).toString('latin1');
    expect(text.startsWith('%PDF')).toBe(true);
    // Issue 15's one page and issue 11's 8 pt (summary.ts says how; summary-previous.test.ts
    // tries the longest texts and the previous cycle's columns).
    expect(text.match(/\/Type\s*\/Page(?!s)/g)!.length).toBe(1);
    expect(smallestTextPoints(pdf)).toBeGreaterThanOrEqual(8);
    // Danish number formats, as the municipality reads them.
    const { execFileSync } = await import('node:child_process');
    const shown = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(shown).toContain('Parathedsvurdering – Ishøj Kommune');
    expect(shown).toMatch(/22\.719/);
    expect(shown).toMatch(/3,0/);
    expect(shown).toMatch(/7,1 %/);
    expect(shown).toContain('Københavns Vestegns Politi');
  }, 120_000);

  it('says clearly when LibreOffice is missing for --pdf', async () => {
    process.env.PARATHED_SOFFICE = '/nonexistent/soffice';
    try {
      const r = await run('summary', demo, '--out', path.join(dir, 'no-lo.xlsx'), '--pdf', path.join(dir, 'x.pdf'));
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/PDF kræver LibreOffice.*apt-get install libreoffice-calc-nogui/);
    } finally {
      delete process.env.PARATHED_SOFFICE;
    }
  });

  it('is made from an incomplete or invalid workbook, showing what is missing, and lists the problems', async () => {
    const broken = path.join(dir, 'broken.xlsx');
    await setNamed(demo, broken, { Egen_Beredskab: 5, Ind_Fuldtidsledige_Kommune: null, Ambitioner: 'Borger 010203-1234' });
    const out = path.join(dir, 'broken-resume.xlsx');
    const r = await run('summary', broken, '--out', out);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Selvevaluering!C\d+ \(Egen_Beredskab\)/);
    expect(r.err).toMatch(/CPR/);
    expect(r.err).not.toContain('010203');
    const sheet = (await readSheets(out)).get(SUMMARY_SHEET)!;
    // A draft shows its provisional score, and how many are missing beside it (issue 11).
    expect(rowOf(sheet, 'Samlet score', 'H')('N')).toBe(3.1);
    expect([...sheet.values.values()]).toContain('Foreløbig: mangler 1 af 10');
    // The rating of 5 is one problem, not also "ikke vurderet" (issue 8: validate and summary agree).
    expect(r.err).not.toMatch(/Mangler: Beredskab er ikke vurderet/);
    expect(r.err.split('\n').filter((l) => l.includes('(Egen_Beredskab)'))).toHaveLength(1);
    expect(r.err).toMatch(/Mangler: kommunens tal for Andel fuldtidsledige i arbejdsstyrken/);
    expect(rowOf(sheet, 'Beredskab')('B')).toBe('mangler');
    expect(rowOf(sheet, 'Andel fuldtidsledige i arbejdsstyrken')('B')).toBe('mangler');
    expect(JSON.stringify([...sheet.values.values()])).not.toContain('010203');
  });
});

/**
 * The smallest text on a PDF's pages, in points as printed: pdftotext's word boxes span the
 * font's ascent and descent, 1.221 em for Carlito (LibreOffice's metric twin of Calibri).
 */
function smallestTextPoints(pdf: string): number {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { execFileSync } = require('node:child_process') as typeof import('node:child_process');
  const boxes = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8' });
  const heights = [...boxes.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">/g)].map((m) => Number(m[2]) - Number(m[1]));
  expect(heights.length).toBeGreaterThan(50);
  return Math.min(...heights) / 1.221;
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the score’s colour', () => {
  it('follows its level: one fill per level on the score cell, none of them alarm red', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(demo) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet(SUMMARY_SHEET)!;
    const formats = (ws as unknown as { conditionalFormattings: { ref: string; rules: { formulae?: string[]; style?: { fill?: { bgColor?: { argb?: string } } } }[] }[] }).conditionalFormattings;
    const score = formats.filter((f) => f.rules.some((r) => /^AND\(ISNUMBER\(N\d+\),ROUND\(N\d+,0\)=\d\)$/.test(r.formulae?.[0] ?? '')));
    const fills = score.map((f) => [f.rules[0]!.formulae![0]!.slice(-2, -1), f.rules[0]!.style?.fill?.bgColor?.argb]);
    expect(fills).toEqual([
      ['1', 'FFF8CBAD'],
      ['2', 'FFFFE699'],
      ['3', 'FFE2EFDA'],
      ['4', 'FFA9D08E'],
    ]);
    expect(fills.map(([, f]) => f)).not.toContain('FFC00000');
  });
});
