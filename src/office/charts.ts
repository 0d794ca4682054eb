/// <reference types="office-js" />
/**
 * What the file writer cannot do and Excel can, for a described sheet put in the open workbook:
 * its native charts (src/workbook/description.ts, ChartSpec: live on the cells they show, placed
 * where they cover no cell) and its print setup (A4, orientation, fit, print area, titles, the
 * file writer's margins) through `pageLayout`. Each feature is used only where the host has its
 * requirement set, checked with `isSetSupported` first; a host without it gets the sheet without
 * the feature, and a Danish message that says so. The Office adapter queues these operations in
 * the write that puts the sheet, before it protects it (OfficeWorkbook's `native`). The in-cell
 * bars of a chart (its fallback) are drawn with the sheet's content (render.ts) either way, so
 * the printed page shows them.
 */
import { MARGINS, parseReference, type ChartSpec, type SheetSpec } from '../workbook/description';
import { Session, op, type Op } from './render';
import type { IsSetSupported, RequirementSet } from './requirements';

/** Native charts: `charts.add`, `setXAxisValues` and `setValues` (ExcelApi 1.7). */
export const CHART_SET: RequirementSet = { name: 'ExcelApi', version: '1.7', usedFor: 'diagrammer' };
/** The Danish number formats of a chart's axis and labels (`ChartAxis.numberFormat`, ExcelApi 1.8). */
export const CHART_FORMAT_SET: RequirementSet = { name: 'ExcelApi', version: '1.8', usedFor: 'talformater i diagrammer' };
/** Print setup: `worksheet.pageLayout` (ExcelApi 1.9). */
export const PAGE_LAYOUT_SET: RequirementSet = { name: 'ExcelApi', version: '1.9', usedFor: 'sideopsætning (A4, udskriftsområde og tilpasning til siden)' };

export interface NativeFeatures {
  charts: boolean;
  chartFormats: boolean;
  pageLayout: boolean;
  /** What the host lacks and what that means, in Danish; undefined when it has everything. */
  message?: string;
}

/** Which of the features this host has, checked with isSetSupported. */
export function nativeFeatures(isSetSupported: IsSetSupported): NativeFeatures {
  const has = (s: RequirementSet) => isSetSupported(s.name, s.version);
  const charts = has(CHART_SET);
  const chartFormats = charts && has(CHART_FORMAT_SET);
  const pageLayout = has(PAGE_LAYOUT_SET);
  const missing: string[] = [];
  if (!charts) missing.push(`${CHART_SET.name} ${CHART_SET.version} (${CHART_SET.usedFor}): resuméet er lavet uden diagrammer, og søjlerne i cellerne viser tallene`);
  else if (!chartFormats) missing.push(`${CHART_FORMAT_SET.name} ${CHART_FORMAT_SET.version} (${CHART_FORMAT_SET.usedFor}): diagrammerne viser Excels standardformat`);
  if (!pageLayout) missing.push(`${PAGE_LAYOUT_SET.name} ${PAGE_LAYOUT_SET.version} (${PAGE_LAYOUT_SET.usedFor}): vælg A4 og "Tilpas til én side i bredden" under Sidelayout, før du udskriver`);
  return { charts, chartFormats, pageLayout, ...(missing.length > 0 ? { message: `Denne udgave af Excel mangler ${missing.join('; ')}.` } : {}) };
}

/** The worksheet and range of a chart's reference: another sheet's ("'Score'!$B$4:$B$13") or this one's ("F20:F29"). */
function rangeOf(s: Session, sheet: string, ref: string): Excel.Range {
  const at = parseReference(ref);
  return at ? s.sheet(at.sheet).getRange(at.range) : s.sheet(sheet).getRange(ref);
}

/** The number of rows of a reference's range ("B4:D4" → 1), to tell a row of values from a column. */
function rowsOf(ref: string): number {
  const range = parseReference(ref)?.range ?? ref;
  const [from, to] = range.split(':');
  const row = (a: string | undefined) => Number(/\d+$/.exec(a ?? '')?.[0] ?? 0);
  return to ? Math.abs(row(to) - row(from)) + 1 : 1;
}

/** One native chart: added on its series' values, categories set, placed over its anchor, axis and labels formatted. */
export function chartOp(sheet: string, chart: ChartSpec, formats: boolean): Op {
  return op(chart, (s) => {
    const [first, ...more] = chart.series;
    if (!first) return;
    const values = rangeOf(s, sheet, first.values);
    const c = s.sheet(sheet).charts.add(chart.kind === 'bar' ? 'BarClustered' : 'ColumnClustered', values, rowsOf(first.values) === 1 ? 'Rows' : 'Columns');
    c.name = chart.name;
    c.title.text = chart.title;
    const series = c.series.getItemAt(0);
    series.name = first.name;
    series.setValues(values);
    series.setXAxisValues(rangeOf(s, sheet, chart.categories));
    for (const m of more) {
      const next = c.series.add(m.name);
      next.setValues(rangeOf(s, sheet, m.values));
      next.setXAxisValues(rangeOf(s, sheet, chart.categories));
    }
    c.legend.visible = chart.series.length > 1;
    c.dataLabels.showValue = true;
    const [from, to] = chart.anchor.split(':') as [string, string];
    c.setPosition(from, to);
    const axis = c.axes.valueAxis;
    if (chart.axis.min !== undefined) axis.minimum = chart.axis.min;
    if (chart.axis.max !== undefined) axis.maximum = chart.axis.max;
    if (chart.axis.majorUnit !== undefined) axis.majorUnit = chart.axis.majorUnit;
    if (formats && chart.axis.numFmt) {
      axis.numberFormat = chart.axis.numFmt;
      c.dataLabels.numberFormat = chart.axis.numFmt;
    }
  }, { size: 120 * 20 + JSON.stringify(chart).length });
}

/** Points per inch: the file writer's margins (inches) in pageLayout's points. */
const PT = 72;

/** The sheet's print setup as the file writer's: A4, orientation, fit, print area, titles, margins. */
export function pageLayoutOp(sheet: SheetSpec): Op {
  const p = sheet.print;
  return op(p, (s) => {
    const layout = s.sheet(sheet.name).pageLayout;
    layout.paperSize = 'A4';
    layout.orientation = p.orientation === 'landscape' ? 'Landscape' : 'Portrait';
    layout.zoom = p.fit === 'none' ? { scale: 100 } : { horizontalFitToPages: 1, verticalFitToPages: p.fit === 'page' ? 1 : 0 };
    const m = MARGINS[p.margins ?? 'normal'];
    layout.leftMargin = m.left * PT;
    layout.rightMargin = m.right * PT;
    layout.topMargin = m.top * PT;
    layout.bottomMargin = m.bottom * PT;
    layout.headerMargin = m.header * PT;
    layout.footerMargin = m.footer * PT;
    if (p.area) layout.setPrintArea(p.area);
    if (p.titleRows) layout.setPrintTitleRows(p.titleRows.split(':').map((r) => `$${r}`).join(':'));
    if (p.titleColumns) layout.setPrintTitleColumns(p.titleColumns.split(':').map((c) => `$${c}`).join(':'));
  }, { size: 120 * 12 + JSON.stringify(p).length });
}

/** The operations for a sheet's native features that this host has. */
export function nativeOps(sheet: SheetSpec, features: NativeFeatures): Op[] {
  return [...(features.pageLayout ? [pageLayoutOp(sheet)] : []), ...(features.charts ? sheet.charts.map((c) => chartOp(sheet.name, c, features.chartFormats)) : [])];
}
