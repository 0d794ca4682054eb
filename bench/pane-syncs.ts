/**
 * npm run bench (the pane's part): the `context.sync` calls of each thing the task pane does,
 * counted by the fake Excel host (the TEST DOUBLE in test/fake-excel, the same the browser tests
 * use) through the real Office adapter and the pane's session code. A user action is one port
 * write; the refresh that follows Excel's change or calculation event is one port read.
 */
import path from 'node:path';
import { insertTemplate } from '../src/office/insert-template';
import { OfficePaneHost } from '../src/office/pane-host';
import type { ExcelRun } from '../src/office/workbook';
import { PARAMETERS } from '../src/model/parameters';
import { applyUpgrade, prepareUpgrade, readSnapshot, writeKommune, writeRating, writeRatings } from '../src/taskpane/session';
import { FakeExcelHost } from '../test/fake-excel/fake-excel';
import { seedFromFile } from '../test/taskpane/seed';

function paneOn(host: FakeExcelHost): OfficePaneHost {
  const isSet = (name: string, version: string) => host.Office.context.requirements.isSetSupported(name, version);
  return new OfficePaneHost(host.Excel.run as unknown as ExcelRun, isSet);
}

async function count(host: FakeExcelHost, what: string, fn: () => Promise<unknown>, rows: [string, number][]): Promise<void> {
  const before = host.syncCount;
  await fn();
  rows.push([what, host.syncCount - before]);
}

async function main() {
  const rows: [string, number][] = [];
  const host = new FakeExcelHost();
  host.addSheet('Ark1');
  const pane = paneOn(host);
  await count(host, 'read an empty workbook (start; the names are missing, so the adapter reads carefully)', () => readSnapshot(pane.port), rows);
  await count(host, 'Indsæt skabelon (one write: check + 2 batches under 2 MiB)', () => insertTemplate(pane.port), rows);
  await count(host, 'refresh: read the assessment (after a change or calculation event)', () => readSnapshot(pane.port), rows);
  const sheets = ['Vejledning', 'Kommune', 'Indikatorer', 'Selvevaluering', 'Vurdering', 'Score'];
  await count(host, 'listen to change and calculation events (once per new sheets; ExcelApi 1.8 host)', () => pane.watch(sheets, { changed: () => undefined, calculated: () => undefined }), rows);
  await count(host, 'Kommune: choose Ishøj (one write)', () => writeKommune(pane.port, 'Ishøj'), rows);
  await count(host, 'Vurdering: choose a level (one write)', () => writeRating(pane.port, PARAMETERS[0]!.definedName, 3), rows);
  await count(host, 'Prøv → Anvend three ratings (one write)', () => writeRatings(pane.port, new Map(PARAMETERS.slice(5, 8).map((p) => [p.definedName, 2]))), rows);
  await count(host, 'Tjek: select a cell', () => pane.select('Vurdering', 'B5'), rows);

  const old = new FakeExcelHost();
  old.addSheet('Ark1');
  old.load(await seedFromFile(path.join(__dirname, '..', '..', 'test', 'fixtures', 'v1.0', 'ishoej-demo-1.0.xlsx')));
  const oldPane = paneOn(old);
  let prepared: Awaited<ReturnType<typeof prepareUpgrade>> | undefined;
  await count(old, 'Opgrader: read what the upgrade carries (a 1.0 workbook: the 1.1 names are missing, so the adapter reads carefully)', async () => (prepared = await prepareUpgrade(oldPane.port)), rows);
  if (!prepared || 'problems' in prepared) throw new Error('the 1.0 workbook cannot be upgraded');
  const u = prepared;
  await count(old, 'Opgrader nu: check the sheets (one read), replace the template (one write)', () => applyUpgrade(oldPane.port, u), rows);

  console.log('Task pane: context.sync calls per action (fake Excel host, real Office adapter)');
  for (const [what, n] of rows) console.log(`  ${String(n).padStart(2)}  ${what}`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack : String(err));
  process.exit(1);
});
