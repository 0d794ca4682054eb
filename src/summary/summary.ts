/**
 * The summary sheet (Ledelsesresumé) as plain data, built from an assessment: every number is a
 * live formula on the workbook's defined names (or the cells they feed), so a rating changed in a
 * meeting changes the summary at once; texts are copied when the summary is generated. Cached
 * results come from the TypeScript mirror. Pure: `put.ts` puts it into a workbook through the port.
 */
import { GEOGRAPHIES, INDICATORS, KOMMUNE_NAMES, OMFANG, TEMPLATE_VERSION_NAME, indicatorName, provenanceName, indicatorPeriodName, indicatorSourceName, comparisonOf, shareInputNames, type GeographyId, type Indicator } from '../model/indicators';
import { ASSESSED_PARAMETERS, PARAMETERS, PARAMETER_KIND_LABEL, SELF_PARAMETERS } from '../model/parameters';
import { SCALE, SCALE_MAX, SCALE_MIN } from '../model/scale';
import type { Assessment } from '../model/schema';
import { findKommuneByName } from '../model/geography';
import { CITATION, CONSTRUCTED_SOURCE, DST_LICENCE, DST_NAME } from '../model/sources';
import { QUALITATIVE, THEMES, textFieldName } from '../model/themes';
import type { CellValue, FormulaValue } from '../scoring/excel';
import { officialNameFormula, valueOrMissingFormula, versusNationalFormula } from '../scoring/formulas';
import { valueOrMissing, versusNational } from '../scoring/score';
import { CHART_NAME_PREFIX, SheetBuilder, absoluteRef, columnLetter, smallStyle, splitRef, type CellSpec, type ChartSpec, type DataBarSpec, type SheetSpec, type WorkbookSpec } from '../workbook/description';
import { TREND_LENGTH } from '../model/statbank';
import { GEO_COLUMNS, SCORE, SHEETS, summaryGrid, scoreValueCell, scoreValueRef, trendCell, type SummaryColumns } from '../workbook/layout';
import { UNKNOWN_DATE, danishDate, previousCells, previousRef, type PreviousCycle } from './previous';
import { NUMBER_FORMATS, danishTime } from '../workbook/formats';

// The sheet's name lives in model/names.ts (the pane's first script names it too).
import { SUMMARY_SHEET } from '../model/names';
export { SUMMARY_SHEET };

/** The four indicators the report's first page picks. */
export const SELECTED_INDICATORS = ['Fuldtidsledige', 'Grundskole', 'Doemte', 'Tryghedsindeks'] as const;

/**
 * Every cell's value in a described workbook (a formula's cached result), by "Sheet!A1" and,
 * for named cells, by defined name.
 */
export function describedValues(spec: WorkbookSpec): { byName: Map<string, CellValue>; byCell: Map<string, CellValue> } {
  const byName = new Map<string, CellValue>();
  const byCell = new Map<string, CellValue>();
  for (const sheet of spec.sheets) {
    for (const c of sheet.cells) {
      const value = c.formula !== undefined ? (c.result ?? '') : (c.value ?? null);
      byCell.set(`${sheet.name}!${c.ref}`, value);
      if (c.name) byName.set(c.name, value);
    }
  }
  return { byName, byCell };
}

/** Columns and rows of a selected indicator's chart, and rows of the ratings' chart (twice as wide). */
const CHART_COLS = 5;
const CHART_ROWS = 10;
const RATINGS_CHART_ROWS = 14;
const chartAnchor = (col: number, row: number, cols: number, rows: number) => `${columnLetter(col)}${row}:${columnLetter(col + cols - 1)}${row + rows - 1}`;

/**
 * The printed page: one A4 page, landscape (issue 15), with no text below 8 pt (issue 11). The
 * summary's text is 9 pt (the small styles, `SMALL_FONT_MIN`), its margins narrow, and its rows
 * sized for that, so it fits the page at a scale above 8/9 (LibreOffice: the demo at about 0.96,
 * with the previous cycle's columns and the longest texts at about 0.91; test/summary.test.ts and
 * test/summary-previous.test.ts measure the printed text). To fit, the copied
 * texts are one line each: a theme's text and Ambitioner are cut at the last full sentence within
 * THEME_TEXT_MAX characters, a priority's within PRIORITY_TEXT_MAX, each with a pointer to the
 * rest in Selvevaluering; a source longer than its column is cut (the whole source is on
 * Indikatorer). Every other row holds one line: the columns are wide enough for their labels.
 */
export const THEME_TEXT_MAX = 108;
export const PRIORITY_TEXT_MAX = 108;
/** The pointer to the rest of a cut text. */
const REST = `mere i ${SHEETS.selvevaluering}`;
/** Points a line of 9 pt takes, a heading's row, the title's, and an empty row between sections. */
const LINE_POINTS = 12;
const HEADING_POINTS = 15;
const TITLE_POINTS = 20;
const GAP_POINTS = 4;
/** Characters of 9 pt text a unit of column width holds, counted low (Danish words, capitals). */
const CHARS_PER_UNIT = 1.3;
const heightFor = (text: string, charsPerLine: number) => Math.max(1, Math.ceil(text.length / charsPerLine)) * LINE_POINTS;
const charsIn = (units: number) => Math.max(1, Math.floor(units * CHARS_PER_UNIT));
/** A text cell's text cut to `max` characters with "…" (the whole text stays on its own sheet), as a formula and as its result. */
const cutFormula = (name: string, max: number) => `IF(LEN(${name})>${max},LEFT(${name},${max - 1})&"…",${name})`;
const cutShown = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** What the summary shows for a text or figure left out because it looks like a CPR number. */
export const WITHHELD = '(udeladt: ligner et CPR-nummer)';

function themeText(a: Assessment, themeId: string, withheld: ReadonlySet<string>): string {
  const theme = THEMES.find((t) => t.id === themeId)!;
  const parts = theme.felter
    .map((f) => [f.overskrift, withheld.has(textFieldName(theme, f)) ? WITHHELD : a.selvevaluering[`${theme.id}_${f.id}`]] as const)
    .filter(([, text]) => text)
    .map(([head, text]) => `${head}: ${text!.trim().replace(/\s*\n\s*/g, ' ')}`);
  const joined = parts.join(' ');
  if (!joined) return '(ikke udfyldt i selvevalueringen)';
  return cutText(joined, THEME_TEXT_MAX);
}

/**
 * A copied text of at most `max` characters: whole, or cut at the last full sentence that fits
 * (else at a word, with "…") and followed by the pointer to where the rest is.
 */
function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = max - REST.length - 3;
  const cut = text.slice(0, room);
  const end = cut.lastIndexOf('. ');
  const space = cut.lastIndexOf(' ');
  const kept = end > room / 3 ? cut.slice(0, end + 1) : `${(space > room / 3 ? cut.slice(0, space) : cut.slice(0, room - 1)).trimEnd()}…`;
  return `${kept} (${REST})`;
}

/** The fill of a score by its level, 1 to 4: from light red to green, never alarm red for the middle levels. */
const LEVEL_FILLS = ['F8CBAD', 'FFE699', 'E2EFDA', 'A9D08E'] as const;

const ind = (id: string): Indicator => INDICATORS.find((i) => i.id === id)!;

/** A formula on the previous cycle's sheet: its number, or "–" when the cell holds none. */
const previousNumber = (cell: string) => `IF(ISNUMBER(${previousRef(cell)}),${previousRef(cell)},"–")`;
const previousNumberResult = (v: FormulaValue | number | null | undefined): FormulaValue => (typeof v === 'number' ? v : '–');

/** Writes the summary's cells in the small styles, and sizes its rows for them. */
class SummaryBuilder extends SheetBuilder {
  override put(col: number, cell: Omit<CellSpec, 'ref'>): string {
    return super.put(col, { ...cell, style: smallStyle(cell.style) });
  }
  /** Makes the current row tall enough for a text wrapped in these many units of width. */
  grow(text: string, units: number): void {
    this.height(Math.max(this.spec.rowHeights[this.row] ?? LINE_POINTS, heightFor(text, charsIn(units))));
  }
  gap(): void {
    this.height(GAP_POINTS);
    this.next();
  }
  /** Every row's height is set (a row left to the application would be sized for 11 pt). */
  override next(rows = 1): void {
    for (let r = this.row; r < this.row + rows; r++) this.spec.rowHeights[r] ??= LINE_POINTS;
    super.next(rows);
  }
}

/**
 * The summary sheet. `withheld` names the input cells that looked like CPR numbers
 * (`withheldNames` of a read's raw cells): they are shown as left out, never copied or referred to.
 * With `previous`, the summary gets a "Sidste vurdering" column beside the score, the ratings and
 * the indicators, formulas on the hidden sheet `describePreviousSheet(previous)` (put with it).
 */
export function describeSummary(a: Assessment, workbook: WorkbookSpec, generatedAt: Date, withheld: ReadonlySet<string> = new Set(), previous?: PreviousCycle): SheetSpec {
  const { byName: named, byCell: cells } = describedValues(workbook);
  const v = (name: string): CellValue => named.get(name) ?? null;
  const { C, widths } = summaryGrid(previous !== undefined);
  const s = new SummaryBuilder(SUMMARY_SHEET, widths, { tabColor: 'C00000' });
  const last = widths.length;
  /** The width of columns `from` to `to`, in units. */
  const span = (from: number, to: number) => widths.slice(from - 1, to).reduce((x, y) => x + y, 0);
  const trendEnd = C.trend + TREND_LENGTH - 1;

  const navn = v(KOMMUNE_NAMES.navn);
  const kommune = typeof navn === 'string' ? findKommuneByName(navn) : undefined;
  /** The previous cycle's header ("Sidst": its date is in the line under the title). */
  const previousHeader = (col: number) => s.text(col, 'Sidst', 'tableHeader');
  const heading = (col: number, text: string) => {
    s.text(col, text, 'heading');
    s.height(HEADING_POINTS);
  };

  // Header.
  if (withheld.has(KOMMUNE_NAMES.navn)) s.text(C.label, `Parathedsvurdering – ${WITHHELD}`, 'title');
  else {
    s.put(C.label, {
      formula: `"Parathedsvurdering – "&IF(ISBLANK(${KOMMUNE_NAMES.navn}),"(kommune ikke valgt)",${officialNameFormula(KOMMUNE_NAMES.navn)})`,
      result: `Parathedsvurdering – ${kommune ? kommune.officieltNavn : '(kommune ikke valgt)'}`,
      style: 'title',
    });
  }
  s.merge(C.label, C.periode);
  s.height(TITLE_POINTS);
  s.put(C.kilde, { formula: `"Skabelonversion "&${TEMPLATE_VERSION_NAME}`, result: `Skabelonversion ${v(TEMPLATE_VERSION_NAME)}`, style: 'note' });
  s.next();
  const made = `Dannet ${danishTime(generatedAt)}. Tal og score følger projektmappen; teksterne er kopieret, da resuméet blev dannet.`;
  if (previous) {
    const shown = `${made} Sidst = sidste vurdering: ${previous.kommune}, ${previous.dato ? danishDate(previous.dato) : UNKNOWN_DATE}.`;
    s.put(1, {
      formula: `"${made} Sidst = sidste vurdering: "&${previousRef(previousCells.kommune)}&", "&IF(${previousRef(previousCells.dato)}="","${UNKNOWN_DATE}",${previousRef(previousCells.dato)})&"."`,
      result: shown,
      style: 'note',
    });
    s.grow(shown, span(1, last));
  } else {
    s.text(1, made, 'note');
    s.grow(made, span(1, last));
  }
  s.merge(1, last);
  s.next();
  s.gap();

  // Kommuneoverblik: the municipality on the left, Omfang on the right.
  heading(1, 'Kommuneoverblik');
  s.next();
  const overview: [string, string, string?][] = [
    ['Kommune', KOMMUNE_NAMES.navn],
    ['Størrelse (indbyggere)', KOMMUNE_NAMES.indbyggere, NUMBER_FORMATS.count],
    ['Politikreds', KOMMUNE_NAMES.politikreds],
    ['Folketal: periode og kilde', KOMMUNE_NAMES.indbyggerePeriode],
  ];
  for (let i = 0; i < Math.max(overview.length, OMFANG.length); i++) {
    const [label, name, numFmt] = overview[i] ?? [];
    if (label && name) {
      s.text(C.label, label, 'label');
      const value = v(name);
      if (withheld.has(name)) s.text(C.kommune, WITHHELD, 'result');
      else if (numFmt) s.put(C.kommune, { formula: `IF(ISNUMBER(${name}),${name},"–")`, result: typeof value === 'number' ? value : '–', style: 'result', numFmt });
      else {
        // A text cut to its cell's one line (the whole text is on the Kommune sheet).
        const max = charsIn(span(C.kommune, C.land));
        const text = value === null || value === '' ? '–' : String(value);
        s.put(C.kommune, {
          formula: `IF(${name}="","–",${cutFormula(name, max)})`,
          result: cutShown(text, max),
          style: i === 0 ? 'resultStrong' : 'result',
        });
      }
      s.merge(C.kommune, C.land);
      if (i === 0) s.height(HEADING_POINTS);
    }
    const o = OMFANG[i];
    if (o) {
      s.text(C.versus, o.navn, 'label');
      s.merge(C.versus, trendEnd);
      const value = v(o.definedName);
      if (withheld.has(o.definedName)) s.text(C.kilde, WITHHELD, 'result');
      else s.put(C.kilde, { formula: `IF(ISNUMBER(${o.definedName}),${o.definedName},"–")`, result: typeof value === 'number' ? value : '–', style: 'result', numFmt: NUMBER_FORMATS.count });
    }
    s.next();
  }
  s.gap();

  // The ten ratings, self-evaluation and assessed side by side with their means (the previous
  // cycle's beside each); right of them, the total score, its level and the scale.
  heading(1, 'Udregning af samlet parathedsscore');
  /** The score's block: after the assessed ratings (and their previous ones). */
  const R = previous ? C.sidstePeriode! : C.periode;
  heading(R, 'Samlet udgangspunkt**');
  s.next();
  const sides = [
    { params: SELF_PARAMETERS, label: C.label, labelEnd: C.label, value: C.kommune, previous: C.sidste, title: PARAMETER_KIND_LABEL.egen, mean: 'Score_Egen' },
    { params: ASSESSED_PARAMETERS, label: C.region, labelEnd: C.versus, value: C.placering, previous: previous ? C.periode : undefined, title: PARAMETER_KIND_LABEL.vurdering, mean: 'Score_Vurdering' },
  ];
  const tableTop = s.row;
  for (const side of sides) {
    s.text(side.label, side.title, 'tableHeader');
    if (side.labelEnd > side.label) s.merge(side.label, side.labelEnd);
    s.text(side.value, 'Score', 'tableHeader');
    if (side.previous) previousHeader(side.previous);
  }
  // (Tall enough for the score beside it, in its larger font.)
  s.height(HEADING_POINTS);
  s.next();
  const first = s.row;
  for (let i = 0; i < Math.max(...sides.map((x) => x.params.length)); i++) {
    for (const side of sides) {
      const p = side.params[i];
      if (!p) continue;
      s.text(side.label, p.navn, 'label');
      if (side.labelEnd > side.label) s.merge(side.label, side.labelEnd);
      s.put(side.value, { formula: valueOrMissingFormula(scoreValueRef(p)), result: valueOrMissing(cells.get(`${SHEETS.score}!${scoreValueCell(p)}`) ?? null), style: 'result' });
      if (previous && side.previous) {
        const at = PARAMETERS.indexOf(p);
        s.put(side.previous, { formula: previousNumber(previousCells.rating(at)), result: previousNumberResult(previous.ratings[at]), style: 'result' });
      }
    }
    s.next();
  }
  const lastRating = s.row - 1;
  for (const side of sides) {
    s.text(side.label, 'Gennemsnit', 'labelStrong');
    if (side.labelEnd > side.label) s.merge(side.label, side.labelEnd);
    s.put(side.value, { formula: valueOrMissingFormula(side.mean), result: valueOrMissing(v(side.mean)), style: 'result', numFmt: NUMBER_FORMATS.score });
  }
  s.next();

  // The score's block, beside the table's rows.
  const antal = Number(v('Score_Antal') ?? 0);
  const samlet = named.get('Score_Samlet') as FormulaValue;
  const foreloebig = named.get('Score_Foreloebig') as FormulaValue;
  let row = tableTop;
  s.row = row;
  s.text(R, 'Samlet score', 'labelStrong');
  s.merge(R, trendEnd);
  // A draft shows its provisional score; the row under it says how many are missing.
  const scoreRef = s.put(C.kilde, {
    formula: `IF(ISNUMBER(Score_Samlet),Score_Samlet,IF(ISNUMBER(Score_Foreloebig),Score_Foreloebig,"–"))`,
    result: typeof samlet === 'number' ? samlet : typeof foreloebig === 'number' ? foreloebig : '–',
    style: 'resultStrong',
    numFmt: NUMBER_FORMATS.score,
  });
  // The score's colour follows its level (1 red … 4 green).
  LEVEL_FILLS.forEach((fill, l) => s.spec.highlights.push({ range: scoreRef, formula: `AND(ISNUMBER(${scoreRef}),ROUND(${scoreRef},0)=${l + 1})`, fill }));
  s.row = ++row;
  s.text(R, 'Niveau', 'label');
  // Where the score sits on the scale, beside its level.
  SCALE.forEach((level, l) => {
    const ref = s.put(C.trend + l, { value: level.value, style: 'rubric' });
    s.spec.highlights.push({ range: ref, formula: `AND(ISNUMBER(Score_Samlet),ROUND(Score_Samlet,0)=${level.value})` });
  });
  s.put(C.kilde, { formula: 'IF(Score_Niveau="","–",Score_Niveau)', result: (v('Score_Niveau') as string) || '–', style: 'result' });
  if (previous) {
    s.row = ++row;
    s.text(R, 'Sidste vurdering', 'label');
    s.merge(R, trendEnd);
    s.put(C.kilde, { formula: previousNumber(previousCells.samlet), result: previousNumberResult(previous.samlet), style: 'result', numFmt: NUMBER_FORMATS.score });
  }
  s.row = ++row;
  s.put(R, {
    formula: `IF(Score_Antal=${PARAMETERS.length},"","Foreløbig: mangler "&(${PARAMETERS.length}-Score_Antal)&" af ${PARAMETERS.length}")`,
    result: antal === PARAMETERS.length ? '' : `Foreløbig: mangler ${PARAMETERS.length - antal} af ${PARAMETERS.length}`,
    style: 'note',
  });
  s.merge(R, C.kilde);
  s.row = ++row;
  s.text(R, `Skala ${SCALE_MIN}–${SCALE_MAX}: ${SCALE.map((l) => `${l.value} ${l.label}`).join(' · ')}`, 'note');
  s.spec.merges.push(`${columnLetter(R)}${row}:${columnLetter(C.kilde)}${row + 1}`);
  s.row = lastRating + 2;
  s.gap();

  // One native chart of the ten ratings, live on the Score sheet (updated when a rating changes),
  // right of the page; in a file, bars in the rating cells.
  const scoreRange = (col: string) => absoluteRef(SHEETS.score, `${col}${SCORE.firstRow}:${col}${SCORE.firstRow + PARAMETERS.length - 1}`);
  const chartsTop = tableTop;
  const ratingsChart: ChartSpec = {
    name: `${CHART_NAME_PREFIX}Vurderinger`,
    kind: 'bar',
    title: `Vurderingen af de ${PARAMETERS.length} parametre (${SCALE_MIN}–${SCALE_MAX})`,
    categories: scoreRange('B'),
    series: [{ name: 'Vurdering', values: scoreRange(SCORE.valueCol) }],
    anchor: chartAnchor(last + 2, chartsTop + 2 * CHART_ROWS + 1, CHART_COLS * 2, RATINGS_CHART_ROWS),
    axis: { min: 0, max: SCALE_MAX, majorUnit: 1, numFmt: '0' },
    fallback: sides.map((side) => ({ range: `${columnLetter(side.value)}${first}:${columnLetter(side.value)}${lastRating}`, min: 0, max: SCALE_MAX, color: '5B9BD5' })),
  };

  // Nøgletal: the whole table, grouped as in the report; the selected indicators are the charts'.
  heading(1, 'Nøgletal');
  s.next();
  const header: [number | undefined, string][] = [
    [C.label, 'Indikator'],
    [C.kommune, 'Kommune'],
    [C.region, 'Regionalt'],
    [C.land, 'Nationalt'],
    [C.versus, 'I forhold til landet'],
    [C.placering, 'Placering'],
    [C.periode, 'Periode'],
    [C.sidstePeriode, 'Periode sidst'],
    [C.trend, 'Udvikling'],
    [C.kilde, 'Kilde'],
  ];
  for (const [col, h] of header) if (col !== undefined) s.text(col, h, 'tableHeader');
  if (C.sidste) previousHeader(C.sidste);
  if (C.sidstePeriode) s.grow('Periode sidst', widths[C.sidstePeriode - 1]!);
  s.merge(C.trend, trendEnd);
  s.next();
  let group = '';
  const rowBars = new Map<string, DataBarSpec>();
  for (const indicator of INDICATORS) {
    if (indicator.gruppe !== group) {
      group = indicator.gruppe;
      s.text(1, group, 'group');
      s.merge(1, last);
      s.next();
    }
    // Kommune, region and country side by side as in-cell bars (the file's chart of a selected indicator).
    const bars: DataBarSpec = { range: [C.kommune, C.region, C.land].map((c) => `${columnLetter(c)}${s.row}`).join(' '), min: 0, color: 'A9C4E4' };
    if ((SELECTED_INDICATORS as readonly string[]).includes(indicator.id)) rowBars.set(indicator.id, bars);
    else s.spec.dataBars.push(bars);
    indicatorRow(s, C, widths, indicator, v, cells, withheld, previous);
  }
  s.gap();

  // The selected indicators as native column charts (kommune, region, hele landet), live on the
  // Indikatorer sheet's figures, two by two right of the page; in a file, their rows' bars.
  const indikatorer = workbook.sheets.find((x) => x.name === SHEETS.indikatorer);
  SELECTED_INDICATORS.forEach((id, i) => {
    const indicator = ind(id);
    const at = indikatorer?.cells.find((c) => c.name === indicatorName(indicator, 'Kommune'));
    if (!indikatorer || !at || GEOGRAPHIES.some((g) => figureWithheld(indicator, g.id, withheld))) return;
    const geoRange = (r: number) => absoluteRef(SHEETS.indikatorer, `${columnLetter(GEO_COLUMNS.Kommune)}${r}:${columnLetter(GEO_COLUMNS.Land)}${r}`);
    s.spec.charts.push({
      name: `${CHART_NAME_PREFIX}${id}`,
      kind: 'column',
      title: indicator.navn,
      categories: geoRange(indikatorer.frozenRows),
      series: [{ name: indicator.navn, values: geoRange(splitRef(at.ref).row) }],
      anchor: chartAnchor(last + 2 + (i % 2) * CHART_COLS, chartsTop + Math.floor(i / 2) * CHART_ROWS, CHART_COLS, CHART_ROWS),
      axis: { min: 0, numFmt: NUMBER_FORMATS[indicator.enhed] },
      fallback: rowBars.has(id) ? [rowBars.get(id)!] : [],
    });
  });
  // Put after the selected indicators' charts (the order Excel adds them in).
  s.spec.charts.push(ratingsChart);

  // Texts, copied when generated: one line each.
  const textRow = (label: string, text: string) => {
    s.text(1, label, 'labelStrong');
    s.text(2, text, 'text');
    s.merge(2, last);
    s.grow(label, widths[0]!);
    s.grow(text, span(2, last));
    s.next();
  };
  heading(1, 'Organisatorisk udgangspunkt');
  s.next();
  for (const theme of THEMES) textRow(theme.navn, themeText(a, theme.id, withheld));
  const ambitioner = withheld.has(QUALITATIVE.ambitioner.definedName) ? WITHHELD : a.ambitioner?.trim() ? cutText(a.ambitioner.trim().replace(/\s*\n\s*/g, ' '), THEME_TEXT_MAX) : '(ikke udfyldt)';
  textRow('Ambitioner', ambitioner);
  s.gap();

  heading(1, 'Handlingsplans-prioriteter');
  s.next();
  const prioriteter = a.prioriteter.filter((p) => p.tema);
  if (prioriteter.length === 0) {
    s.text(1, '(ingen temaer prioriteret i selvevalueringen)', 'note');
    s.next();
  }
  a.prioriteter.forEach((p, n) => {
    if (!p.tema) return;
    const i = prioriteter.indexOf(p);
    const points = withheld.has(QUALITATIVE.prioritet.forbedringerName(n + 1))
      ? WITHHELD
      : p.forbedringer?.trim()
        ? cutText(p.forbedringer.trim().replace(/\s*\n\s*/g, ' '), PRIORITY_TEXT_MAX)
        : '(ingen forbedringspunkter skrevet)';
    textRow(`${i + 1}. ${p.tema}`, points);
  });
  s.gap();

  // Footnotes, and the sources as the Kilde cells name them: Statistics Denmark's licence where
  // its figures are used, and a warning where the figures are the constructed example.
  const sources = INDICATORS.map((i) => a.indikatorer[i.id]!.kilde ?? '');
  const notes = [
    ...INDICATORS.filter((i) => i.geografi).map((i) => `* ${i.navn} dækker hele ${i.geografi!.toLowerCase()}, ikke kun kommunen.`),
    `** Samlet udgangspunkt er gennemsnittet af ${PARAMETERS.length} parametre: kommunens egen vurdering af ${SELF_PARAMETERS.length} og vurderingen af ${ASSESSED_PARAMETERS.length}, hver på skalaen ${SCALE.map((l) => `${l.label.toLowerCase()} (${l.value})`).join(', ')}, med én decimal.`,
    `Kilder: se kolonnen Kilde i nøgletallene (hele kilden står på arket ${SHEETS.indikatorer}).`,
    ...(sources.some((k) => k.startsWith(DST_NAME)) ? [`Tal fra Statistikbanken: ${CITATION} (${DST_LICENCE}).`] : []),
    ...(sources.some((k) => k.startsWith(CONSTRUCTED_SOURCE.name)) ? [`Tal med kilden "${CONSTRUCTED_SOURCE.name}" er konstrueret til afprøvning af værktøjet.`] : []),
  ].join(' ');
  s.text(1, notes, 'note');
  s.merge(1, last);
  s.grow(notes, span(1, last));
  s.spec.print = { ...s.spec.print, orientation: 'landscape', fit: 'page', margins: 'narrow', area: `A1:${columnLetter(last)}${s.row}` };
  return s.spec;
}

/** A geography's figure is left out when it, or a count its share is computed from, looks like a CPR number. */
function figureWithheld(indicator: Indicator, g: GeographyId, withheld: ReadonlySet<string>): boolean {
  const inputs = indicator.andel ? Object.values(shareInputNames(indicator, g)) : [indicatorName(indicator, g)];
  return inputs.some((n) => withheld.has(n));
}

function indicatorRow(
  s: SummaryBuilder,
  C: SummaryColumns,
  widths: number[],
  indicator: Indicator,
  v: (name: string) => CellValue,
  cells: Map<string, CellValue>,
  withheld: ReadonlySet<string>,
  previous: PreviousCycle | undefined,
): void {
  /** A text cell's formula, or the note that it was left out (a formula would show the number). */
  const textOf = (col: number, name: string, formula: string, result: string, style: 'text' | 'note') =>
    withheld.has(name) ? s.text(col, WITHHELD, style) : s.put(col, { formula, result, style });
  const fmt = NUMBER_FORMATS[indicator.enhed];
  const k = indicatorName(indicator, 'Kommune');
  const r = indicatorName(indicator, 'Region');
  const l = indicatorName(indicator, 'Land');
  const better = comparisonOf(indicator);
  s.text(C.label, indicator.navn, 'label');
  s.grow(indicator.navn, widths[C.label - 1]!);
  const left = (g: GeographyId) => figureWithheld(indicator, g, withheld);
  const figure = (col: number, g: GeographyId, formula: string, result: FormulaValue) =>
    left(g) ? s.text(col, WITHHELD, 'result') : s.put(col, { formula, result, style: 'result', numFmt: fmt });
  figure(C.kommune, 'Kommune', valueOrMissingFormula(k), valueOrMissing(v(k)));
  const geo = provenanceName(indicator, 'Geografi');
  s.put(C.geografi, { formula: `IF(${geo}="Politikredsen","*","")`, result: v(geo) === 'Politikredsen' ? '*' : '', style: 'note' });
  if (previous && C.sidste && C.sidstePeriode) {
    const then = previous.indicators[indicator.id];
    s.put(C.sidste, { formula: previousNumber(previousCells.figure(indicator)), result: previousNumberResult(then?.figure), style: 'result', numFmt: fmt });
    const ref = previousRef(previousCells.periode(indicator));
    s.put(C.sidstePeriode, { formula: `IF(${ref}="","",${ref})`, result: then?.periode ?? '', style: 'text' });
  }
  figure(C.region, 'Region', `IF(ISNUMBER(${r}),${r},"–")`, typeof v(r) === 'number' ? (v(r) as number) : '–');
  figure(C.land, 'Land', valueOrMissingFormula(l), valueOrMissing(v(l)));
  if (left('Kommune') || left('Land')) s.text(C.versus, '–', 'textIndented');
  else {
    s.put(C.versus, { formula: versusNationalFormula(k, l, better), result: versusNational(v(k), v(l), better), style: 'textIndented' });
    s.grow(versusNational(v(k), v(l), better), widths[C.versus - 1]!);
  }
  if (indicator.statbank) {
    // The rank and the trend are the pulled municipality's: shown only when it is the one named.
    const pulledHere = `${KOMMUNE_NAMES.hentetKode}=${KOMMUNE_NAMES.kode}`;
    const samePulled = String(v(KOMMUNE_NAMES.hentetKode) ?? '') === String(v(KOMMUNE_NAMES.kode) ?? '');
    const placering = provenanceName(indicator, 'Placering');
    const rank = samePulled ? ((v(placering) as string | null) ?? '') : '';
    textOf(C.placering, placering, `IF(${pulledHere},${placering},"")`, rank, 'text');
    s.grow(rank, widths[C.placering - 1]!);
    const trendCells: string[] = [];
    for (let p = 0; p < TREND_LENGTH; p++) {
      const { cell, ref } = trendCell(indicator, GEOGRAPHIES[0]!.id, p);
      const value = cells.get(`${SHEETS.data}!${cell}`) ?? null;
      trendCells.push(s.put(C.trend + p, { formula: `IF(AND(${pulledHere},ISNUMBER(${ref})),${ref},"")`, result: samePulled && typeof value === 'number' ? value : '', style: 'text', numFmt: ';;;' }));
    }
    // Scaled from the lowest of the five, so a change shows.
    s.spec.dataBars.push({ range: `${trendCells[0]}:${trendCells[TREND_LENGTH - 1]}`, color: '7F7F7F' });
  }
  const period = indicatorPeriodName(indicator);
  textOf(C.periode, period, `IF(ISBLANK(${period}),"",${period})`, (v(period) as string | null) ?? '', 'text');
  // The source, cut to one line of its column on the page (the whole source is on Indikatorer).
  const source = indicatorSourceName(indicator);
  const sourceText = (v(source) as string | null) ?? '';
  const max = charsIn(widths[C.kilde - 1]!);
  textOf(C.kilde, source, `IF(ISBLANK(${source}),"",${cutFormula(source, max)})`, cutShown(sourceText, max), 'note');
  s.next();
}
