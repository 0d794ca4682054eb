/**
 * The Office adapter against the fake Excel host (test/fake-excel): the template written through
 * the port, batching under an injected limit, protection, conflicts, text that Excel would parse,
 * reads, and a write that Excel refuses half-way.
 */
import { DEFAULT_MAX_REQUEST_BYTES, OfficeWorkbook, type ExcelRun } from '../../src/office/workbook';
import { MissingTargetError, NameConflictError, OfficeWriteError, SheetConflictError } from '../../src/office/errors';
import { emptyTemplate, insertTemplate } from '../../src/office/insert-template';
import { columnPoints } from '../../src/office/render';
import { templateLayout } from '../../src/workbook/template';
import { STYLES } from '../../src/workbook/description';
import { ExpectationError } from '../../src/workbook/port';
import { createFakeExcel, type FakeExcelHost } from '../fake-excel/fake-excel';

function setup(limit?: number, hostLimit?: number): { host: FakeExcelHost; port: OfficeWorkbook } {
  const host = createFakeExcel(hostLimit ? { maxRequestBytes: hostLimit } : {});
  host.addSheet('Ark1');
  const port = new OfficeWorkbook({ run: host.Excel.run as unknown as ExcelRun, ...(limit ? { maxRequestBytes: limit } : {}) });
  return { host, port };
}

const spec = emptyTemplate();

/** Everything the fake holds, for comparing two workbooks. */
function snapshot(host: FakeExcelHost) {
  return JSON.stringify({
    sheets: host.state.sheets.map((s) => ({ ...s, id: undefined, cells: [...s.cells].sort(), validations: [...s.validations].sort(), columnWidths: [...s.columnWidths], rowHeights: [...s.rowHeights], names: [...s.names] })),
    names: [...host.state.names.values()].sort((a, b) => a.name.localeCompare(b.name)),
  });
}

describe('inserting the template through the Office adapter', () => {
  let host: FakeExcelHost;
  beforeAll(async () => {
    ({ host } = setup());
    const port = new OfficeWorkbook({ run: host.Excel.run as unknown as ExcelRun });
    const sheets = await insertTemplate(port);
    expect(sheets).toEqual(spec.sheets.map((s) => s.name));
  });

  it('puts every defined name of the model where the layout puts it', () => {
    const { locations } = templateLayout();
    expect(locations.size).toBeGreaterThan(150);
    for (const [name, at] of locations) expect([name, host.nameTarget(name)]).toEqual([name, { sheet: at.sheet, ref: at.cell }]);
    for (const r of spec.rangeNames) expect(host.nameTarget(r.name)).toEqual({ sheet: r.sheet, ref: r.range });
    expect(host.state.names.size).toBe(locations.size + spec.rangeNames.length);
  });

  it('writes values, formulas, number formats, styles, locking and sizes as described', () => {
    let checked = 0;
    for (const sheet of spec.sheets) {
      const fake = host.sheet(sheet.name);
      for (const c of sheet.cells) {
        const cell = fake.cells.get(c.ref)!;
        if (c.formula !== undefined) expect([c.ref, cell.formula]).toEqual([c.ref, `=${c.formula}`]);
        else expect([sheet.name, c.ref, cell.value]).toEqual([sheet.name, c.ref, c.value === '' || c.value === undefined ? null : c.value]);
        if (c.numFmt) expect([c.ref, cell.numberFormat]).toEqual([c.ref, c.numFmt]);
        expect([c.ref, cell.locked]).toEqual([c.ref, !c.input]);
        const style = STYLES[c.style];
        expect(cell.format.font.size).toBe(style.font.size);
        expect(!!cell.format.font.bold).toBe(!!style.font.bold);
        expect(!!cell.format.font.italic).toBe(!!style.font.italic);
        expect(cell.format.font.color).toBe(style.font.color ? `#${style.font.color}` : undefined);
        expect(!!cell.format.wrapText).toBe(!!style.wrap);
        expect(cell.format.font.name).toBe('Calibri');
        expect(cell.format.fill).toBe(style.fill ? `#${style.fill}` : undefined);
        expect(!!cell.format.borders.EdgeTop).toBe(!!style.border);
        checked++;
      }
      sheet.columns.forEach((w, i) => expect(fake.columnWidths.get(i + 1)).toBe(columnPoints(w)));
      for (const [row, h] of Object.entries(sheet.rowHeights)) expect(fake.rowHeights.get(Number(row))).toBe(h);
      expect(fake.merges).toEqual(sheet.merges);
      expect(fake.frozenRows).toBe(sheet.frozenRows);
      expect(fake.visibility).toBe(sheet.hidden ? 'Hidden' : 'Visible');
      expect(fake.conditionalFormats).toHaveLength(sheet.highlights.length + sheet.dataBars.length);
    }
    expect(checked).toBe(spec.sheets.reduce((n, s) => n + s.cells.length, 0));
  });

  it('adds data validation to every validated cell, with list sources as Excel wants them', () => {
    for (const sheet of spec.sheets) {
      const fake = host.sheet(sheet.name);
      const validated = sheet.cells.filter((c) => c.validation);
      expect(fake.validations.size).toBe(validated.length);
      for (const c of validated) {
        const dv = fake.validations.get(c.ref)!;
        expect(dv.errorAlert).toMatchObject({ showAlert: true, style: 'Stop', message: c.validation!.error });
        if (c.validation!.kind === 'list') {
          const source = (dv.rule as { list: { source: string } }).list.source;
          expect(source).toBe(c.validation!.source.startsWith('"') ? c.validation!.source.slice(1, -1) : `=${c.validation!.source}`);
        }
      }
    }
  });

  it('protects every sheet as the file writer does, leaving the first visible sheet active', () => {
    for (const sheet of spec.sheets) expect(host.sheet(sheet.name).protection).toEqual({ protected: true, options: { allowFormatColumns: true, allowFormatRows: true, selectionMode: 'Normal' } });
    expect(host.state.activeSheet).toBe(spec.sheets.find((s) => !s.hidden)!.name);
  });

  it("keeps the user's own sheet", () => {
    expect(host.state.sheets[0]!.name).toBe('Ark1');
  });
});

describe('syncs and batches', () => {
  it('checks in one sync, then writes the template in a few batches under the default limit, one sync each', async () => {
    const { host, port } = setup();
    await insertTemplate(port);
    expect(host.runCount).toBe(1);
    expect(port.maxRequestBytes).toBe(DEFAULT_MAX_REQUEST_BYTES);
    expect(host.syncCount).toBeGreaterThanOrEqual(2);
    expect(host.syncCount).toBeLessThanOrEqual(5);
    // What the host measures stays under the limit the adapter batches by (its estimate is not low).
    expect(Math.max(...host.requestSizes)).toBeLessThanOrEqual(port.maxRequestBytes);
  });

  it('writes the template in one batch when the limit allows: two syncs in all', async () => {
    const { host, port } = setup(20_000_000, 20_000_000);
    await insertTemplate(port);
    expect(host.syncCount).toBe(2);
  });

  it('cuts a long write into batches under a small limit, one sync each, with the same result', async () => {
    const whole = setup();
    await insertTemplate(whole.port);
    // The fake host refuses any request over the limit: the batching has to hold.
    const limit = 60_000;
    const small = setup(limit, limit);
    await insertTemplate(small.port);
    expect(small.host.syncCount).toBeGreaterThan(5);
    expect(Math.max(...small.host.requestSizes)).toBeLessThanOrEqual(limit);
    expect(snapshot(small.host)).toBe(snapshot(whole.host));
  });

  it('fails honestly when the host refuses a request larger than its limit', async () => {
    const { port } = setup(undefined, 50_000);
    await expect(insertTemplate(port)).rejects.toThrow(OfficeWriteError);
  });

  it('reads in two syncs while names may be missing, and in one once a read found every sheet and name', async () => {
    const { host, port } = setup();
    const request = { sheets: true, cells: ['Kommune_Navn'], ranges: [{ sheet: 'Score', range: 'B4:C6' }] };
    let before = host.syncCount;
    const empty = await port.read(request);
    expect(host.syncCount - before).toBe(2);
    expect(empty.cells.get('Kommune_Navn')).toEqual({});
    expect(empty.ranges[0]!.exists).toBe(false);
    await insertTemplate(port);
    before = host.syncCount;
    await port.read(request);
    expect(host.syncCount - before).toBe(2);
    before = host.syncCount;
    const full = await port.read(request);
    expect(host.syncCount - before).toBe(1);
    expect(full.cells.get('Kommune_Navn')!.target).toEqual({ sheet: 'Kommune', range: 'C3' });
    // A sheet deleted since: the one-sync read fails, and the adapter reads carefully instead.
    host.state.deleteSheet(host.sheet('Score'));
    before = host.syncCount;
    const after = await port.read(request);
    expect(host.syncCount - before).toBe(3);
    expect(after.ranges[0]!.exists).toBe(false);
  });
});

describe('refusing before writing anything', () => {
  it('refuses a write whose expected cell changed, in one sync and without a change; reads back what a write leaves', async () => {
    const { host, port } = setup();
    await insertTemplate(port);
    const before = snapshot(host);
    const syncs = host.syncCount;
    const err = await port.write({ expect: [{ name: 'Template_Version', value: '1.0' }], cells: [{ name: 'Kommune_Navn', value: 'Ishøj' }] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExpectationError);
    expect((err as Error).message).toMatch(/ændret.*Template_Version/);
    expect(host.syncCount - syncs).toBe(1);
    expect(snapshot(host)).toBe(before);
    // The version as a number is the same version.
    host.userEdit(host.nameTarget('Template_Version')!.sheet, host.nameTarget('Template_Version')!.ref, 1.1);
    const read = await port.write({ expect: [{ name: 'Template_Version', value: '1.1' }], cells: [{ name: 'Kommune_Navn', value: 'Ishøj' }], thenRead: { sheets: true, cells: ['Kommune_Navn'] } });
    expect(read!.cells.get('Kommune_Navn')!.cell).toEqual({ type: 'string', value: 'Ishøj' });
    expect(read!.sheets.map((s) => s.name)).toEqual(host.state.sheets.map((s) => s.name));
  });

  it('names the existing sheets it will not overwrite, in one sync and without a change', async () => {
    const { host, port } = setup();
    host.addSheet('Data').cells.set('A1', { value: 'mine', numberFormat: 'General', locked: true, format: { font: {}, borders: {} } });
    const before = snapshot(host);
    const err = await insertTemplate(port).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SheetConflictError);
    expect((err as SheetConflictError).sheets).toEqual(['Data']);
    expect((err as Error).message).toMatch(/"Data".*overskriver aldrig/);
    expect(host.syncCount).toBe(1);
    expect(snapshot(host)).toBe(before);
  });

  it('refuses names that point elsewhere, and replaces names left behind by deleted sheets', async () => {
    const { host, port } = setup();
    host.addName('Kommune_Navn', "='Ark1'!$A$1");
    const err = await insertTemplate(port).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NameConflictError);
    expect((err as NameConflictError).names).toEqual(['Kommune_Navn']);
    expect(host.state.sheets.map((s) => s.name)).toEqual(['Ark1']);

    host.addName('Kommune_Navn', '=#REF!');
    await insertTemplate(port);
    expect(host.nameTarget('Kommune_Navn')).toEqual({ sheet: 'Kommune', ref: templateLayout().locations.get('Kommune_Navn')!.cell });
  });

  it('names a missing defined name or sheet a cell write needs, and writes none of the batch', async () => {
    const { host, port } = setup();
    await insertTemplate(port);
    const before = snapshot(host);
    const err = await port.write({ cells: [{ name: 'Kommune_Navn', value: 'Ishøj' }, { name: 'Findes_Ikke', value: 1 }] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MissingTargetError);
    expect((err as MissingTargetError).missing).toEqual(['Findes_Ikke']);
    const err2 = await port.write({ cells: [{ sheet: 'Intet ark', ref: 'A1', value: 1 }] }).catch((e: unknown) => e);
    expect((err2 as MissingTargetError).missing).toEqual(['Intet ark']);
    expect(snapshot(host)).toBe(before);
  });
});

describe('writing cells', () => {
  let host: FakeExcelHost;
  let port: OfficeWorkbook;
  beforeEach(async () => {
    ({ host, port } = setup());
    await insertTemplate(port);
  });

  it('writes locked cells of a protected sheet by unprotecting and protecting again in the same sync', async () => {
    const at = templateLayout().locations.get('Kommune_Navn')!;
    const locked = spec.sheets.find((s) => s.name === 'Score')!.cells.find((c) => c.formula !== undefined)!;
    const before = host.syncCount;
    await port.write({ cells: [{ name: 'Kommune_Navn', value: 'Ishøj' }, { sheet: 'Score', ref: locked.ref, formula: '1+1', result: 2 }] });
    expect(host.syncCount - before).toBe(2);
    expect(host.cell(at.sheet, at.cell)!.value).toBe('Ishøj');
    expect(host.cell('Score', locked.ref)!.formula).toBe('=1+1');
    expect(host.sheet('Score').protection.protected).toBe(true);
    expect(host.sheet('Score').protection.options).toEqual({ allowFormatColumns: true, allowFormatRows: true, selectionMode: 'Normal' });
  });

  it('is refused by the host when a locked cell is written without unprotecting (the fake is not lenient)', async () => {
    const run = host.Excel.run;
    const ref = spec.sheets.find((s) => s.name === 'Score')!.cells.find((c) => c.formula !== undefined)!.ref;
    await expect(
      run(async (ctx) => {
        ctx.workbook.worksheets.getItem('Score').getRange(ref).values = [[5]];
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'AccessDenied' });
  });

  it.each(['=SUM(A1:A3)', '+45 12 34 56', '-5', '@kommune', '12', '7,1 %', 'TRUE'])('keeps %s as text', async (text) => {
    const at = templateLayout().locations.get('Kommune_Navn')!;
    await port.write({ cells: [{ name: 'Kommune_Navn', value: text }] });
    const cell = host.cell(at.sheet, at.cell)!;
    expect(cell.formula).toBeUndefined();
    expect(cell.value).toBe(text);
    expect(cell.numberFormat).toBe('@');
    const read = await port.read({ cells: ['Kommune_Navn'] });
    expect(read.cells.get('Kommune_Navn')!.cell).toEqual({ type: 'string', value: text });
  });

  it('clears a cell for null and keeps numbers as numbers', async () => {
    const at = templateLayout().locations.get('Kommune_Navn')!;
    await port.write({ cells: [{ sheet: at.sheet, ref: at.cell, value: 42 }] });
    expect(host.cell(at.sheet, at.cell)!.value).toBe(42);
    await port.write({ cells: [{ sheet: at.sheet, ref: at.cell, value: null }] });
    expect(host.cell(at.sheet, at.cell)!.value).toBeNull();
  });

  it('undoes what it wrote when Excel refuses part of the write, and says so', async () => {
    const before = snapshot(host);
    const at = templateLayout().locations.get('Kommune_Navn')!;
    // The checking sync passes; the writing sync fails after its first actions were applied.
    host.failOnSync.push({ atAction: -1, code: '' }, { atAction: 4, code: 'GeneralException' });
    const err = await port.write({ cells: [{ name: 'Kommune_Navn', value: 'Ishøj' }, { sheet: 'Score', ref: 'C4', value: 3 }] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OfficeWriteError);
    expect((err as OfficeWriteError).rolledBack).toBe(true);
    expect((err as Error).message).toMatch(/GeneralException.*som før/);
    expect(host.cell(at.sheet, at.cell)!.value).toBeNull();
    expect(snapshot(host)).toBe(before);
  });

  it('fires change events for what it wrote', async () => {
    const events: string[] = [];
    await host.Excel.run(async (ctx) => {
      ctx.workbook.worksheets.onChanged.add((e) => void events.push(e.address));
    });
    await port.write({ cells: [{ sheet: 'Kommune', ref: 'C3', value: 'Ishøj' }] });
    expect(events).toEqual(['C3']);
  });
});

describe('removing and putting sheets, adding range names', () => {
  it('replaces a sheet it removes in the same write, and adds range names, in two syncs', async () => {
    const { host, port } = setup();
    await insertTemplate(port);
    const log = spec.sheets.find((s) => s.name === 'Hentninger')!;
    host.userEdit('Ark1', 'A1', 'min egen');
    const before = host.syncCount;
    await port.write({ removeSheets: ['Hentninger'], putSheets: [{ sheet: log }], names: [{ name: 'Test_Omraade', sheet: 'Ark1', range: 'A1:B2' }] });
    expect(host.syncCount - before).toBe(2);
    expect(host.state.sheets.filter((s) => s.name === 'Hentninger')).toHaveLength(1);
    expect(host.sheet('Hentninger').visibility).toBe('Hidden');
    expect(host.nameTarget('Test_Omraade')).toEqual({ sheet: 'Ark1', ref: 'A1:B2' });
    expect(host.cell('Ark1', 'A1')!.value).toBe('min egen');
  });

  it('refuses a range name that exists and points elsewhere', async () => {
    const { host, port } = setup();
    host.addName('Test_Omraade', "='Ark1'!$C$3");
    await expect(port.write({ names: [{ name: 'Test_Omraade', sheet: 'Ark1', range: 'A1:B2' }] })).rejects.toThrow(NameConflictError);
    expect(host.nameTarget('Test_Omraade')).toEqual({ sheet: 'Ark1', ref: 'C3' });
  });

  it('puts a sheet first when asked', async () => {
    const { host, port } = setup();
    await port.write({ putSheets: [{ sheet: spec.sheets[0]!, position: 'first' }] });
    expect(host.state.sheets.map((s) => s.name)).toEqual([spec.sheets[0]!.name, 'Ark1']);
  });
});

describe('a template insertion that Excel refuses half-way', () => {
  it('removes the sheets and names it added and leaves the workbook as it was', async () => {
    const limit = 60_000;
    const { host, port } = setup(limit, limit);
    const before = snapshot(host);
    host.failOnSync.push({ atAction: -1, code: '' }, { atAction: -1, code: '' }, { atAction: -1, code: '' }, { atAction: 10, code: 'InvalidArgument' });
    const err = await insertTemplate(port).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OfficeWriteError);
    expect((err as OfficeWriteError).rolledBack).toBe(true);
    expect(snapshot(host)).toBe(before);
  });
});

describe('reading', () => {
  let host: FakeExcelHost;
  let port: OfficeWorkbook;
  beforeAll(async () => {
    ({ host, port } = setup());
    await insertTemplate(port);
  });

  it('lists sheets and every name, workbook-level and sheet-scoped', async () => {
    host.sheet('Ark1').names.set('lokal', { name: 'lokal', formula: '=Ark1!$B$2' });
    const r = await port.read({ sheets: true, names: true });
    expect(r.sheets.map((s) => s.name)).toEqual(['Ark1', ...spec.sheets.map((s) => s.name)]);
    expect(r.sheets.find((s) => s.name === 'Lister')!.visible).toBe(false);
    expect(r.names.find((n) => n.name === 'Kommune_Navn')).toEqual({ name: 'Kommune_Navn', scope: null, refersTo: 'Kommune!$C$3', target: { sheet: 'Kommune', range: 'C3' } });
    expect(r.names.find((n) => n.name === 'lokal')).toMatchObject({ scope: 'Ark1', target: { sheet: 'Ark1', range: 'B2' } });
  });

  it('reads named cells and ranges with formulas, their results as the sheet shows them, and missing ones', async () => {
    const score = spec.sheets.find((s) => s.name === 'Score')!;
    const f = score.cells.find((c) => c.formula !== undefined && c.name)!;
    host.setResult('Score', f.ref, 'uenig med spejlet');
    const r = await port.read({ cells: [f.name!, 'Findes_Ikke'], ranges: [{ sheet: 'Score', range: f.ref }, { sheet: 'Intet ark', range: 'A1' }, { sheet: 'Kommune' }] });
    expect(r.cells.get(f.name!)).toEqual({ target: { sheet: 'Score', range: f.ref }, cell: { type: 'formula', value: 'uenig med spejlet', formula: f.formula } });
    expect(r.cells.get('Findes_Ikke')).toEqual({});
    expect(r.ranges[0]!.rows[0]![0]).toEqual({ type: 'formula', value: 'uenig med spejlet', formula: f.formula });
    expect(r.ranges[1]).toEqual({ sheet: 'Intet ark', range: 'A1', exists: false, origin: 'A1', rows: [] });
    expect(r.ranges[2]!.exists).toBe(true);
    expect(r.ranges[2]!.origin).toBe('B1');
  });
});
