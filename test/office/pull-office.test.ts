/**
 * The pull session through the Office adapter, against the fake Excel host (test/fake-excel, a
 * declared test double that refuses requests over its size limit and counts syncs): the pull the
 * pane will make, replayed from the shipped constructed responses (no network). Each indicator is
 * read again and written in its own writes, every request stays under the limit, the Data sheet
 * of all 98 municipalities arrives as the file adapter writes it, and cancelling stops between
 * indicators.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { findKommune } from '../../src/model/geography';
import { DEFAULT_DEFINITIONS, TEMPLATE_VERSION } from '../../src/model/indicators';
import { CONSTRUCTED_SOURCE } from '../../src/model/sources';
import { emptyAssessment } from '../../src/model/schema';
import { insertTemplate } from '../../src/office/insert-template';
import { OfficeWorkbook, type ExcelRun } from '../../src/office/workbook';
import { StatbankClient } from '../../src/statbank/client';
import { pull, type PullResult } from '../../src/statbank/pull';
import { IMPORT_WORDING, SavedResponses } from '../../src/statbank/replay';
import { KommuneChangedError, PullSession } from '../../src/statbank/session';
import { DATA_SHEET, LOG_SHEET } from '../../src/workbook/layout';
import { describeDataSheet } from '../../src/workbook/sheets/data';
import { describeLogSheet } from '../../src/workbook/sheets/log';
import type { WorkbookPort, WriteBatch } from '../../src/workbook/port';
import { readThroughPort } from '../../src/workbook/reader';
import { columnLetter, splitRef } from '../../src/workbook/description';
import { describeWorkbook } from '../../src/workbook/template';
import { XlsxWorkbook, writeXlsx } from '../../src/xlsx/xlsx-workbook';
import { createFakeExcel, type FakeExcelHost } from '../fake-excel/fake-excel';

const EXAMPLE = path.resolve(__dirname, '../../examples/statbank-konstrueret');
const ishoej = findKommune('Ishøj')!;
let pulled: PullResult;

beforeAll(async () => {
  const saved = SavedResponses.fromFiles(
    readdirSync(EXAMPLE).map((name) => ({ name, data: new Uint8Array(readFileSync(path.join(EXAMPLE, name))) })),
    { where: 'de importerede svar', ...IMPORT_WORDING },
  );
  pulled = await pull(new StatbankClient({ baseUrl: 'http://127.0.0.1:9/v1/', fetch: saved.fetch() }), DEFAULT_DEFINITIONS, { year: 2017 });
});

/** A port that counts its writes and their cells. */
class Counting implements WorkbookPort {
  writes: number[] = [];
  constructor(private readonly inner: WorkbookPort) {}
  read(r: Parameters<WorkbookPort['read']>[0]) {
    return this.inner.read(r);
  }
  write(b: WriteBatch) {
    this.writes.push(b.cells?.length ?? 0);
    return this.inner.write(b);
  }
}

async function excelWithTemplate(): Promise<{ host: FakeExcelHost; port: OfficeWorkbook }> {
  const host = createFakeExcel();
  host.addSheet('Ark1');
  const port = new OfficeWorkbook({ run: host.Excel.run as unknown as ExcelRun });
  await insertTemplate(port);
  return { host, port };
}

/** The Data and log sheets' values as a file written by the same session holds them. */
async function fileValues(): Promise<Map<string, unknown>> {
  const opened = await XlsxWorkbook.open(await writeXlsx(describeWorkbook(emptyAssessment(TEMPLATE_VERSION))));
  if ('problem' in opened) throw new Error(opened.problem);
  const read = await readThroughPort(opened.workbook);
  await new PullSession(opened.workbook, read, pulled, ishoej, { source: CONSTRUCTED_SOURCE }).execute(() => 'keep');
  const ranges = (await opened.workbook.read({ ranges: [{ sheet: DATA_SHEET }, { sheet: LOG_SHEET }] })).ranges;
  const values = new Map<string, unknown>();
  for (const r of ranges) {
    const origin = splitRef(r.origin);
    r.rows.forEach((row, i) => row.forEach((c, j) => c.type !== 'formula' && c.value !== null && c.value !== '' && values.set(`${r.sheet}!${columnLetter(origin.col + j)}${origin.row + i}`, c.value)));
  }
  return values;
}

describe('a pull written into Excel through the Office adapter', () => {
  it('reads each indicator again and writes it in its own writes, every request under the limit, as the file gets it', async () => {
    const { host, port } = await excelWithTemplate();
    const counting = new Counting(port);
    const read = await readThroughPort(counting);
    const syncsBefore = host.syncCount;
    const requestsBefore = host.requestSizes.length;
    const done: string[] = [];
    const run = await new PullSession(counting, read, pulled, ishoej, { source: CONSTRUCTED_SOURCE }).execute(() => 'keep', {
      cachedResults: false,
      onIndicator: (p) => done.push(`${p.done}/${p.total} ${p.indicator} ${p.status}`),
    });
    expect(run.written).toHaveLength(6);
    expect(done).toEqual(run.written.map((id, i) => `${i + 1}/6 ${id} skrevet`));
    // One write an indicator: the first also writes the whole Data sheet and the log, in writes of at most 2,000 cells.
    expect(counting.writes.length).toBeGreaterThanOrEqual(6);
    expect(Math.max(...counting.writes)).toBeLessThanOrEqual(2_000);
    const syncs = host.syncCount - syncsBefore;
    // Per indicator one read (one sync), and per write one sync to check and one per batch.
    expect(syncs).toBe(6 + counting.writes.length * 2);
    expect(Math.max(...host.requestSizes.slice(requestsBefore))).toBeLessThan(host.maxRequestBytes);
    console.log(`pull through the Office adapter: ${counting.writes.length} writes (${counting.writes.join(', ')} cells), ${syncs} syncs, largest request ${Math.max(...host.requestSizes.slice(requestsBefore))} bytes`);

    // Every value of the Data and log sheets is what the file adapter writes.
    // (Only the cells the sheets describe: a merged cell's others read as its value in a file, blank in Excel.)
    const described = new Set([describeDataSheet(run.plan.data), describeLogSheet(run.plan.data)].flatMap((x) => x.cells.map((c) => `${x.name}!${c.ref}`)));
    const expected = [...(await fileValues())].filter(([at]) => described.has(at));
    expect(expected.length).toBeGreaterThan(1_000);
    for (const [at, value] of expected) {
      const [sheet, ref] = at.split('!') as [string, string];
      const got = host.sheet(sheet).cells.get(ref)?.value ?? null;
      // Excel keeps a number written into a log cell that an earlier entry formatted as text ("@") as text.
      expect([at, sheet === LOG_SHEET && typeof value === 'number' && typeof got === 'string' ? Number(got) : got]).toEqual([at, value]);
    }

    // A second pull with other figures finds nothing typed by hand: the log says what the first wrote.
    const other: PullResult = {
      ...pulled,
      results: pulled.results.map((r) =>
        r.ok ? { ...r, figures: new Map([...r.figures].map(([code, byPeriod]) => [code, new Map([...byPeriod].map(([p, f]) => [p, { ...f, value: f.value === null ? null : f.value * 1.1 }]))])) } : r,
      ),
    };
    const again = new PullSession(port, await readThroughPort(port), other, ishoej, { source: CONSTRUCTED_SOURCE }).preview();
    expect(again.indicators.find((i) => i.indicator === 'Fuldtidsledige')!.changes.length).toBeGreaterThan(0);
    expect(again.indicators.flatMap((i) => i.typed)).toEqual([]);
  });

  it('stops between indicators when cancelled, with the written indicator whole', async () => {
    const { host, port } = await excelWithTemplate();
    const read = await readThroughPort(port);
    const controller = new AbortController();
    const run = await new PullSession(port, read, pulled, ishoej, { source: CONSTRUCTED_SOURCE }).execute(() => 'keep', {
      signal: controller.signal,
      cachedResults: false,
      onIndicator: () => controller.abort(),
    });
    expect(run.cancelled).toBe(true);
    expect(run.written).toHaveLength(1);
    const written = run.plan.changed.map((c) => c.name);
    for (const name of run.plan.targets[run.written[0]!]!) {
      const at = host.nameTarget(name)!;
      const expected = run.plan.changed.find((c) => c.name === name);
      if (expected) expect([name, host.sheet(at.sheet).cells.get(at.ref)?.value ?? null]).toEqual([name, expected.new]);
    }
    const next = run.plan.outcomes.find((o) => o.status === 'bevaret')!.indicator;
    expect(written.some((n) => run.plan.targets[next]!.includes(n))).toBe(false);
  });

  it('stops, writing nothing more, when the municipality is changed in Excel while the pull writes; whose figures they are is in the first write', async () => {
    const { host, port } = await excelWithTemplate();
    const counting = new Counting(port);
    const read = await readThroughPort(counting);
    const navn = host.nameTarget('Kommune_Navn')!;
    const kode = host.nameTarget('Hentet_Kommune_Kode')!;
    const value = (at: { sheet: string; ref: string }) => host.sheet(at.sheet).cells.get(at.ref)?.value ?? null;
    let writesAtChange = -1;
    let kodeAfterFirst: unknown;
    const pending = new PullSession(counting, read, pulled, ishoej, { source: CONSTRUCTED_SOURCE }).execute(() => 'keep', {
      cachedResults: false,
      onIndicator: (p) => {
        if (p.done !== 1) return;
        kodeAfterFirst = value(kode);
        writesAtChange = counting.writes.length;
        // The user picks another municipality in the sheet between two of the pull's writes.
        host.userEdit(navn.sheet, navn.ref, 'Køge');
      },
    });
    await expect(pending).rejects.toThrow(KommuneChangedError);
    expect(kodeAfterFirst).toBe('183');
    // The next write was refused before it changed anything, and none followed.
    expect(counting.writes).toHaveLength(writesAtChange + 1);
    expect(value(navn)).toBe('Køge');
    expect(value(kode)).toBe('183');
  });
});
