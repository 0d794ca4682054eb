/**
 * The summary sheet (Ledelsesresumé) as plain data, built from an assessment: every number is a
 * live formula on the workbook's defined names (or the cells they feed), so a rating changed in a
 * meeting changes the summary at once; texts are copied when the summary is generated. Cached
 * results come from the TypeScript mirror. Pure: `put.ts` puts it into a workbook through the port.
 */
import { GEOGRAPHIES, INDICATORS, KOMMUNE_NAMES, OMFANG, TEMPLATE_VERSION_NAME, indicatorName, provenanceName, indicatorPeriodName, indicatorSourceName, comparisonOf, type Indicator } from '../model/indicators';
import { ASSESSED_PARAMETERS, PARAMETERS, PARAMETER_KIND_LABEL, SELF_PARAMETERS } from '../model/parameters';
import { SCALE, SCALE_MAX, SCALE_MIN } from '../model/scale';
import type { Assessment } from '../model/schema';
import { findKommuneByName } from '../model/geography';
import { CITATION, CONSTRUCTED_SOURCE, DST_LICENCE, DST_NAME } from '../model/sources';
import { QUALITATIVE, THEMES, textFieldName } from '../model/themes';
import type { CellValue, FormulaValue } from '../scoring/excel';
import { officialNameFormula, scoreOrMissingFormula, valueOrMissingFormula, versusNationalFormula } from '../scoring/formulas';
import { scoreOrMissing, valueOrMissing, versusNational } from '../scoring/score';
import { CHART_NAME_PREFIX, SheetBuilder, absoluteRef, columnLetter, splitRef, type DataBarSpec, type SheetSpec, type WorkbookSpec } from '../workbook/description';
import { TREND_LENGTH } from '../model/statbank';
import { GEO_COLUMNS, SCORE, SHEETS, SUMMARY_COLUMNS as C, SUMMARY_WIDTHS, scoreValueCell, scoreValueRef, trendCell } from '../workbook/layout';
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

/** Native charts lie right of the printed columns (A to N), after one empty column: over no cell. */
const CHART_FIRST_COL = SUMMARY_WIDTHS.length + 2;
/** Columns and rows of a selected indicator's chart, and rows of the ratings' chart (twice as wide). */
const CHART_COLS = 5;
const CHART_ROWS = 10;
const RATINGS_CHART_ROWS = 14;
const chartAnchor = (col: number, row: number, cols: number, rows: number) => `${columnLetter(col)}${row}:${columnLetter(col + cols - 1)}${row + rows - 1}`;

const THEME_TEXT_MAX = 600;
/** Characters per line of the merged text cells (columns B to N), and the points a line takes. */
const TEXT_LINE_CHARS = SUMMARY_WIDTHS.slice(1).reduce((a, b) => a + b, 0) - 10;
const LINE_POINTS = 13;
const heightFor = (text: string, charsPerLine: number) => Math.max(1, Math.ceil(text.length / charsPerLine)) * LINE_POINTS + 2;

/** What the summary shows for a text or figure left out because it looks like a CPR number. */
export const WITHHELD = '(udeladt: ligner et CPR-nummer)';

function themeText(a: Assessment, themeId: string, withheld: ReadonlySet<string>): string {
  const theme = THEMES.find((t) => t.id === themeId)!;
  const parts = theme.felter
    .map((f) => [f.overskrift, withheld.has(textFieldName(theme, f)) ? WITHHELD : a.selvevaluering[`${theme.id}_${f.id}`]] as const)
    .filter(([, text]) => text)
    .map(([head, text]) => `${head}: ${text!.trim()}`);
  const joined = parts.join(' ');
  if (!joined) return '(ikke udfyldt i selvevalueringen)';
  return cutText(joined, 'Resten står i selvevalueringen.');
}

/** A copied text cut at the last full sentence that fits, with a pointer to where the rest is. */
function cutText(text: string, pointer: string): string {
  if (text.length <= THEME_TEXT_MAX) return text;
  const cut = text.slice(0, THEME_TEXT_MAX);
  const end = cut.lastIndexOf('. ');
  return `${end > THEME_TEXT_MAX / 3 ? cut.slice(0, end + 1) : `${cut.trimEnd()}…`} (${pointer})`;
}

/** The fill of a score by its level, 1 to 4: from light red to green, never alarm red for the middle levels. */
const LEVEL_FILLS = ['F8CBAD', 'FFE699', 'E2EFDA', 'A9D08E'] as const;

/** Makes the current row tall enough for a text wrapped in a column of this width (a character of the width holds about 1.15 of text). */
function grow(s: SheetBuilder, text: string, width: number): void {
  const perLine = Math.max(1, Math.floor(width * 1.15));
  if (text.length > perLine) s.spec.rowHeights[s.row] = Math.max(s.spec.rowHeights[s.row] ?? 0, heightFor(text, perLine));
}

const ind = (id: string): Indicator => INDICATORS.find((i) => i.id === id)!;

/**
 * The summary sheet. `withheld` names the input cells that looked like CPR numbers
 * (`withheldNames` of a read's raw cells): they are shown as left out, never copied or referred to.
 */
export function describeSummary(a: Assessment, workbook: WorkbookSpec, generatedAt: Date, withheld: ReadonlySet<string> = new Set()): SheetSpec {
  const { byName: named, byCell: cells } = describedValues(workbook);
  const v = (name: string): CellValue => named.get(name) ?? null;
  const s = new SheetBuilder(SUMMARY_SHEET, SUMMARY_WIDTHS, { tabColor: 'C00000' });
  const last = SUMMARY_WIDTHS.length;

  const navn = v(KOMMUNE_NAMES.navn);
  const kommune = typeof navn === 'string' ? findKommuneByName(navn) : undefined;

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
  s.height(24);
  s.put(C.kilde, { formula: `"Skabelonversion "&${TEMPLATE_VERSION_NAME}`, result: `Skabelonversion ${v(TEMPLATE_VERSION_NAME)}`, style: 'note' });
  s.next();
  s.text(1, `Ledelsesresumé dannet ${danishTime(generatedAt)}. Tal og score opdateres, når projektmappen ændres; tekster er kopieret, da resuméet blev dannet.`, 'note');
  s.merge(1, last);
  s.next(2);

  // Kommuneoverblik and Samlet udgangspunkt, side by side.
  const chartsTop = s.row;
  const selectedChartsEnd = chartsTop + 2 * CHART_ROWS - 1;
  s.text(1, 'Kommuneoverblik', 'heading');
  s.text(C.versus, 'Samlet udgangspunkt**', 'heading');
  s.next();
  const overview: [string, string, string?][] = [
    ['Kommune', KOMMUNE_NAMES.navn],
    ['Størrelse (indbyggere)', KOMMUNE_NAMES.indbyggere, NUMBER_FORMATS.count],
    ['Politikreds', KOMMUNE_NAMES.politikreds],
    ['Folketal: periode og kilde', KOMMUNE_NAMES.indbyggerePeriode],
  ];
  const scoreRows: [string, FormulaValue, string, string?][] = [
    [
      'Samlet score',
      scoreOrMissing(named.get('Score_Samlet') as FormulaValue, Number(v('Score_Antal') ?? 0), PARAMETERS.length),
      scoreOrMissingFormula('Score_Samlet', 'Score_Antal', PARAMETERS.length),
      NUMBER_FORMATS.score,
    ],
    ['Niveau', (v('Score_Niveau') as string) || '–', 'IF(Score_Niveau="","–",Score_Niveau)'],
    ['Kommunens egen vurdering', valueOrMissing(v('Score_Egen')), valueOrMissingFormula('Score_Egen'), NUMBER_FORMATS.score],
    ['Vurdering af parametre', valueOrMissing(v('Score_Vurdering')), valueOrMissingFormula('Score_Vurdering'), NUMBER_FORMATS.score],
  ];
  for (let i = 0; i < Math.max(overview.length, scoreRows.length); i++) {
    const o = overview[i];
    if (o) {
      s.text(C.label, o[0], 'label');
      grow(s, o[0], SUMMARY_WIDTHS[C.label - 1]!);
      const value = v(o[1]);
      if (withheld.has(o[1])) s.text(C.kommune, WITHHELD, i === 0 ? 'resultStrong' : 'result');
      else {
        s.put(C.kommune, {
          formula: `IF(${o[1]}="","–",${o[1]})`,
          result: value === null || value === '' ? '–' : (value as FormulaValue),
          style: i === 0 ? 'resultStrong' : 'result',
          ...(o[2] ? { numFmt: o[2] } : {}),
        });
      }
      s.merge(C.kommune, C.land);
    }
    const r = scoreRows[i];
    if (r) {
      s.text(C.versus, r[0], i === 0 ? 'labelStrong' : 'label');
      grow(s, r[0], SUMMARY_WIDTHS[C.versus - 1]!);
      if (i === 0) {
        // A draft shows its provisional score, and beside it in the same box how many are missing.
        const antal = Number(v('Score_Antal') ?? 0);
        const foreloebig = named.get('Score_Foreloebig') as FormulaValue;
        const samlet = named.get('Score_Samlet') as FormulaValue;
        const ref = s.put(C.placering, {
          formula: `IF(ISNUMBER(Score_Samlet),Score_Samlet,IF(ISNUMBER(Score_Foreloebig),Score_Foreloebig,"–"))`,
          result: typeof samlet === 'number' ? samlet : typeof foreloebig === 'number' ? foreloebig : '–',
          style: 'resultStrong',
          numFmt: NUMBER_FORMATS.score,
        });
        s.put(C.periode, {
          formula: `IF(Score_Antal=${PARAMETERS.length},"","foreløbig, mangler "&(${PARAMETERS.length}-Score_Antal)&" af ${PARAMETERS.length}")`,
          result: antal === PARAMETERS.length ? '' : `foreløbig, mangler ${PARAMETERS.length - antal} af ${PARAMETERS.length}`,
          style: 'note',
        });
        s.merge(C.periode, C.kilde);
        // The score's colour follows its level (1 red … 4 green), over the score and its scale.
        LEVEL_FILLS.forEach((fill, l) => s.spec.highlights.push({ range: ref, formula: `AND(ISNUMBER(${ref}),ROUND(${ref},0)=${l + 1})`, fill }));
      } else {
        s.put(C.placering, { formula: r[2], result: r[1], style: 'result', ...(r[3] ? { numFmt: r[3] } : {}) });
        s.merge(C.placering, C.periode);
      }
    }
    s.next();
  }
  // Where the score sits on the scale.
  s.text(C.versus, `Skala ${SCALE_MIN}–${SCALE_MAX}`, 'note');
  SCALE.forEach((level, i) => {
    const ref = s.put(C.trend + i, { value: level.value, style: 'rubric' });
    s.spec.highlights.push({ range: ref, formula: `AND(ISNUMBER(Score_Samlet),ROUND(Score_Samlet,0)=${level.value})` });
  });
  const legend = SCALE.map((l) => `${l.value} ${l.label}`).join(' · ');
  s.text(C.kilde, legend, 'note');
  grow(s, legend, SUMMARY_WIDTHS[C.kilde - 1]!);
  s.next(2);

  // Udvalgte indikatorer.
  s.text(1, 'Udvalgte indikatorer', 'heading');
  s.next();
  ['Indikator', 'Kommune', '', 'Nationalt', '', 'I forhold til landet'].forEach((h, i) => h !== '' && s.text(i + 1, h, 'tableHeader'));
  s.next();
  for (const id of SELECTED_INDICATORS) indicatorRow(s, ind(id), v, cells, false, withheld);
  s.next();

  // Nøgletal: the whole table, grouped as in the report.
  s.text(1, 'Nøgletal', 'heading');
  s.next();
  ['Indikator', 'Kommune', '', 'Regionalt', 'Nationalt', 'I forhold til landet', 'Placering', 'Periode', 'Udvikling', '', '', '', '', 'Kilde'].forEach(
    (h, i) => h !== '' && s.text(i + 1, h, 'tableHeader'),
  );
  s.merge(C.trend, C.trend + TREND_LENGTH - 1);
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
    indicatorRow(s, indicator, v, cells, true, withheld);
  }
  s.next();

  // The selected indicators as native column charts (kommune, region, hele landet), live on the
  // Indikatorer sheet's figures, two by two beside the top of the page; in a file, their rows' bars.
  const indikatorer = workbook.sheets.find((x) => x.name === SHEETS.indikatorer);
  SELECTED_INDICATORS.forEach((id, i) => {
    const indicator = ind(id);
    const at = indikatorer?.cells.find((c) => c.name === indicatorName(indicator, 'Kommune'));
    if (!indikatorer || !at || GEOGRAPHIES.some((g) => withheld.has(indicatorName(indicator, g.id)))) return;
    const geoRange = (row: number) => absoluteRef(SHEETS.indikatorer, `${columnLetter(GEO_COLUMNS.Kommune)}${row}:${columnLetter(GEO_COLUMNS.Land)}${row}`);
    s.spec.charts.push({
      name: `${CHART_NAME_PREFIX}${id}`,
      kind: 'column',
      title: indicator.navn,
      categories: geoRange(indikatorer.frozenRows),
      series: [{ name: indicator.navn, values: geoRange(splitRef(at.ref).row) }],
      anchor: chartAnchor(CHART_FIRST_COL + (i % 2) * CHART_COLS, chartsTop + Math.floor(i / 2) * CHART_ROWS, CHART_COLS, CHART_ROWS),
      axis: { min: 0, numFmt: NUMBER_FORMATS[indicator.enhed] },
      fallback: rowBars.has(id) ? [rowBars.get(id)!] : [],
    });
  });

  // Omfang and the ten ratings.
  s.text(1, 'Omfang', 'heading');
  s.text(C.versus, 'Udregning af samlet parathedsscore', 'heading');
  s.next();
  const omfangStart = s.row;
  OMFANG.forEach((o, i) => {
    s.row = omfangStart + i;
    s.text(1, o.navn, 'label');
    grow(s, o.navn, SUMMARY_WIDTHS[C.label - 1]!);
    const value = v(o.definedName);
    if (withheld.has(o.definedName)) s.text(C.kommune, WITHHELD, 'result');
    else s.put(C.kommune, { formula: `IF(ISNUMBER(${o.definedName}),${o.definedName},"–")`, result: typeof value === 'number' ? value : '–', style: 'result', numFmt: NUMBER_FORMATS.count });
  });
  s.row = omfangStart;
  const ratingColumn = C.placering;
  const ratingRanges: [number, number][] = [];
  for (const [kind, params] of [
    ['egen', SELF_PARAMETERS],
    ['vurdering', ASSESSED_PARAMETERS],
  ] as const) {
    s.text(C.versus, PARAMETER_KIND_LABEL[kind], 'tableHeader');
    s.text(ratingColumn, 'Score', 'tableHeader');
    s.next();
    const first = s.row;
    for (const p of params) {
      s.text(C.versus, p.navn, 'label');
      grow(s, p.navn, SUMMARY_WIDTHS[C.versus - 1]!);
      s.put(ratingColumn, { formula: valueOrMissingFormula(scoreValueRef(p)), result: valueOrMissing(cells.get(`${SHEETS.score}!${scoreValueCell(p)}`) ?? null), style: 'result' });
      s.next();
    }
    ratingRanges.push([first, s.row - 1]);
  }
  // One native chart of the ten ratings, live on the Score sheet (updated when a rating changes),
  // beside the table; in a file, bars in the rating cells.
  const scoreRange = (col: string) => absoluteRef(SHEETS.score, `${col}${SCORE.firstRow}:${col}${SCORE.firstRow + PARAMETERS.length - 1}`);
  const ratingCol = columnLetter(C.placering);
  s.spec.charts.push({
    name: `${CHART_NAME_PREFIX}Vurderinger`,
    kind: 'bar',
    title: `Vurderingen af de ${PARAMETERS.length} parametre (${SCALE_MIN}–${SCALE_MAX})`,
    categories: scoreRange('B'),
    series: [{ name: 'Vurdering', values: scoreRange(SCORE.valueCol) }],
    anchor: chartAnchor(CHART_FIRST_COL, Math.max(omfangStart - 1, selectedChartsEnd + 2), CHART_COLS * 2, RATINGS_CHART_ROWS),
    axis: { min: 0, max: SCALE_MAX, majorUnit: 1, numFmt: '0' },
    fallback: ratingRanges.map(([from, to]) => ({ range: `${ratingCol}${from}:${ratingCol}${to}`, min: 0, max: SCALE_MAX, color: '5B9BD5' })),
  });
  s.text(C.versus, 'Samlet score', 'labelStrong');
  s.put(ratingColumn, {
    formula: scoreOrMissingFormula('Score_Samlet', 'Score_Antal', PARAMETERS.length),
    result: scoreOrMissing(named.get('Score_Samlet') as FormulaValue, Number(v('Score_Antal') ?? 0), PARAMETERS.length),
    style: 'resultStrong',
    numFmt: NUMBER_FORMATS.score,
  });
  s.next(2);

  // Texts, copied when generated.
  s.text(1, 'Organisatorisk udgangspunkt', 'heading');
  s.next();
  for (const theme of THEMES) {
    const text = themeText(a, theme.id, withheld);
    s.text(1, theme.navn, 'labelStrong');
    s.text(2, text, 'text');
    s.merge(2, last);
    s.height(heightFor(text, TEXT_LINE_CHARS));
    s.next();
  }
  const ambitioner = withheld.has(QUALITATIVE.ambitioner.definedName)
    ? WITHHELD
    : a.ambitioner?.trim()
      ? cutText(a.ambitioner.trim(), `Resten står under ${QUALITATIVE.ambitioner.overskrift} på arket ${SHEETS.selvevaluering}.`)
      : '(ikke udfyldt)';
  s.text(1, 'Ambitioner', 'labelStrong');
  s.text(2, ambitioner, 'text');
  s.merge(2, last);
  s.height(heightFor(ambitioner, TEXT_LINE_CHARS));
  s.next(2);

  s.text(1, 'Handlingsplans-prioriteter', 'heading');
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
        ? cutText(p.forbedringer.trim(), `Resten står ved prioritet ${i + 1} på arket ${SHEETS.selvevaluering}.`)
        : '(ingen forbedringspunkter skrevet)';
    s.text(1, `${i + 1}. ${p.tema}`, 'labelStrong');
    s.text(2, points, 'text');
    s.merge(2, last);
    s.height(heightFor(points, TEXT_LINE_CHARS) + LINE_POINTS * (points.split('\n').length - 1));
    s.next();
  });
  s.next();

  // Footnotes.
  for (const indicator of INDICATORS.filter((i) => i.geografi)) {
    s.text(1, `* ${indicator.navn} dækker hele ${indicator.geografi!.toLowerCase()}, ikke kun kommunen.`, 'note');
    s.merge(1, last);
    s.next();
  }
  s.text(
    1,
    `** Samlet udgangspunkt er gennemsnittet af ${PARAMETERS.length} parametre: kommunens egen vurdering af ${SELF_PARAMETERS.length} og vurderingen af ${ASSESSED_PARAMETERS.length}, hver på skalaen ${SCALE.map((l) => `${l.label.toLowerCase()} (${l.value})`).join(', ')}, med én decimal.`,
    'note',
  );
  s.merge(1, last);
  s.height(28);
  s.next();
  // The sources as the Kilde cells name them: Statistics Denmark's licence where its figures are used,
  // and a warning where the figures are the constructed example.
  const sources = INDICATORS.map((i) => a.indikatorer[i.id]!.kilde ?? '');
  const cited = [
    'Kilder: se kolonnen Kilde i nøgletallene.',
    ...(sources.some((k) => k.startsWith(DST_NAME)) ? [`Tal fra Statistikbanken: ${CITATION} (${DST_LICENCE}).`] : []),
    ...(sources.some((k) => k.startsWith(CONSTRUCTED_SOURCE.name)) ? [`Tal med kilden "${CONSTRUCTED_SOURCE.name}" er konstrueret til afprøvning af værktøjet.`] : []),
  ];
  s.text(1, cited.join(' '), 'note');
  s.merge(1, last);
  // One page wide, as many tall as it takes: printed, no text is below 8 pt.
  s.spec.print = { ...s.spec.print, fit: 'width', area: `A1:${columnLetter(last)}${s.row}` };
  return s.spec;
}

function indicatorRow(s: SheetBuilder, indicator: Indicator, v: (name: string) => CellValue, cells: Map<string, CellValue>, full: boolean, withheld: ReadonlySet<string>): void {
  /** A text cell's formula, or the note that it was left out (a formula would show the number). */
  const textOf = (col: number, name: string, formula: string, result: string, style: 'text' | 'note') =>
    withheld.has(name) ? s.text(col, WITHHELD, style) : s.put(col, { formula, result, style });
  const fmt = NUMBER_FORMATS[indicator.enhed];
  const k = indicatorName(indicator, 'Kommune');
  const r = indicatorName(indicator, 'Region');
  const l = indicatorName(indicator, 'Land');
  const better = comparisonOf(indicator);
  s.text(C.label, indicator.navn, 'label');
  grow(s, indicator.navn, SUMMARY_WIDTHS[C.label - 1]!);
  s.put(C.kommune, { formula: valueOrMissingFormula(k), result: valueOrMissing(v(k)), style: 'result', numFmt: fmt });
  const geo = provenanceName(indicator, 'Geografi');
  s.put(C.geografi, { formula: `IF(${geo}="Politikredsen","*","")`, result: v(geo) === 'Politikredsen' ? '*' : '', style: 'note' });
  if (full) {
    s.put(C.region, { formula: `IF(ISNUMBER(${r}),${r},"–")`, result: typeof v(r) === 'number' ? (v(r) as number) : '–', style: 'result', numFmt: fmt });
    s.put(C.land, { formula: valueOrMissingFormula(l), result: valueOrMissing(v(l)), style: 'result', numFmt: fmt });
    s.put(C.versus, { formula: versusNationalFormula(k, l, better), result: versusNational(v(k), v(l), better), style: 'textIndented' });
    if (indicator.statbank) {
      // The rank and the trend are the pulled municipality's: shown only when it is the one named.
      const pulledHere = `${KOMMUNE_NAMES.hentetKode}=${KOMMUNE_NAMES.kode}`;
      const samePulled = String(v(KOMMUNE_NAMES.hentetKode) ?? '') === String(v(KOMMUNE_NAMES.kode) ?? '');
      const placering = provenanceName(indicator, 'Placering');
      textOf(C.placering, placering, `IF(${pulledHere},${placering},"")`, samePulled ? ((v(placering) as string | null) ?? '') : '', 'text');
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
    const source = indicatorSourceName(indicator);
    const sourceText = (v(source) as string | null) ?? '';
    textOf(C.kilde, source, `IF(ISBLANK(${source}),"",${source})`, sourceText, 'note');
    // Room for the source as generated (the cell wraps); a longer source typed later wraps further.
    grow(s, sourceText, SUMMARY_WIDTHS[C.kilde - 1]!);
  } else {
    s.put(C.region, { formula: valueOrMissingFormula(l), result: valueOrMissing(v(l)), style: 'result', numFmt: fmt });
    s.put(C.versus, { formula: versusNationalFormula(k, l, better), result: versusNational(v(k), v(l), better), style: 'textIndented' });
  }
  s.next();
}

