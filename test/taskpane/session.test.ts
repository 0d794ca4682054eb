/**
 * The pane's session code (src/taskpane/session.ts) on the real Office adapter and the fake
 * Excel host in Node: what each action costs in syncs, the comparison of the sheet with the
 * mirror, and an upgrade that refuses before it changes anything.
 */
import path from 'node:path';
import { OfficePaneHost } from '../../src/office/pane-host';
import type { ExcelRun } from '../../src/office/workbook';
import { PARAMETERS } from '../../src/model/parameters';
import { scoreCells } from '../../src/scoring/score';
import { OfficeWriteError } from '../../src/office/errors';
import { findKommune } from '../../src/model/geography';
import { addressesOf, applyUpgrade, disagreements, insertTemplate, prepareUpgrade, readSnapshot, writeKommune, writeRating, type PaneUpgrade } from '../../src/taskpane/session';
import { mirrorCalculator } from './excel-results';
import { FakeExcelHost, type FakeSeed } from '../fake-excel/fake-excel';
import { seedFromFile } from './seed';

const paneOn = (host: FakeExcelHost) => new OfficePaneHost(host.Excel.run as unknown as ExcelRun, (n, v) => host.Office.context.requirements.isSetSupported(n, v));

async function syncs<T>(host: FakeExcelHost, fn: () => Promise<T>): Promise<[T, number]> {
  const before = host.syncCount;
  const result = await fn();
  return [result, host.syncCount - before];
}

let demo: FakeSeed;
beforeAll(async () => {
  demo = await seedFromFile(path.join(__dirname, '..', 'fixtures', 'v1.0', 'ishoej-demo-1.0.xlsx'));
});

describe('the pane session on the Office adapter', () => {
  it('costs at most two syncs per action on an ExcelApi 1.9 host: each write brings the calculated snapshot it leaves', async () => {
    const host = new FakeExcelHost({ excelApi: '1.9' });
    host.calculator = mirrorCalculator;
    host.addSheet('Ark1');
    const pane = paneOn(host);
    const [empty, emptyRead] = await syncs(host, () => readSnapshot(pane.port));
    expect([empty.kind, emptyRead]).toEqual(['none', 2]);
    const [inserted, insert] = await syncs(host, () => insertTemplate(pane.port));
    expect([inserted.snapshot.kind, inserted.snapshot.version, inserted.snapshot.calculation, insert]).toEqual(['current', '1.1', 'done', 2]);
    expect(inserted.sheets).toContain('Vurdering');
    const [snap, read] = await syncs(host, () => readSnapshot(pane.port));
    expect([snap.kind, read]).toEqual(['current', 1]);
    expect(pane.calculationMode).toBe('automatic');
    const [afterKommune, kommune] = await syncs(host, () => writeKommune(pane.port, 'ishøj'));
    expect([host.valueOf('Kommune_Navn'), afterKommune.kommune.navn, afterKommune.kommune.kode, kommune]).toEqual(['Ishøj', 'Ishøj', findKommune('Ishøj')!.dstCode, 2]);
    const [afterRating, rating] = await syncs(host, () => writeRating(pane.port, 'Vurd_Strategi', 3));
    expect([host.valueOf('Vurd_Strategi'), rating, afterRating.calculation]).toEqual([3, 2, 'done']);
    // The snapshot is read after the write, calculated: the sheet's results agree with the mirror.
    expect(afterRating.ratings[PARAMETERS.findIndex((p) => p.definedName === 'Vurd_Strategi')]).toBe(3);
    expect(afterRating.sheet.antal).toBe(1);
    expect(disagreements(afterRating.mirror, afterRating.sheet)).toEqual([]);
    const [, select] = await syncs(host, () => pane.select('Vurdering', 'B5'));
    expect([host.selection, select]).toEqual([{ sheet: 'Vurdering', ref: 'B5' }, 1]);
    host.calculationMode = 'Manual';
    const manual = await writeRating(pane.port, 'Vurd_Strategi', 2);
    // Manual calculation: the sheet still shows the result for 3.
    expect([pane.calculationMode, manual.calculation, manual.sheet.foreloebig, manual.mirror.foreloebig]).toEqual(['manual', 'pending', 3, 2]);
  });

  it('says nothing of the calculation on an ExcelApi 1.8 host, which cannot tell', async () => {
    const host = new FakeExcelHost();
    host.addSheet('Ark1');
    const pane = paneOn(host);
    const { snapshot } = await insertTemplate(pane.port);
    expect(snapshot.calculation).toBeUndefined();
    const [after, rating] = await syncs(host, () => writeRating(pane.port, 'Vurd_Strategi', 3));
    expect([after.calculation, rating]).toEqual([undefined, 2]);
  });

  it('finds the cells a write lands on, for its echo', () => {
    expect(addressesOf(['Kommune_Navn', 'Vurd_Strategi', 'Ukendt'])).toEqual(['C3', expect.stringMatching(/^[A-Z]+\d+$/)]);
  });

  it('compares the sheet with the mirror: blank is blank, a different result is a disagreement', () => {
    const mirror = scoreCells(PARAMETERS.map(() => 3));
    const same = { antal: 10, samlet: 3, foreloebig: 3, egen: 3, vurdering: 3, niveau: 'I nogen grad' };
    expect(disagreements(mirror, same)).toEqual([]);
    expect(disagreements(mirror, { ...same, samlet: 2.9 })).toEqual([{ label: 'Samlet', mirror: 3, sheet: 2.9 }]);
    expect(disagreements(scoreCells(PARAMETERS.map(() => null)), { antal: 0, samlet: '', foreloebig: '', egen: '', vurdering: '', niveau: '' })).toEqual([]);
    expect(disagreements(mirror, { ...same, antal: '' }).map((d) => d.label)).toEqual(['Antal vurderede']);
  });

  it('plans an upgrade of a 1.0 workbook and carries every rating', async () => {
    const host = new FakeExcelHost();
    host.addSheet('Ark1');
    host.load(demo);
    const pane = paneOn(host);
    expect((await readSnapshot(pane.port)).kind).toBe('older');
    const u = (await prepareUpgrade(pane.port)) as PaneUpgrade;
    expect(u.plan.from).toBe('1.0');
    expect(u.hadSummary).toBe(true);
    const ratings = PARAMETERS.map((p) => host.valueOf(p.definedName));
    await applyUpgrade(pane.port, u);
    expect(PARAMETERS.map((p) => host.valueOf(p.definedName))).toEqual(ratings);
    expect((await readSnapshot(pane.port)).kind).toBe('current');
  });

  it('upgrades a workbook with no other sheet: the old sheets are renamed out of the way and deleted last', async () => {
    const host = new FakeExcelHost({ excelApi: '1.9' });
    host.load(demo);
    const pane = paneOn(host);
    const u = (await prepareUpgrade(pane.port)) as PaneUpgrade;
    const ratings = PARAMETERS.map((p) => host.valueOf(p.definedName));
    const [done, writes] = await syncs(host, () => applyUpgrade(pane.port, u));
    expect(writes).toBe(2);
    expect(done.snapshot.kind).toBe('current');
    expect(PARAMETERS.map((p) => host.valueOf(p.definedName))).toEqual(ratings);
    expect(host.state.sheets.map((s) => s.name).sort()).toEqual([...done.sheets].sort());
  });

  it('gives the old sheets back when Excel refuses the upgrade half-way', async () => {
    const host = new FakeExcelHost({ maxRequestBytes: 5 * 1024 * 1024 });
    host.addSheet('Ark1');
    host.load(demo);
    const pane = paneOn(host);
    const u = (await prepareUpgrade(pane.port)) as PaneUpgrade;
    const before = JSON.stringify(host.state.sheets.map((s) => [s.name, s.visibility, [...s.cells]])) + JSON.stringify([...host.state.names]);
    // The writing sync fails late, after the old sheets were renamed and the new ones added.
    host.failOnSync.push({ atAction: Number.MAX_SAFE_INTEGER, code: 'none' }, { atAction: 400, code: 'GeneralException' });
    const err = await applyUpgrade(pane.port, u).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OfficeWriteError);
    expect((err as OfficeWriteError).rolledBack).toBe(true);
    expect((err as Error).message).toMatch(/som før/);
    expect(JSON.stringify(host.state.sheets.map((s) => [s.name, s.visibility, [...s.cells]])) + JSON.stringify([...host.state.names])).toBe(before);
  });

  it('refuses an upgrade that would lose a name of the user’s, as the command line does, before anything changes', async () => {
    const host = new FakeExcelHost();
    host.addSheet('Ark1');
    host.load(demo);
    host.addName('Mine_Noter', '=Kommune!$E$3');
    const pane = paneOn(host);
    const before = JSON.stringify(host.state.sheets.map((s) => [s.name, [...s.cells]]));
    const u = await prepareUpgrade(pane.port);
    expect('problems' in u && u.losing).toBe(true);
    expect('problems' in u && u.problems.map((p) => p.message)).toEqual([expect.stringMatching(/^Navnet Mine_Noter \(i hele projektmappen\) hører ikke til skabelonen og ville gå tabt/)]);
    expect(JSON.stringify(host.state.sheets.map((s) => [s.name, [...s.cells]]))).toBe(before);
  });

  it('refuses when the workbook changed since the upgrade was prepared', async () => {
    const host = new FakeExcelHost();
    host.addSheet('Ark1');
    host.load(demo);
    const pane = paneOn(host);
    const u = (await prepareUpgrade(pane.port)) as PaneUpgrade;
    const at = host.nameTarget('Template_Version')!;
    host.userEdit(at.sheet, at.ref, 'x');
    await expect(applyUpgrade(pane.port, u)).rejects.toThrow(/ændret, siden/);
    expect(host.state.sheets.some((s) => s.name === 'Ledelsesresumé')).toBe(true);
  });
});
