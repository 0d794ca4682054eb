/**
 * The Ledelsesresumé made in the open workbook (src/office/summary.ts), against the fake Excel host
 * (test/fake-excel, a declared test double with no charts or page layout, as an Excel with ExcelApi
 * 1.6 has none): the CLI's description put in one write, made again without a second sheet, and
 * the message of what the host lacks. The native calls are tested with office-addin-mock
 * (charts-mock.test.ts).
 */
import { ishoej2017 } from '../../src/examples/ishoej';
import { insertTemplate } from '../../src/office/insert-template';
import { regenerateSummary } from '../../src/office/summary';
import { OfficeWorkbook, type ExcelRun } from '../../src/office/workbook';
import { SUMMARY_SHEET, describeSummary, withheldNames } from '../../src/summary/summary';
import { describeWorkbook } from '../../src/workbook/template';
import { readThroughPort } from '../../src/workbook/reader';
import { summaryRequest } from '../../src/summary/put';
import { createFakeExcel } from '../fake-excel/fake-excel';

const only16 = (name: string, version: string) => name === 'ExcelApi' && Number(version.split('.')[1]) <= 6;

describe('the summary made in Excel', () => {
  it('puts the CLI’s summary first, makes it again in place, and says what the host lacks', async () => {
    const host = createFakeExcel();
    host.addSheet('Ark1');
    const run = host.Excel.run as unknown as ExcelRun;
    const port = new OfficeWorkbook({ run });
    const demo = ishoej2017();
    await insertTemplate(port, describeWorkbook(demo.assessment));
    const at = new Date('2026-11-25T12:00:00Z');
    // What the read takes (the adapter's own count), measured on the same workbook.
    let before = host.syncCount;
    await readThroughPort(port, summaryRequest());
    const readSyncs = host.syncCount - before;
    before = host.syncCount;
    const first = await regenerateSummary(port, run, only16, at);
    expect(first.made).toBe(true);
    if (!first.made) return;
    expect(first.features).toMatchObject({ charts: false, pageLayout: false });
    expect(first.features.message).toMatch(/ExcelApi 1\.7 \(diagrammer\): resuméet er lavet uden diagrammer/);
    // The read, then one write (a check and one batch): no batch for charts the host cannot draw.
    expect(host.syncCount - before).toBe(readSyncs + 2);
    expect(host.state.sheets[0]!.name).toBe(SUMMARY_SHEET);
    const expected = describeSummary(demo.assessment, describeWorkbook(demo.assessment), at, withheldNames(new Map()));
    const sheet = host.sheet(SUMMARY_SHEET);
    for (const c of expected.cells.filter((x) => x.formula !== undefined)) expect([c.ref, sheet.cells.get(c.ref)?.formula]).toEqual([c.ref, `=${c.formula}`]);
    // The in-cell bars are there for the page, whatever the host draws natively.
    expect(sheet.conditionalFormats.filter((f) => f.type === 'DataBar').length).toBeGreaterThan(10);

    const again = await regenerateSummary(port, run, only16, at);
    expect(again.made).toBe(true);
    expect(host.state.sheets.filter((s) => s.name === SUMMARY_SHEET)).toHaveLength(1);
    expect(host.state.sheets[0]!.name).toBe(SUMMARY_SHEET);
  });
});
