/**
 * The pull session (src/statbank/session.ts), the one pull flow of `parathed fetch` and the task
 * pane, over the file adapter and the local TEST DOUBLE of StatBank on 127.0.0.1: the preview
 * (old → new per indicator, the hand-typed cells), the keep/replace choice per indicator,
 * cancellation between indicators, an edit made meanwhile, and writes under a cell limit.
 */
import { ishoej2017 } from '../src/examples/ishoej';
import { findKommune } from '../src/model/geography';
import { DEFAULT_DEFINITIONS, TEMPLATE_VERSION } from '../src/model/indicators';
import { emptyAssessment } from '../src/model/schema';
import { StatbankClient } from '../src/statbank/client';
import { pull, PullCancelled, type PullResult } from '../src/statbank/pull';
import { CANCELLED_MESSAGE, EDITED_MESSAGE, KommuneChangedError, PullSession, chunkCells } from '../src/statbank/session';
import type { WorkbookPort, WriteBatch } from '../src/workbook/port';
import { readThroughPort } from '../src/workbook/reader';
import { describeWorkbook } from '../src/workbook/template';
import { DATA_SHEET, LOG_SHEET } from '../src/workbook/layout';
import { XlsxWorkbook, writeXlsx } from '../src/xlsx/xlsx-workbook';
import { startStatbankDouble, type StatbankDouble } from './helpers/statbank-double';
import { reportTables } from './helpers/statbank-tables';

const ishoej = findKommune('Ishøj')!;
let double: StatbankDouble;
let pulled: PullResult;

beforeAll(async () => {
  double = await startStatbankDouble(reportTables());
  pulled = await pull(new StatbankClient({ baseUrl: double.url, timeoutMs: 2000 }), DEFAULT_DEFINITIONS, { year: 2017 });
});
afterAll(() => double.close());

/** A port over a workbook file that records every write (and lets a test act before a read). */
class Recording implements WorkbookPort {
  writes: WriteBatch[] = [];
  beforeRead?: (names: readonly string[]) => Promise<void>;
  constructor(readonly inner: XlsxWorkbook) {}
  async read(request: Parameters<WorkbookPort['read']>[0]) {
    if (this.beforeRead && request.cells) await this.beforeRead(request.cells);
    return this.inner.read(request);
  }
  async write(batch: WriteBatch) {
    this.writes.push(batch);
    return this.inner.write(batch);
  }
}

async function open(demo: boolean) {
  const bytes = await writeXlsx(describeWorkbook(demo ? ishoej2017().assessment : emptyAssessment(TEMPLATE_VERSION)));
  const opened = await XlsxWorkbook.open(bytes);
  if ('problem' in opened) throw new Error(opened.problem);
  const port = new Recording(opened.workbook);
  const read = await readThroughPort(port);
  return { port, read, session: new PullSession(port, read, pulled, ishoej), workbook: opened.workbook };
}

const cell = async (wb: XlsxWorkbook, name: string) => (await wb.read({ cells: [name] })).cells.get(name)?.cell?.value;

describe('the pull session', () => {
  it('previews every change old → new per indicator, and the cells typed by hand', async () => {
    const { session, port } = await open(true);
    const preview = session.preview();
    expect(port.writes).toEqual([]);
    expect(preview.indicators.map((i) => i.indicator)).toEqual(pulled.results.map((r) => r.indicator));
    const ledige = preview.indicators.find((i) => i.indicator === 'Fuldtidsledige')!;
    expect(ledige.status).toBe('skrevet');
    expect(ledige.period).toBe('2017K4');
    expect(ledige.typed).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Ind_Fuldtidsledige_Periode', old: '2017K2', new: '2017K4', forced: true })]));
    // The same figure as typed is no change: 7,1 % stays 7,1 %.
    expect(ledige.changes.map((c) => c.name)).not.toContain('Ind_Fuldtidsledige_Kommune');
    expect(preview.common).toEqual([expect.objectContaining({ name: 'Hentet_Kommune_Kode', new: '183' })]);
  });

  it('keeps or replaces typed cells per indicator as chosen', async () => {
    const { session, workbook } = await open(true);
    const run = await session.execute({ Fuldtidsledige: 'keep', DisponibelIndkomst: 'replace' });
    const status = Object.fromEntries(run.plan.outcomes.map((o) => [o.indicator, o.status]));
    expect(status.Fuldtidsledige).toBe('bevaret');
    expect(status.DisponibelIndkomst).toBe('skrevet');
    expect(await cell(workbook, 'Ind_Fuldtidsledige_Periode')).toBe('2017K2');
    expect(await cell(workbook, 'Ind_DisponibelIndkomst_Region')).toBe(224140);
    expect(run.plan.kept.map((c) => c.name)).toContain('Ind_Fuldtidsledige_Periode');
    expect(run.plan.changed).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Ind_DisponibelIndkomst_Region', old: 256174, new: 224140, forced: true })]));
  });

  it('stops between indicators when cancelled: what was written is whole, the rest unchanged and not logged', async () => {
    const { session, workbook } = await open(false);
    const controller = new AbortController();
    const events: string[] = [];
    const run = await session.execute(() => 'replace', {
      signal: controller.signal,
      onIndicator: (p) => {
        events.push(`${p.indicator}:${p.status}:${p.done}/${p.total}`);
        if (p.done === 1) controller.abort();
      },
    });
    expect(run.cancelled).toBe(true);
    expect(run.written).toHaveLength(1);
    const [first] = run.written as [string];
    expect(events).toHaveLength(6);
    expect(events[0]).toBe(`${first}:skrevet:1/6`);
    expect(run.plan.outcomes.filter((o) => o.status === 'bevaret').map((o) => o.message)).toEqual(Array(5).fill(CANCELLED_MESSAGE));
    // The written indicator is there, and its Data sheet column; the next one is not, nor in the log.
    const second = run.plan.outcomes.find((o) => o.status === 'bevaret')!.indicator;
    expect(await cell(workbook, `Ind_${second}_Periode`)).toBeNull();
    const log = (await workbook.read({ ranges: [{ sheet: LOG_SHEET }] })).ranges[0]!.rows.map((r) => r[0]?.value);
    expect(log.some((n) => typeof n === 'string' && n.startsWith(`Ind_${second}_`))).toBe(false);
    expect(log.some((n) => typeof n === 'string' && (n.startsWith(`Ind_${first}_`) || n === 'Kommune_Indbyggere'))).toBe(true);
  });

  it('re-reads an indicator’s cells just before writing it: an edit made meanwhile is kept', async () => {
    const { session, port, workbook } = await open(false);
    port.beforeRead = async (names) => {
      // The user types a period while the pull runs, just before its indicator's turn.
      if (names.includes('Ind_Grundskole_Periode')) await workbook.write({ cells: [{ name: 'Ind_Grundskole_Periode', value: 'skrevet undervejs' }] });
    };
    const run = await session.execute(() => 'replace');
    expect(run.edited).toEqual(['Grundskole']);
    expect(run.plan.outcomes.find((o) => o.indicator === 'Grundskole')).toEqual(expect.objectContaining({ status: 'bevaret', message: EDITED_MESSAGE }));
    expect(await cell(workbook, 'Ind_Grundskole_Periode')).toBe('skrevet undervejs');
    expect(await cell(workbook, 'Ind_Fuldtidsledige_Periode')).toBe('2017K4');
  });

  it('writes the Data sheet of all 98 municipalities in writes under the cell limit, to the same result', async () => {
    const small = await open(false);
    await small.session.execute(() => 'keep', { cellsPerWrite: 250 });
    const whole = await open(false);
    await whole.session.execute(() => 'keep', { cellsPerWrite: 1_000_000 });
    const sizes = small.port.writes.map((w) => w.cells?.length ?? 0);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(250);
    expect(small.port.writes.length).toBeGreaterThan(whole.port.writes.length);
    const dataOf = async (wb: XlsxWorkbook) => JSON.stringify((await wb.read({ ranges: [{ sheet: DATA_SHEET }, { sheet: LOG_SHEET }] })).ranges);
    expect(await dataOf(small.workbook)).toBe(await dataOf(whole.workbook));
    const cells = (ws: WriteBatch[]) => ws.flatMap((w) => w.cells ?? []).map((c) => JSON.stringify(c));
    expect(cells(small.port.writes)).toEqual(cells(whole.port.writes));
  });

  it('writes whose figures these are (Hentet_Kommune_Kode) in its first write', async () => {
    const { session, port, workbook } = await open(false);
    await session.execute(() => 'keep', { cellsPerWrite: 5 });
    expect(port.writes[0]!.cells!.map((c) => ('name' in c ? c.name : ''))).toEqual(expect.arrayContaining(['Kommune_Navn', 'Hentet_Kommune_Kode']));
    expect(await cell(workbook, 'Hentet_Kommune_Kode')).toBe('183');
  });

  it('expects the municipality read when it started in every write, and stops when it changed', async () => {
    for (const demo of [false, true]) {
      const { session, port, workbook } = await open(demo);
      // Blank at the start (the pull fills it in) or Ishøj: every write expects what the workbook holds.
      let changedAt = -1;
      const pending = session.execute(() => 'replace', {
        onIndicator: (p) => {
          if (p.done !== 1 || p.status !== 'skrevet') return;
          changedAt = port.writes.length;
          // The user chooses another municipality while the pull writes.
          void workbook.write({ cells: [{ name: 'Kommune_Navn', value: 'Køge' }] });
        },
      });
      await expect(pending).rejects.toThrow(KommuneChangedError);
      await expect(pending).rejects.toThrow(/Kommunen i projektmappen \(Kommune_Navn\) er ændret, mens tallene for Ishøj blev skrevet; hentningen er stoppet, og der er ikke skrevet mere\. Én indikator nåede at blive skrevet med tallene for Ishøj \(Hentet_Kommune_Kode er 183\)/);
      expect(changedAt).toBeGreaterThan(0);
      for (const w of port.writes) expect(w.expect).toEqual([{ name: 'Kommune_Navn', value: w === port.writes[0] && !demo ? null : 'Ishøj' }]);
      // One write was tried after the change, and refused whole: nothing more is written.
      expect(port.writes).toHaveLength(changedAt + 1);
      expect(await cell(workbook, 'Kommune_Navn')).toBe('Køge');
      expect(await cell(workbook, 'Hentet_Kommune_Kode')).toBe('183');
      const second = port.writes[changedAt]!.cells!.find((c) => 'name' in c && /_Periode$/.test(c.name)) as { name: string; value: unknown };
      expect(await cell(workbook, second.name)).not.toBe(second.value);
    }
  });

  it('cancels a pull between its requests', async () => {
    const controller = new AbortController();
    const client = new StatbankClient({ baseUrl: double.url, timeoutMs: 2000 });
    const seen = double.requests.length;
    const pending = pull(client, DEFAULT_DEFINITIONS, { signal: controller.signal, onProgress: () => controller.abort() });
    controller.abort();
    await expect(pending).rejects.toThrow(PullCancelled);
    expect(double.requests.length - seen).toBeLessThanOrEqual(1);
  });

  it('cuts a list into pieces of at most the limit', () => {
    expect(chunkCells([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunkCells([], 2)).toEqual([]);
  });
});
