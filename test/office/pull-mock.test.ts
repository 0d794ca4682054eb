/**
 * The pull's batches through the Office adapter against office-addin-mock (Microsoft's Office.js
 * mock): the shipped constructed responses pulled for Ishøj into the template, every cell the
 * adapter writes recorded, and context.sync counted. Each indicator is read again (its input
 * cells), then written in writes of at most 2,000 cells, each a checking sync and one batch with
 * the protected sheets unprotected and protected again around it.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { OfficeMockObject } from 'office-addin-mock';
import { findKommune } from '../../src/model/geography';
import { DEFAULT_DEFINITIONS, TEMPLATE_VERSION } from '../../src/model/indicators';
import { CONSTRUCTED_SOURCE } from '../../src/model/sources';
import { emptyAssessment } from '../../src/model/schema';
import { OfficeWorkbook, type ExcelRun } from '../../src/office/workbook';
import { StatbankClient } from '../../src/statbank/client';
import { pull } from '../../src/statbank/pull';
import { IMPORT_WORDING, SavedResponses } from '../../src/statbank/replay';
import { PullSession } from '../../src/statbank/session';
import { splitRef } from '../../src/workbook/description';
import type { WriteBatch } from '../../src/workbook/port';
import { readThroughPort } from '../../src/workbook/reader';
import { describeWorkbook } from '../../src/workbook/template';
import { currentLayout } from '../../src/workbook/versions';
import { XlsxWorkbook, writeXlsx } from '../../src/xlsx/xlsx-workbook';

type Mock = OfficeMockObject & Record<string, any>;

const EXAMPLE = path.resolve(__dirname, '../../examples/statbank-konstrueret');

/** "B4:D6" → rows × columns of a value. */
function grid(ref: string, v: unknown): unknown[][] {
  const [a, b] = ref.split(':') as [string, string?];
  const from = splitRef(a);
  const to = splitRef(b ?? a);
  return Array.from({ length: to.row - from.row + 1 }, () => Array.from({ length: to.col - from.col + 1 }, () => v));
}

/** A mock Excel: the template's sheets (protected) and names, ranges made on demand and synced with the context, every write recorded. */
function mockExcel() {
  const layout = currentLayout();
  const context = new OfficeMockObject({
    workbook: {
      worksheets: { items: layout.sheets.map((name) => ({ name, visibility: 'Visible', protection: { protected: true, options: { allowFormatColumns: true } } })) },
      names: { items: Object.entries(layout.names).map(([name, at]) => ({ name, type: 'Range', formula: `=${at.split('!')[0]}!$${at.split('!')[1]!.replace(/(\d)/, '$$$1')}` })) },
    },
  }) as Mock;
  for (const c of [context.workbook.worksheets, context.workbook.names]) {
    (c as any).load = () => {
      OfficeMockObject.prototype.load.call(c, 'items');
      return c;
    };
  }
  const ranges: Mock[] = [];
  const writes: string[] = [];
  const protection: string[] = [];
  // The values written, by address: a range asked for again reads them (the pull's writes expect Kommune_Navn).
  const stored = new Map<string, unknown[][]>();
  const range = (sheet: string, ref: string): Mock => {
    const at = `${sheet}!${ref}`;
    const r = new OfficeMockObject({ address: at, values: stored.get(at) ?? grid(ref, ''), formulas: grid(ref, ''), valueTypes: grid(ref, 'Empty'), numberFormat: grid(ref, 'General') }) as Mock;
    ranges.push(r);
    return new Proxy(r, {
      // A cell emptied: its contents cleared.
      get: (t, k, receiver) => (k === 'clear' ? () => (writes.push(`${at}.clear`), stored.delete(at)) : Reflect.get(t, k, receiver)),
      set: (t, k, v) => {
        if (k === 'values' || k === 'formulas' || k === 'numberFormat') writes.push(`${at}.${String(k)}`);
        // (The mock itself sets a placeholder text on load, until the sync.)
        if (k === 'values' && Array.isArray(v)) stored.set(at, v as unknown[][]);
        return Reflect.set(t, k, v);
      },
    }) as Mock;
  };
  context.workbook.names.getItem = (name: string) => {
    const at = layout.names[name]!;
    return { getRange: () => range(at.split('!')[0]!, at.split('!')[1]!) };
  };
  context.workbook.worksheets.getItem = (sheet: string) => ({
    getRange: (ref: string) => range(sheet, ref),
    protection: { unprotect: () => protection.push(`unprotect ${sheet}`), protect: () => protection.push(`protect ${sheet}`) },
  });
  let syncs = 0;
  const sync = context.sync.bind(context);
  context.sync = async () => {
    syncs++;
    protection.push('sync');
    await sync();
    for (const r of ranges) await r.sync();
  };
  const run: ExcelRun = (batch) => batch(context as unknown as Excel.RequestContext);
  return { port: new OfficeWorkbook({ run }), writes, protection, syncs: () => syncs };
}

describe('the pull through the Office adapter on office-addin-mock', () => {
  it('reads each indicator again and writes it in batches under the limit, unprotecting and protecting around each', async () => {
    const saved = SavedResponses.fromFiles(
      readdirSync(EXAMPLE).map((name) => ({ name, data: new Uint8Array(readFileSync(path.join(EXAMPLE, name))) })),
      { where: 'de importerede svar', ...IMPORT_WORDING },
    );
    const pulled = await pull(new StatbankClient({ fetch: saved.fetch() }), DEFAULT_DEFINITIONS, { year: 2017 });
    // The workbook as it stands: the empty template (the mock holds it empty too).
    const opened = await XlsxWorkbook.open(await writeXlsx(describeWorkbook(emptyAssessment(TEMPLATE_VERSION))));
    if ('problem' in opened) throw new Error(opened.problem);
    const before = await readThroughPort(opened.workbook);
    const excel = mockExcel();
    const batches: number[] = [];
    const port = { read: excel.port.read.bind(excel.port), write: (b: WriteBatch) => (batches.push(b.cells?.length ?? 0), excel.port.write(b)) };
    const run = await new PullSession(port, before, pulled, findKommune('Ishøj')!, { source: CONSTRUCTED_SOURCE }).execute(() => 'keep', { cachedResults: false });
    expect(run.written).toHaveLength(6);
    // The first write carries the whole Data sheet and the log, in writes of at most 2,000 cells.
    expect(batches.length).toBeGreaterThanOrEqual(6);
    expect(Math.max(...batches)).toBeLessThanOrEqual(2_000);
    // Per indicator one read (the first lists the sheets and names: two syncs), per write a check and one batch.
    expect(excel.syncs()).toBe(6 + 1 + batches.length * 2);
    // Every cell the plan changes was written, on the sheet and at the address the layout gives.
    const layout = currentLayout();
    for (const c of run.plan.changed) expect(excel.writes).toContain(`${layout.names[c.name]}.${c.new === null ? 'clear' : 'values'}`);
    // The Data sheet: a row for each of the 98 municipalities (and the region and country rows) written.
    const dataRows = new Set(excel.writes.filter((w) => w.startsWith('Data!')).map((w) => /!\D+(\d+)/.exec(w)![1]));
    expect(dataRows.size).toBeGreaterThanOrEqual(98);
    // Each batch unprotects the protected sheets it writes and protects them again before its sync.
    const log = excel.protection.join('\n');
    expect(log).toMatch(/unprotect Indikatorer/);
    expect(log).toMatch(/unprotect Data/);
    for (const batch of log.split('sync').filter((b) => b.includes('unprotect'))) {
      const opened = [...batch.matchAll(/unprotect (\S+)/g)].map((m) => m[1]);
      const closed = [...batch.matchAll(/\nprotect (\S+)/g)].map((m) => m[1]);
      expect(closed.sort()).toEqual(opened.sort());
    }
  });
});
