/**
 * The Ledelsesresumé made in the open workbook (src/office/summary.ts), against the fake Excel host
 * (test/fake-excel, a declared test double that records what is asked of charts and pageLayout):
 * the CLI's description put in one write with its native charts and print setup where the host
 * has them, made again without a second sheet, and the message of what a host lacks. What each
 * chart and the print setup ask of Excel is tested with office-addin-mock (charts-mock.test.ts).
 */
import { ishoej2017 } from '../../src/examples/ishoej';
import { nativeFeatures } from '../../src/office/charts';
import { insertTemplate } from '../../src/office/insert-template';
import { regenerateSummary } from '../../src/office/summary';
import { OfficeWorkbook, type ExcelRun } from '../../src/office/workbook';
import { SUMMARY_SHEET, describeSummary } from '../../src/summary/summary';
import { withheldNames } from '../../src/workbook/cpr';
import { describeWorkbook } from '../../src/workbook/template';
import { createFakeExcel } from '../fake-excel/fake-excel';
import { upTo } from '../helpers/requirement-sets';

async function setup(version: string) {
  const host = createFakeExcel({ excelApi: version });
  host.addSheet('Ark1');
  const port = new OfficeWorkbook({ run: host.Excel.run as unknown as ExcelRun, native: nativeFeatures(upTo(version)) });
  const demo = ishoej2017();
  await insertTemplate(port, describeWorkbook(demo.assessment));
  // A first read lists the sheets and names; the pane has made one when it opens.
  await port.read({ cells: ['Template_Version'] });
  return { host, port, demo };
}

describe('the summary made in Excel', () => {
  it('puts the CLI’s summary first with its charts and print setup in one read and one write, and makes it again in place', async () => {
    const { host, port, demo } = await setup('1.9');
    const at = new Date('2026-11-25T12:00:00Z');
    const before = host.syncCount;
    const first = await regenerateSummary(port, at);
    // One read, then one write: a check and one batch with the sheet, its charts and its print setup.
    expect(host.syncCount - before).toBe(3);
    expect(first.made).toBe(true);
    if (!first.made) return;
    expect(first.features).toEqual({ charts: true, chartFormats: true, pageLayout: true });
    expect(host.state.sheets[0]!.name).toBe(SUMMARY_SHEET);
    const expected = describeSummary(demo.assessment, describeWorkbook(demo.assessment), at, withheldNames(new Map()));
    const sheet = host.sheet(SUMMARY_SHEET);
    for (const c of expected.cells.filter((x) => x.formula !== undefined)) expect([c.ref, sheet.cells.get(c.ref)?.formula]).toEqual([c.ref, `=${c.formula}`]);
    // The record: every chart added with its title, and the page set up, before the sheet was protected.
    for (const chart of expected.charts) expect(sheet.native).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^charts\\.add\\(.*\\)\\.title\\.text=${JSON.stringify(chart.title).replace(/[().*+?[\]]/g, '\\$&')}$`))]));
    expect(sheet.native.filter((l) => /^charts\.add\([^)]*\)$/.test(l))).toHaveLength(expected.charts.length);
    expect(sheet.native).toEqual(expect.arrayContaining(['pageLayout.paperSize="A4"', `pageLayout.setPrintArea(${JSON.stringify(expected.print.area)})`]));
    expect(sheet.protection.protected).toBe(true);
    // The in-cell bars are there for the page, whatever the host draws natively.
    expect(sheet.conditionalFormats.filter((f) => f.type === 'DataBar').length).toBeGreaterThan(10);

    const again = await regenerateSummary(port, at);
    expect(again.made).toBe(true);
    expect(host.state.sheets.filter((s) => s.name === SUMMARY_SHEET)).toHaveLength(1);
    expect(host.state.sheets[0]!.name).toBe(SUMMARY_SHEET);
  });

  it('makes the summary without what the host lacks, and says so', async () => {
    const { host, port } = await setup('1.6');
    const made = await regenerateSummary(port);
    expect(made.made).toBe(true);
    if (!made.made) return;
    expect(made.features).toMatchObject({ charts: false, pageLayout: false });
    expect(made.features.message).toMatch(/ExcelApi 1\.7 \(diagrammer\): resuméet er lavet uden diagrammer/);
    expect(host.sheet(SUMMARY_SHEET).native).toEqual([]);
  });
});
