/**
 * The Office adapter against office-addin-mock (Microsoft's Office.js mock): what each port
 * operation loads, writes and how many times it syncs (context.sync is spied on). A property
 * that was not loaded and synced reads as the mock's error string, so a missing load fails here.
 */
import { OfficeMockObject } from 'office-addin-mock';
import { OfficeWorkbook, type ExcelRun } from '../../src/office/workbook';
import { NameConflictError, SheetConflictError } from '../../src/office/errors';
import { emptyTemplate, insertTemplate } from '../../src/office/insert-template';
import { templateLayout } from '../../src/workbook/template';
import { sink } from '../helpers/office-sink';

type Mock = OfficeMockObject & Record<string, any>;

/** A collection mock: `load(...)` loads its `items` (as Office.js loads the items' properties). */
function collection(mock: Mock, loads: string[]): void {
  // What office-addin-mock's setValue does for a function: the method replaced on the object.
  (mock as any).load = (spec: string) => {
    loads.push(spec);
    OfficeMockObject.prototype.load.call(mock, 'items');
    return mock;
  };
}

interface Setup {
  context: Mock;
  port: OfficeWorkbook;
  sync: jest.SpyInstance;
  loads: string[];
  log: string[];
  protection: { unprotect: jest.Mock; protect: jest.Mock };
}

function setup(opts: { sheets?: { name: string; protected?: boolean }[]; names?: { name: string; formula: string }[]; limit?: number } = {}): Setup {
  const sheets = (opts.sheets ?? [{ name: 'Kommune', protected: true }]).map((s) => ({
    name: s.name,
    visibility: 'Visible',
    protection: { protected: !!s.protected, options: { allowFormatColumns: true, allowFormatRows: true, selectionMode: 'Normal' } },
  }));
  const names = (opts.names ?? [{ name: 'Kommune_Navn', formula: '=Kommune!$C$3' }]).map((n) => ({ ...n, type: n.formula.includes('!$') ? 'Range' : 'Error' }));
  const context = new OfficeMockObject({
    workbook: { worksheets: { items: sheets }, names: { items: names } },
    // The range the name Kommune_Navn refers to, before and after the write.
    named: { address: 'Kommune!C3', values: [['Albertslund']], formulas: [['Albertslund']], valueTypes: [['String']], numberFormat: [['General']] },
  }) as Mock;
  const loads: string[] = [];
  collection(context.workbook.worksheets, loads);
  collection(context.workbook.names, loads);
  const log: string[] = [];
  const protection = { unprotect: jest.fn(() => log.push('unprotect')), protect: jest.fn(() => log.push('protect')) };
  context.workbook.names.getItem = (name: string) => ({ getRange: () => (name === 'Kommune_Navn' ? context.named : sink(log, `names.${name}`)) });
  context.workbook.worksheets.getItem = (name: string) =>
    name === 'Kommune'
      ? {
          protection,
          getRange: (ref: string) => {
            if (ref !== 'C3') return sink(log, `Kommune.${ref}`);
            // Writes to the named cell, in order.
            return new Proxy(context.named, { set: (t, k, v) => (log.push(`C3.${String(k)}=${JSON.stringify(v)}`), Reflect.set(t, k, v)) });
          },
        }
      : sink(log, `sheet(${name})`);
  context.workbook.worksheets.add = (name: string) => sink(log, `add(${name})`);
  context.workbook.names.add = (name: string) => void log.push(`names.add(${name})`);
  const sync = jest.spyOn(context, 'sync');
  const run: ExcelRun = (batch) => batch(context as unknown as Excel.RequestContext);
  return { context, port: new OfficeWorkbook({ run, ...(opts.limit ? { maxRequestBytes: opts.limit } : {}) }), sync, loads, log, protection };
}

describe('the Office adapter with office-addin-mock', () => {
  it('reads a named cell: first listing the sheets and names (two syncs), then, once everything was there, in one sync', async () => {
    const { port, sync, loads, context } = setup();
    const first = await port.read({ sheets: true, cells: ['Kommune_Navn'] });
    expect(sync).toHaveBeenCalledTimes(2);
    expect(loads).toEqual(['items/name,items/visibility', 'items/name,items/type,items/formula']);
    const expected = { target: { sheet: 'Kommune', range: 'C3' }, cell: { type: 'string', value: 'Albertslund' } };
    expect(first.cells.get('Kommune_Navn')).toEqual(expected);
    const r = await port.read({ sheets: true, cells: ['Kommune_Navn'] });
    expect(sync).toHaveBeenCalledTimes(3);
    expect(r.sheets).toEqual([{ name: 'Kommune', visible: true }]);
    expect(r.cells.get('Kommune_Navn')).toEqual(expected);
    // Without the load the mock would answer its "not loaded" error, never the value.
    expect(context.named.values).toEqual([['Albertslund']]);
  });

  it('reads a range of a sheet in the same single sync, once a read found everything', async () => {
    const { port, sync } = setup();
    await port.read({ ranges: [{ sheet: 'Kommune', range: 'C3' }] });
    const r = await port.read({ ranges: [{ sheet: 'Kommune', range: 'C3' }] });
    expect(sync).toHaveBeenCalledTimes(3);
    expect(r.ranges).toEqual([{ sheet: 'Kommune', exists: true, origin: 'C3', rows: [[{ type: 'string', value: 'Albertslund' }]] }]);
  });

  it('writes a protected sheet in two syncs: check, then unprotect, write and protect again in one batch', async () => {
    const { port, sync, loads, log, protection } = setup();
    await port.write({ cells: [{ name: 'Kommune_Navn', value: '=ikke en formel' }] });
    expect(sync).toHaveBeenCalledTimes(2);
    expect(loads[0]).toBe('items/name,items/visibility,items/protection/protected,items/protection/options');
    // Text that starts with "=" gets number format "@" before its value.
    expect(log).toEqual(['unprotect', 'C3.numberFormat=[["@"]]', 'C3.values=[["=ikke en formel"]]', 'protect']);
    expect(protection.protect).toHaveBeenCalledWith({ allowFormatColumns: true, allowFormatRows: true, selectionMode: 'Normal' });
    expect(protection.protect.mock.invocationCallOrder[0]!).toBeLessThan(sync.mock.invocationCallOrder[1]!);
  });

  it('does not unprotect a sheet that is not protected', async () => {
    const { port, sync, log } = setup({ sheets: [{ name: 'Kommune', protected: false }] });
    await port.write({ cells: [{ name: 'Kommune_Navn', value: 7 }] });
    expect(sync).toHaveBeenCalledTimes(2);
    expect(log).toEqual(['C3.values=[[7]]']);
  });

  it('refuses a sheet that exists after one sync, without adding anything', async () => {
    const { port, sync, log } = setup({ sheets: [{ name: 'Data' }], names: [] });
    await expect(insertTemplate(port)).rejects.toThrow(SheetConflictError);
    expect(sync).toHaveBeenCalledTimes(1);
    expect(log).toEqual([]);
  });

  it('refuses a defined name that points elsewhere after one sync, without adding anything', async () => {
    const { port, sync, log } = setup({ sheets: [{ name: 'Ark1' }], names: [{ name: 'Kommune_Navn', formula: '=Ark1!$A$1' }] });
    await expect(insertTemplate(port)).rejects.toThrow(NameConflictError);
    expect(sync).toHaveBeenCalledTimes(1);
    expect(log).toEqual([]);
  });

  it('writes the template in one batch under a large limit, and in many under a small one', async () => {
    const whole = setup({ sheets: [{ name: 'Ark1' }], names: [], limit: 20_000_000 });
    await insertTemplate(whole.port);
    expect(whole.sync).toHaveBeenCalledTimes(2);
    const small = setup({ sheets: [{ name: 'Ark1' }], names: [], limit: 40_000 });
    await insertTemplate(small.port);
    expect(small.sync.mock.calls.length).toBeGreaterThan(10);
    // The same operations, only cut into batches.
    expect(small.log).toEqual(whole.log);
    expect(whole.log.filter((l) => /^add\([^)]*\)\.activate\(\)$|^sheet\([^)]*\)\.activate\(\)$/.test(l))).toHaveLength(1);
    expect(whole.log.filter((l) => l.startsWith('names.add('))).toHaveLength(templateLayout().locations.size + emptyTemplate().rangeNames.length);
  });
});
