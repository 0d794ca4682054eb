/**
 * npm run bench (the pane's part): the `context.sync` calls of each thing the task pane does,
 * counted by the fake Excel host (the TEST DOUBLE in test/fake-excel, the same the browser tests
 * use) through the real Office adapter and the pane's session code. A user action is one port
 * write that reads back what it leaves; a change by the user is one port read. On a host without
 * Excel's calculation state (before ExcelApi 1.9), the calculated event after a write costs a read.
 */
import path from 'node:path';
import { OfficePaneHost } from '../src/office/pane-host';
import type { ExcelRun } from '../src/office/workbook';
import { PARAMETERS } from '../src/model/parameters';
import { applyUpgrade, insertTemplate, prepareUpgrade, readSnapshot, writeKommune, writeRating, writeRatings } from '../src/taskpane/session';
import { mirrorCalculator } from '../test/taskpane/excel-results';
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

async function main() {
  for (const api of ['1.9', '1.8']) {
    console.log(`Task pane: context.sync calls per action (fake Excel host with ExcelApi ${api}, real Office adapter)`);
    for (const [what, n] of await actions(api)) console.log(`  ${String(n).padStart(2)}  ${what}`);
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack : String(err));
  process.exit(1);
});
