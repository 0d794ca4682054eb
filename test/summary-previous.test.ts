/**
 * "Sidste vurdering" on the summary (issue 15): the previous cycle's values on a hidden sheet,
 * and a column of formulas on it beside the score, the ratings and the indicators. The
 * description (formulas, cached results, text written as text), `parathed summary --previous`
 * (refusals, the column kept when the summary is made again), LibreOffice's recalculation equal
 * to the cached results, and the printed page: one A4 page at 8 pt or more, also with the
 * longest texts.
 */
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ishoej2017 } from '../src/examples/ishoej';
import { INDICATORS, indicatorSourceName } from '../src/model/indicators';
import { CONSTRUCTED_SOURCE, DST_NAME } from '../src/model/sources';
import { QUALITATIVE, THEMES, textFieldName } from '../src/model/themes';
import { PARAMETERS } from '../src/model/parameters';
import { PREVIOUS_SHEET, describePreviousSheet, previousCells, previousCycleOrder, type PreviousCycle } from '../src/summary/previous';
import { SUMMARY_SHEET, describeSummary } from '../src/summary/summary';
import { describeWorkbook } from '../src/workbook/template';
import { runCli as run } from './helpers/cli';
import { setNamed } from './helpers/named-cells';
import { assertLibreOffice, recalculate } from './helpers/libreoffice';
import { cachedResultDifferences, readSheets } from './helpers/xlsx-cells';

const previous: PreviousCycle = {
  file: '=HYPERLINK("http://x")',
  dato: '2015-06-30',
  kommune: 'Ishøj',
  ratings: [1, 2, 3, 4, 1, 2, '', 3, 4, 1],
  samlet: '',
  indicators: Object.fromEntries(INDICATORS.map((ind, i) => [ind.id, { figure: i === 1 ? null : i + 0.5, periode: i === 2 ? null : `2015K${(i % 4) + 1}` }])),
};

describe('the summary description with the previous cycle', () => {
  const demo = ishoej2017();
  const spec = describeWorkbook(demo.assessment);
  const at = new Date('2026-11-25T12:00:00Z');
  const ref = (cell: string) => `'${PREVIOUS_SHEET}'!$${cell.replace(/(\d+)$/, '$$$1')}`;

  it('refers to the hidden sheet by formulas whose cached results are the previous values', () => {
    const sheet = describeSummary(demo.assessment, spec, at, new Set(), previous);
    const referring = (cell: string) => sheet.cells.filter((c) => c.formula?.includes(ref(cell)));
    PARAMETERS.forEach((_, i) => {
      const [c, ...more] = referring(previousCells.rating(i));
      expect(more).toEqual([]);
      expect(c!.formula).toBe(`IF(ISNUMBER(${ref(previousCells.rating(i))}),${ref(previousCells.rating(i))},"–")`);
      expect(c!.result).toBe(typeof previous.ratings[i] === 'number' ? previous.ratings[i] : '–');
    });
    INDICATORS.forEach((ind) => {
      const [figure] = referring(previousCells.figure(ind));
      expect(figure!.result).toBe(previous.indicators[ind.id]!.figure ?? '–');
      expect(figure!.numFmt).toBe(sheet.cells.find((c) => c.formula === `IF(ISNUMBER(Ind_${ind.id}_Kommune),Ind_${ind.id}_Kommune,"mangler")`)?.numFmt ?? figure!.numFmt);
      const [periode] = referring(previousCells.periode(ind));
      expect(periode!.result).toBe(previous.indicators[ind.id]!.periode ?? '');
    });
    // The blank total shows "–" beside the score; the date in the line under the title.
    expect(referring(previousCells.samlet).map((c) => c.result)).toEqual(['–']);
    expect(referring(previousCells.dato).map((c) => c.result)).toEqual([expect.stringMatching(/ Sidst = sidste vurdering: Ishøj, 30-06-2015\.$/)]);
    // Every number on the summary is a formula: no value cell holds a number but the scale's levels.
    expect(sheet.cells.filter((c) => c.formula === undefined && typeof c.value === 'number').map((c) => c.value)).toEqual([1, 2, 3, 4]);
  });

  it('is exactly the summary without it when none is given', () => {
    const without = describeSummary(demo.assessment, spec, at);
    expect(JSON.stringify(without)).not.toContain(PREVIOUS_SHEET);
    expect(without.columns).toHaveLength(14);
    expect(describeSummary(demo.assessment, spec, at, new Set(), previous).columns).toHaveLength(16);
  });

  it('holds the previous values as values on a hidden sheet, text as text', () => {
    const sheet = describePreviousSheet(previous);
    expect(sheet.hidden).toBe(true);
    expect(sheet.cells.every((c) => c.formula === undefined)).toBe(true);
    const at = (cell: string) => sheet.cells.find((c) => c.ref === cell);
    expect(at('B2')).toMatchObject({ value: '=HYPERLINK("http://x")', numFmt: '@' });
    expect(at(previousCells.dato)?.value).toBe('30-06-2015');
    expect(PARAMETERS.map((_, i) => at(previousCells.rating(i))?.value)).toEqual(previous.ratings.map((r) => (r === '' ? null : r)));
  });
});

describe('the order of the two cycles (one rule for Sammenlign, summary --previous and a summary made again)', () => {
  it('allows an older previous assessment, and refuses one of the same day or later, naming the file and both dates', () => {
    expect(previousCycleOrder('ishoej-2015.xlsx', '2015-06-30', '2017-12-01')).toEqual({ ok: true });
    for (const [then, message] of [
      ['2017-12-01', 'ishoej.xlsx kan ikke bruges som sidste vurdering: den har vurderingsdatoen 01-12-2017, og denne vurdering har 01-12-2017.'],
      ['2019-04-01', 'ishoej.xlsx kan ikke bruges som sidste vurdering: den har vurderingsdatoen 01-04-2019, og denne vurdering har 01-12-2017.'],
    ] as const) {
      const order = previousCycleOrder('ishoej.xlsx', then, '2017-12-01');
      expect(order.ok).toBe(false);
      expect(!order.ok && order.message).toContain(message);
    }
  });

  it('compares with a warning when either date is blank, saying which and "dato ukendt"', () => {
    const cases = [
      ['gammel.xlsx', null, '2017-12-01', 'tom i gammel.xlsx'],
      ['gammel.xlsx', '2015-06-30', null, 'tom i denne vurdering'],
      ['gammel.xlsx', null, null, 'tom i både gammel.xlsx og denne vurdering'],
    ] as const;
    for (const [file, then, now, which] of cases) {
      const order = previousCycleOrder(file, then, now);
      expect(order).toEqual({ ok: true, warning: expect.stringContaining(which) });
      expect(order.ok && order.warning).toContain('dato ukendt');
    }
  });
});

let dir: string;
let demo: string;

describe('parathed summary --previous', () => {
  let earlier: string;
  beforeAll(async () => {
    await assertLibreOffice();
    dir = mkdtempSync(path.join(tmpdir(), 'parathed-previous-'));
    demo = path.join(dir, 'demo.xlsx');
    expect((await run('demo', '--out', demo)).code).toBe(0);
    earlier = path.join(dir, 'ishoej-2015.xlsx');
    await setNamed(demo, earlier, { Vurdering_Dato: new Date(Date.UTC(2015, 5, 30)), Egen_Beredskab: 1, Vurd_Strategi: 1, Ind_Fuldtidsledige_Kommune: 0.09, Ind_Fuldtidsledige_Periode: '2015K2' });
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('adds the column and the hidden sheet, which LibreOffice computes as cached, and keeps them when made again', async () => {
    const out = path.join(dir, 'med-sidste.xlsx');
    const r = await run('summary', demo, '--previous', earlier, '--out', out);
    expect(r.err).toContain('Med sidste vurdering: ishoej-2015.xlsx (Ishøj, 30-06-2015).');
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    expect(wb.getWorksheet(PREVIOUS_SHEET)!.state).toBe('hidden');
    const [lo] = (await recalculate([out])) as [string];
    const { differences, formulas } = await cachedResultDifferences(out, lo, SUMMARY_SHEET);
    expect(differences).toEqual([]);
    expect(formulas).toBeGreaterThan(90);
    const sheet = (await readSheets(lo)).get(SUMMARY_SHEET)!;
    const values = [...sheet.values.values()];
    expect(values).toContain('Sidst');
    expect(values.some((v) => typeof v === 'string' && v.endsWith('Sidst = sidste vurdering: Ishøj, 30-06-2015.'))).toBe(true);
    // Beredskab then 1, now 2; the total then 2,7 (two ratings 1 instead of 2 and 3).
    const row = [...sheet.values].find(([, v]) => v === 'Beredskab')![0].replace(/^[A-Z]+/, '');
    expect([sheet.values.get(`B${row}`), sheet.values.get(`D${row}`)]).toEqual([2, 1]);
    const unemployment = [...sheet.values].find(([, v]) => v === 'Andel fuldtidsledige i arbejdsstyrken')![0].replace(/^[A-Z]+/, '');
    expect([sheet.values.get(`B${unemployment}`), sheet.values.get(`D${unemployment}`), sheet.values.get(`J${unemployment}`)]).toEqual([0.071, 0.09, '2015K2']);
    expect(values).toContain(2.7);

    // Made again without --previous: the hidden sheet is read back and the column stays.
    const again = path.join(dir, 'igen.xlsx');
    const r2 = await run('summary', out, '--out', again);
    expect(r2.code).toBe(0);
    expect(r2.err).toContain('Med sidste vurdering: ishoej-2015.xlsx');
    const regenerated = (await readSheets(again)).get(SUMMARY_SHEET)!;
    expect([...regenerated.values.values()].some((v) => typeof v === 'string' && v.endsWith('Sidst = sidste vurdering: Ishøj, 30-06-2015.'))).toBe(true);
  }, 180_000);

  it('prints on one A4 page with no text below 8 pt, the column included, also with every text at its longest', async () => {
    // Every copied text far longer than the summary shows, all five priorities, the longest
    // sources (Statistics Denmark's and the constructed example's, so both footnotes) and period.
    const sentence = 'Forvaltningerne koordinerer bekymringshenvendelser gennem en fælles tværfaglig arbejdsgruppe med faste møder. ';
    const long = sentence.repeat(6);
    const texts: Record<string, ExcelJS.CellValue> = { Ambitioner: long, Kommune_Indbyggere_Periode: '2024K3, Danmarks Statistik, Statistikbanken (FOLK1A)' };
    for (const theme of THEMES) for (const field of theme.felter) texts[textFieldName(theme, field)] = long;
    THEMES.forEach((theme, i) => {
      texts[QUALITATIVE.prioritet.temaName(i + 1)] = theme.navn;
      texts[QUALITATIVE.prioritet.forbedringerName(i + 1)] = long;
    });
    INDICATORS.forEach((ind, i) => (texts[indicatorSourceName(ind)] = i % 2 ? `${CONSTRUCTED_SOURCE.name}, tabel ${ind.id}` : `${DST_NAME}, Statistikbanken, tabel ${ind.id}`));
    const longest = path.join(dir, 'laengst.xlsx');
    await setNamed(demo, longest, texts);
    for (const [input, name] of [[demo, 'med-sidste.pdf'], [longest, 'laengst.pdf']] as const) {
      const pdf = path.join(dir, name);
      expect((await run('summary', input, '--previous', earlier, '--out', path.join(dir, `${name}.xlsx`), '--pdf', pdf)).code).toBe(0);
      expect({ name, pages: /Pages:\s+(\d+)\n/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1] }).toEqual({ name, pages: '1' });
      const boxes = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8' });
      const sizes = [...boxes.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">/g)].map((m) => (Number(m[2]) - Number(m[1])) / 1.221);
      expect(sizes.length).toBeGreaterThan(300);
      expect({ name, smallest: Math.min(...sizes) >= 8 }).toEqual({ name, smallest: true });
      const shown = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
      expect(shown).toContain('sidste vurdering: Ishøj, 30-06-2015.');
      // The texts cut, each with its pointer; the last priority on the page too.
      if (input === longest) {
        expect(shown.match(/\(mere i Selvevaluering\)/g)!.length).toBe(THEMES.length * 2 + 1);
        expect(shown).toContain(`${THEMES.length}. ${THEMES[THEMES.length - 1]!.navn}`);
      }
    }
  }, 240_000);

  it('refuses a previous assessment that is not older than this one, with both dates, and writes nothing', async () => {
    const current = await setNamed(demo, path.join(dir, 'ishoej-2017-dateret.xlsx'), { Vurdering_Dato: new Date(Date.UTC(2017, 11, 1)) });
    const out = path.join(dir, 'ikke-aeldre.xlsx');
    for (const [name, date, shown] of [['samme-dag.xlsx', Date.UTC(2017, 11, 1), '01-12-2017'], ['senere.xlsx', Date.UTC(2019, 3, 1), '01-04-2019']] as const) {
      const later = await setNamed(demo, path.join(dir, name), { Vurdering_Dato: new Date(date) });
      const r = await run('summary', current, '--previous', later, '--out', out);
      expect(r.code).toBe(1);
      expect(r.err).toContain(`${name} kan ikke bruges som sidste vurdering: den har vurderingsdatoen ${shown}, og denne vurdering har 01-12-2017.`);
      expect(() => readFileSync(out)).toThrow();
    }
  });

  it('compares with a warning when either date is blank (a 1.0 workbook has none), and the summary says "dato ukendt"', async () => {
    const current = await setNamed(demo, path.join(dir, 'ishoej-2017-med-dato.xlsx'), { Vurdering_Dato: new Date(Date.UTC(2017, 11, 1)) });
    const undated = await setNamed(demo, path.join(dir, 'ishoej-uden-dato.xlsx'), { Vurdering_Dato: null });
    const v10 = path.join(__dirname, 'fixtures', 'v1.0', 'ishoej-demo-1.0.xlsx');
    for (const [input, previousFile, line, which] of [
      [current, v10, 'Ishøj, dato ukendt.', `tom i ${v10}`],
      [undated, earlier, 'Ishøj, 30-06-2015.', 'tom i denne vurdering'],
    ] as const) {
      const out = path.join(dir, `advarsel-${path.basename(previousFile)}`);
      const r = await run('summary', input, '--previous', previousFile, '--out', out);
      expect(r.code).toBe(0);
      expect(r.err).toContain(`Advarsel: Vurderingsdatoen er ${which} (dato ukendt), så det kan ikke kontrolleres`);
      expect(r.err).toContain(`Med sidste vurdering: ${path.basename(previousFile)} (${line.slice(0, -1)}).`);
      const sheet = (await readSheets(out)).get(SUMMARY_SHEET)!;
      expect([...sheet.values.values()].some((v) => typeof v === 'string' && v.endsWith(`Sidst = sidste vurdering: ${line}`))).toBe(true);
    }
  });

  it('made again after the date changed so that the kept previous cycle is not older: made without it, saying why', async () => {
    const dated = await setNamed(demo, path.join(dir, 'ishoej-2017-til-igen.xlsx'), { Vurdering_Dato: new Date(Date.UTC(2017, 11, 1)) });
    const withPrevious = path.join(dir, 'med-sidste-igen.xlsx');
    expect((await run('summary', dated, '--previous', earlier, '--out', withPrevious)).code).toBe(0);
    const moved = await setNamed(withPrevious, path.join(dir, 'dato-rettet.xlsx'), { Vurdering_Dato: new Date(Date.UTC(2014, 0, 15)) });
    const again = path.join(dir, 'dato-rettet-igen.xlsx');
    const r = await run('summary', moved, '--out', again);
    expect(r.err).toContain('ishoej-2015.xlsx kan ikke bruges som sidste vurdering: den har vurderingsdatoen 30-06-2015, og denne vurdering har 15-01-2014.');
    expect(r.err).toContain('Resuméet er lavet uden sidste vurdering.');
    expect(r.err).not.toContain('Med sidste vurdering');
    expect([...(await readSheets(again)).get(SUMMARY_SHEET)!.values.values()]).not.toContain('Sidst');
  });

  it('refuses another municipality’s file and a rejected file, naming it, and writes nothing', async () => {
    const other = path.join(dir, 'broendby.xlsx');
    await setNamed(demo, other, { Kommune_Navn: 'Brøndby' });
    const out = path.join(dir, 'nej.xlsx');
    const r = await run('summary', demo, '--previous', other, '--out', out);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/broendby\.xlsx er sidste vurdering for Brøndby, men projektmappen er for Ishøj/);
    const junk = path.join(dir, 'ikke-en-projektmappe.xlsx');
    writeFileSync(junk, 'ikke en zip');
    const r2 = await run('summary', demo, '--previous', junk, '--out', out);
    expect(r2.code).toBe(1);
    expect(r2.err).toMatch(/ikke-en-projektmappe\.xlsx kan ikke bruges som sidste vurdering: den er afvist\./);
    expect(r2.err).not.toMatch(/\n\s+at /);
    expect(() => readFileSync(out)).toThrow();
  });
});
