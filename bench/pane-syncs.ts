/**
 * npm run bench (the pane's part): the `context.sync` calls of each thing the task pane does,
 * counted by the fake Excel host (the TEST DOUBLE in test/fake-excel, the same the browser tests
 * use) through the real Office adapter and the pane's session code. A user action is one port
 * write that reads back what it leaves; a change by the user is one port read. On a host without
 * Excel's calculation state (before ExcelApi 1.9), the calculated event after a write costs a read.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { findKommune } from '../src/model/geography';
import { DEFAULT_DEFINITIONS, TEMPLATE_VERSION } from '../src/model/indicators';
import { emptyAssessment } from '../src/model/schema';
import { StatbankClient } from '../src/statbank/client';
import { pull } from '../src/statbank/pull';
import { IMPORT_WORDING, SavedResponses } from '../src/statbank/replay';
import { PullSession } from '../src/statbank/session';
import { preparePull } from '../src/taskpane/statbank';
import { regenerateSummary } from '../src/office/summary';
import { describeWorkbook } from '../src/workbook/template';
import { openAndRead } from '../src/xlsx/open';
import { writeXlsx } from '../src/xlsx/xlsx-workbook';
import { OfficePaneHost } from '../src/office/pane-host';
import type { ExcelRun } from '../src/office/workbook';
import { PARAMETERS } from '../src/model/parameters';
import { applyUpgrade, insertTemplate, prepareUpgrade, readSnapshot, writeKommune, writeRating, writeRatings } from '../src/taskpane/session';
import { mirrorCalculator } from '../test/taskpane/excel-results';
import { median } from './median';
import { FakeExcelHost } from '../test/fake-excel/fake-excel';
import { seedFromFile } from '../test/taskpane/seed';

function paneOn(host: FakeExcelHost): OfficePaneHost {
  const isSet = (name: string, version: string) => host.Office.context.requirements.isSetSupported(name, version);
  return new OfficePaneHost(host.Excel.run as unknown as ExcelRun, isSet);
}

async function count<T>(host: FakeExcelHost, what: string, fn: () => Promise<T>, rows: [string, number][]): Promise<T> {
  const before = host.syncCount;
  const result = await fn();
  rows.push([what, host.syncCount - before]);
  return result;
}

/** Every action of the pane on one host, in order. */
async function actions(excelApi: string): Promise<[string, number][]> {
  const rows: [string, number][] = [];
  const host = new FakeExcelHost({ excelApi });
  // Excel calculates within the request (the fake: with the mirror's results).
  host.calculator = mirrorCalculator;
  host.addSheet('Ark1');
  const pane = paneOn(host);
  await count(host, 'open the pane on an empty workbook (lists sheets and names, then reads what is there)', () => readSnapshot(pane.port), rows);
  await count(host, 'Indsæt skabelon (check, then write and read back)', () => insertTemplate(pane.port), rows);
  await count(host, 'refresh after a change by the user (one read)', () => readSnapshot(pane.port), rows);
  const sheets = ['Vejledning', 'Kommune', 'Indikatorer', 'Selvevaluering', 'Vurdering', 'Score'];
  await count(host, 'listen to change and calculation events (once per new sheets)', () => pane.watch(sheets, { changed: () => undefined, calculated: () => undefined }), rows);
  await count(host, 'Kommune: choose Ishøj (check, then write and read back)', () => writeKommune(pane.port, 'Ishøj'), rows);
  const rated = await count(host, 'Vurdering: choose a level (check, then write and read back)', () => writeRating(pane.port, PARAMETERS[0]!.definedName, 3), rows);
  // On a host without the calculation state, the calculated event that follows the write costs a read.
  if (!rated.calculation) await count(host, '  … and the read after Excel\'s calculated event (no calculation state before ExcelApi 1.9)', () => readSnapshot(pane.port), rows);
  await count(host, 'Prøv → Anvend three ratings (check, then write and read back)', () => writeRatings(pane.port, new Map(PARAMETERS.slice(5, 8).map((p) => [p.definedName, 2]))), rows);
  await count(host, 'Tjek: select a cell', () => pane.select('Vurdering', 'B5'), rows);
  await count(host, 'Resumé: make the summary with its charts and print setup (read, then check and write)', () => regenerateSummary(pane.port), rows);

  const old = new FakeExcelHost({ excelApi });
  old.calculator = mirrorCalculator;
  old.addSheet('Ark1');
  old.load(await seedFromFile(path.join(__dirname, '..', '..', 'test', 'fixtures', 'v1.0', 'ishoej-demo-1.0.xlsx')));
  const oldPane = paneOn(old);
  let prepared: Awaited<ReturnType<typeof prepareUpgrade>> | undefined;
  await count(old, 'Opgrader: read what a 1.0 workbook\'s upgrade carries', async () => (prepared = await prepareUpgrade(oldPane.port)), rows);
  if (!prepared || 'problems' in prepared) throw new Error('the 1.0 workbook cannot be upgraded');
  const u = prepared;
  await count(old, 'Opgrader nu: check, then replace the template and read back', () => applyUpgrade(oldPane.port, u), rows);
  return rows;
}

/**
 * The pane's pull (its StatBank backend: saved responses imported as files, the preview, the
 * writes indicator by indicator through the Office adapter into the fake host) against the
 * command line's (the same responses and the same pull session, written into the template file
 * through the file adapter), in the same run.
 */
async function pullBench(): Promise<void> {
  const dir = path.join(__dirname, '..', '..', 'examples', 'statbank-konstrueret');
  const files = readdirSync(dir).map((name) => ({ name, bytes: new Uint8Array(readFileSync(path.join(dir, name))) }));
  const template = await writeXlsx(describeWorkbook(emptyAssessment(TEMPLATE_VERSION)));
  const ishoej = findKommune('Ishøj')!;
  const cli = await median(async () => {
    const saved = SavedResponses.fromFiles(files.map((f) => ({ name: f.name, data: f.bytes })), { ...IMPORT_WORDING, where: 'svar/' });
    const pulled = await pull(new StatbankClient({ fetch: saved.fetch() }), DEFAULT_DEFINITIONS, { year: 2017 });
    const opened = await openAndRead(template);
    if (!opened.workbook) throw new Error('the template did not open');
    await new PullSession(opened.workbook, opened.read, pulled, ishoej).execute(() => 'keep');
  }, 5);
  let syncs = 0;
  const pane = await median(async () => {
    const host = new FakeExcelHost({ excelApi: '1.9' });
    host.addSheet('Ark1');
    const p = paneOn(host);
    await insertTemplate(p.port);
    host.userEdit('Kommune', 'C3', 'Ishøj');
    const before = host.syncCount;
    const prepared = await preparePull(p.port, { origin: { files }, year: 2017 });
    if (prepared.kind !== 'ready') throw new Error(`the pane's pull stopped: ${JSON.stringify(prepared)}`);
    await prepared.handle.execute({}, {});
    syncs = host.syncCount - before;
  }, 5);
  console.log('Pull of the shipped saved responses (2017) for Ishøj, the pane against the command line (median of 5 runs)');
  console.log(`  command line (file adapter, no file written): ${cli.toFixed(0)} ms`);
  console.log(`  task pane (Office adapter on the fake host):  ${pane.toFixed(0)} ms, ${syncs} syncs`);
  console.log(`  ratio pane/command line: ${(pane / cli).toFixed(2)}×`);
}

async function main() {
  for (const api of ['1.9', '1.8']) {
    console.log(`Task pane: context.sync calls per action (fake Excel host with ExcelApi ${api}, real Office adapter)`);
    for (const [what, n] of await actions(api)) console.log(`  ${String(n).padStart(2)}  ${what}`);
  }
  await pullBench();
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack : String(err));
  process.exit(1);
});
