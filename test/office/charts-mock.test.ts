/**
 * The summary's native charts and print setup in Excel (src/office/charts.ts) against
 * office-addin-mock: what is asked of Excel for the Ishøj 2017 demo's summary (the operations the
 * Office adapter queues in the write that puts the sheet; see summary-office.test.ts for the
 * write), each feature only where isSetSupported says the host has it; and the summary
 * description's charts, which cover no cell.
 */
import { OfficeMockObject } from 'office-addin-mock';
import { ishoej2017 } from '../../src/examples/ishoej';
import { CHART_SET, PAGE_LAYOUT_SET, nativeFeatures, nativeOps, type NativeFeatures } from '../../src/office/charts';
import { Session } from '../../src/office/render';
import type { ExcelRun } from '../../src/office/workbook';
import { describeSummary } from '../../src/summary/summary';
import { CHART_NAME_PREFIX, MARGINS, parseReference, splitRef } from '../../src/workbook/description';
import { SUMMARY_WIDTHS } from '../../src/workbook/layout';
import { describeWorkbook } from '../../src/workbook/template';
import { sink } from '../helpers/office-sink';
import { upTo } from '../helpers/requirement-sets';

const demo = ishoej2017();
const workbook = describeWorkbook(demo.assessment);
const summary = describeSummary(demo.assessment, workbook, new Date('2026-11-25T12:00:00Z'));

function setup() {
  const context = new OfficeMockObject({ workbook: { worksheets: {} } }) as OfficeMockObject & Record<string, any>;
  const log: string[] = [];
  context.workbook.worksheets.getItem = (name: string) => sink(log, `sheet(${name})`);
  const sync = jest.spyOn(context, 'sync').mockImplementation(async () => void log.push('sync'));
  const run: ExcelRun = (batch) => batch(context as unknown as Excel.RequestContext);
  return { run, log, sync };
}

/** Queues the summary's native operations for a host as the adapter's write does, and says what the host has. */
async function draw(run: ExcelRun, isSet: (name: string, version: string) => boolean): Promise<NativeFeatures> {
  const features = nativeFeatures(isSet);
  await run(async (ctx) => {
    const s = new Session(ctx);
    for (const o of nativeOps(summary, features)) o.apply(s);
  });
  return features;
}

/** The cells a range covers, as "col:row". */
function cellsOf(range: string): Set<string> {
  const [a, b] = range.split(':') as [string, string?];
  const from = splitRef(a);
  const to = splitRef(b ?? a);
  const out = new Set<string>();
  for (let c = from.col; c <= to.col; c++) for (let r = from.row; r <= to.row; r++) out.add(`${c}:${r}`);
  return out;
}

describe('the summary’s native charts', () => {
  it('are placed where they cover no cell, right of the printed columns, and overlap nothing', () => {
    expect(summary.charts.map((c) => c.name)).toEqual([...['Fuldtidsledige', 'Grundskole', 'Doemte', 'Tryghedsindeks'].map((id) => `${CHART_NAME_PREFIX}${id}`), `${CHART_NAME_PREFIX}Vurderinger`]);
    const taken = new Set([...summary.cells.map((c) => c.ref), ...summary.merges].flatMap((r) => [...cellsOf(r)]));
    const drawn = new Set<string>();
    for (const chart of summary.charts) {
      const covered = cellsOf(chart.anchor);
      expect({ chart: chart.name, covers: [...covered].filter((c) => taken.has(c) || drawn.has(c)) }).toEqual({ chart: chart.name, covers: [] });
      expect(splitRef(chart.anchor.split(':')[0]!).col).toBeGreaterThan(SUMMARY_WIDTHS.length);
      covered.forEach((c) => drawn.add(c));
      // Live on the assessment's own cells: the ratings on Score, the figures on Indikatorer.
      for (const s of chart.series) expect(parseReference(s.values)?.sheet).toBe(chart.name.endsWith('Vurderinger') ? 'Score' : 'Indikatorer');
      expect(chart.fallback.length).toBeGreaterThan(0);
    }
    expect(summary.print.area).toMatch(/^A1:N\d+$/);
  });

  it('are asked of Excel with the print setup, as the description says', async () => {
    const { run, log, sync } = setup();
    const features = await draw(run, upTo('1.9'));
    expect(features).toEqual({ charts: true, chartFormats: true, pageLayout: true });
    // The adapter's write sends them: nothing syncs here.
    expect(sync).not.toHaveBeenCalled();
    const ws = 'sheet(Ledelsesresumé)';
    expect(log).toEqual(
      expect.arrayContaining([
        `${ws}.pageLayout.paperSize="A4"`,
        `${ws}.pageLayout.orientation="Landscape"`,
        `${ws}.pageLayout.zoom={"horizontalFitToPages":1,"verticalFitToPages":1}`,
        `${ws}.pageLayout.leftMargin=${MARGINS.narrow.left * 72}`,
        `${ws}.pageLayout.topMargin=${MARGINS.narrow.top * 72}`,
        `${ws}.pageLayout.setPrintArea("${summary.print.area}")`,
      ]),
    );
    const isAdd = (l: string) => l.startsWith(`${ws}.charts.add(`) && /,"(Rows|Columns)"\)$/.test(l);
    const added = log.filter(isAdd);
    expect(added).toEqual([
      ...Array(4).fill(expect.stringMatching(/^sheet\(Ledelsesresumé\)\.charts\.add\("ColumnClustered",sheet\(Indikatorer\)\.getRange\("B\d+:D\d+"\),"Rows"\)$/)),
      `${ws}.charts.add("BarClustered",sheet(Score).getRange("C4:C13"),"Columns")`,
    ]);
    const ratings = `${ws}.charts.add("BarClustered",sheet(Score).getRange("C4:C13"),"Columns")`;
    expect(log).toEqual(
      expect.arrayContaining([
        `${ratings}.name="Parathed_Vurderinger"`,
        `${ratings}.title.text="Vurderingen af de 10 parametre (1–4)"`,
        `${ratings}.series.getItemAt(0).setXAxisValues(sheet(Score).getRange("B4:B13"))`,
        `${ratings}.axes.valueAxis.maximum=4`,
        `${ratings}.axes.valueAxis.numberFormat="0"`,
        expect.stringMatching(new RegExp(`^${ratings.replace(/[().*"[\]]/g, '\\$&')}\\.setPosition\\("P\\d+","Y\\d+"\\)$`)),
      ]),
    );
    // The selected indicators' charts take their categories from the Indikatorer table's header.
    expect(log.filter((l) => l.endsWith('.setXAxisValues(sheet(Indikatorer).getRange("B4:D4"))'))).toHaveLength(4);
  });

  it('leave out what the host lacks, checked with isSetSupported, and say so in Danish', async () => {
    const old = setup();
    const without19 = await draw(old.run, upTo('1.8'));
    expect(without19.pageLayout).toBe(false);
    expect(without19.message).toMatch(/^Denne udgave af Excel mangler ExcelApi 1\.9 \(sideopsætning/);
    expect(old.log.some((l) => l.includes('pageLayout'))).toBe(false);
    expect(old.log.filter((l) => /\.charts\.add\(.*,"(Rows|Columns)"\)$/.test(l))).toHaveLength(5);

    const ancient = setup();
    const without17 = await draw(ancient.run, upTo('1.6'));
    expect(without17).toMatchObject({ charts: false, pageLayout: false });
    expect(without17.message).toContain(`${CHART_SET.name} ${CHART_SET.version} (diagrammer): resuméet er lavet uden diagrammer`);
    expect(without17.message).toContain(`${PAGE_LAYOUT_SET.name} ${PAGE_LAYOUT_SET.version}`);
    // Nothing to draw.
    expect(ancient.log).toEqual([]);
    expect(nativeFeatures(upTo('1.9')).message).toBeUndefined();
  });
});
