/**
 * The pane's session code (src/taskpane/session.ts) on the real Office adapter and the fake
 * Excel host in Node: what each action costs in syncs, the comparison of the sheet with the
 * mirror, and an upgrade that refuses before it changes anything.
 */
import path from 'node:path';
import { insertTemplate } from '../../src/office/insert-template';
import { OfficePaneHost } from '../../src/office/pane-host';
import type { ExcelRun } from '../../src/office/workbook';
import { PARAMETERS } from '../../src/model/parameters';
import { scoreCells } from '../../src/scoring/score';
import { applyUpgrade, disagreements, prepareUpgrade, readSnapshot, writeKommune, writeRating, type PaneUpgrade } from '../../src/taskpane/session';
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
  it('reads once per refresh and writes once per action, within two syncs each', async () => {
    const host = new FakeExcelHost();
    host.addSheet('Ark1');
    const pane = paneOn(host);
    const [empty] = await syncs(host, () => readSnapshot(pane.port));
    expect(empty.kind).toBe('none');
    await insertTemplate(pane.port);
    const [snap, read] = await syncs(host, () => readSnapshot(pane.port));
    expect([snap.kind, snap.version, read]).toEqual(['current', '1.1', 1]);
    expect(pane.calculationMode).toBe('automatic');
    const [, kommune] = await syncs(host, () => writeKommune(pane.port, 'ishøj'));
    expect([host.valueOf('Kommune_Navn'), kommune]).toEqual(['Ishøj', 2]);
    const [, rating] = await syncs(host, () => writeRating(pane.port, 'Vurd_Strategi', 3));
    expect([host.valueOf('Vurd_Strategi'), rating]).toEqual([3, 2]);
    const [, select] = await syncs(host, () => pane.select('Vurdering', 'B5'));
    expect([host.selection, select]).toEqual([{ sheet: 'Vurdering', ref: 'B5' }, 1]);
    host.calculationMode = 'Manual';
    await readSnapshot(pane.port);
    expect(pane.calculationMode).toBe('manual');
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

  it('refuses before changing anything when no other visible sheet would be left', async () => {
    const host = new FakeExcelHost();
    host.load(demo);
    const pane = paneOn(host);
    const u = (await prepareUpgrade(pane.port)) as PaneUpgrade;
    const sheets = host.state.sheets.map((s) => s.name);
    const syncsBefore = host.syncCount;
    await expect(applyUpgrade(pane.port, u)).rejects.toThrow(/mindst ét synligt ark/);
    expect(host.state.sheets.map((s) => s.name)).toEqual(sheets);
    // Only the read that decided it.
    expect(host.syncCount - syncsBefore).toBe(1);
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
