/**
 * The template's layout: which sheet, which cell, which formula, derived from the model. Given an
 * assessment it describes the workbook filled with it (the empty template is the empty
 * assessment), with every formula's cached result computed by the TypeScript mirror so that any
 * viewer shows the right figures before it recalculates.
 */
import { KOMMUNER, findKommuneByName } from '../model/geography';
import {
  GEOGRAPHIES,
  INDICATORS,
  KOMMUNE_NAMES,
  OMFANG,
  GEOGRAFI_VALG,
  PROVENANCE,
  RETNING_TEKST,
  TEMPLATE_VERSION_NAME,
  provenanceName,
  indicatorName,
  indicatorPeriodName,
  indicatorSourceName,
  shareInputNames,
  storedDecimals,
  type Indicator,
} from '../model/indicators';
import { PARAMETERS, SELF_PARAMETERS, ASSESSED_PARAMETERS, PARAMETER_KIND_LABEL, type Parameter } from '../model/parameters';
import { SCALE, SCALE_MAX, SCALE_MIN } from '../model/scale';
import type { Assessment, ShareFigure } from '../model/schema';
import { CITATION, DST_NAME } from '../model/sources';
import { TREND_LENGTH } from '../model/statbank';
import { THEMES, QUALITATIVE, PRIORITY_SLOTS, textFieldName } from '../model/themes';
import { literalMatchFormula } from '../scoring/excel';
import { placeringFormula, ratingLabelFormula, ratingValueFormula, scoreFormulas, shareFormula, valueLabelFormula } from '../scoring/formulas';
import { placeringText, ratingLabel, ratingValue, scoreCells, shareValue, valueLabel } from '../scoring/score';
import { NUMBER_FORMATS } from './formats';
import { SheetBuilder, absoluteRef, type RangeName, type ValidationSpec, type WorkbookSpec } from './description';
import { DATA_AREAS, DATA_SHEET, LOG_SHEET, changeRef, changeResult, dataRefs, describeDataSheet, describeLogSheet, emptyData, kommuneRanks, type DataContent } from './data-sheet';

export const SHEETS = {
  vejledning: 'Vejledning',
  kommune: 'Kommune',
  indikatorer: 'Indikatorer',
  selvevaluering: 'Selvevaluering',
  vurdering: 'Vurdering',
  score: 'Score',
  data: DATA_SHEET,
  hentninger: LOG_SHEET,
  lister: 'Lister',
} as const;

export const LIST_NAMES = {
  skala: 'Skala_Etiketter',
  kommuneNavne: 'Liste_KommuneNavne',
  kommuneKoder: 'Liste_KommuneKoder',
  kommuneRegioner: 'Liste_KommuneRegioner',
  kommunePolitikredse: 'Liste_KommunePolitikredse',
  temaer: 'Liste_Temaer',
} as const;


const RATING_VALIDATION: ValidationSpec = {
  kind: 'list',
  source: `"${SCALE.map((s) => s.value).join(',')}"`,
  prompt: SCALE.map((s) => `${s.value} = ${s.label}`).join('; '),
  error: `Vælg et helt tal fra ${SCALE_MIN} til ${SCALE_MAX} på listen (${SCALE.map((s) => `${s.value} = ${s.label}`).join(', ')}). Lad cellen stå tom, hvis parameteren ikke er vurderet endnu.`,
};
const COUNT_VALIDATION: ValidationSpec = {
  kind: 'whole',
  min: 0,
  prompt: 'Skriv et antal (helt tal, 0 eller derover).',
  error: 'Skal være et helt tal, 0 eller derover.',
};
const TEXT_VALIDATION: ValidationSpec = {
  kind: 'textLength',
  max: 32767,
  prompt: 'Skriv kun aggregerede oplysninger: aldrig CPR-numre eller navne på borgere.',
  error: 'Teksten er for lang til en celle.',
};

function figureValidation(ind: Indicator): ValidationSpec {
  if (ind.enhed === 'andel') {
    return {
      kind: 'decimal',
      min: 0,
      max: 1,
      prompt: 'Skriv andelen i procent, fx 7,1 %.',
      error: 'En andel skal ligge mellem 0 % og 100 %. Skriv fx 7,1 % (med procenttegn).',
    };
  }
  return { kind: 'decimal', min: 0, prompt: `Skriv tallet (${ind.enhed === 'kr' ? 'kr.' : ind.enhed}).`, error: 'Skal være et tal, 0 eller derover.' };
}

export const RATING_REFS = {
  firstRow: 4,
  col: 'C',
};
/** Where the Score sheet holds the counted value of a parameter's rating. */
function scoreValueRef(p: Parameter): string {
  return `${SHEETS.score}!$${RATING_REFS.col}$${RATING_REFS.firstRow + PARAMETERS.indexOf(p)}`;
}


/**
 * The workbook filled with an assessment and (optionally) the StatBank figures of a pull. Every
 * formula carries the result the TypeScript mirror computes for these inputs.
 */
export function describeWorkbook(a: Assessment, data: DataContent = emptyData()): WorkbookSpec {
  const rangeNames: RangeName[] = [];
  const sheets = [
    vejledning(a, rangeNames),
    kommune(a),
    indikatorer(a, data),
    selvevaluering(a),
    vurdering(a),
    score(a),
    describeDataSheet(data),
    describeLogSheet(data),
    lister(rangeNames),
  ];
  return { sheets, rangeNames };
}

function vejledning(a: Assessment, rangeNames: RangeName[]) {
  const s = new SheetBuilder(SHEETS.vejledning, [4, 30, 90], { tabColor: '1F4E79' });
  s.text(2, 'Parathedsvurdering – forebyggelse af ekstremisme og radikalisering', 'title');
  s.height(26);
  s.next();
  s.text(
    2,
    `Parathedsvurderingen giver et samlet overblik over kommunens modenhed og grundlag for at arbejde med en handlingsplan mod ekstremisme og radikalisering. Den består af et datadrevet overblik (indikatorer) og en selvevaluering, og den samlede score er gennemsnittet af ${PARAMETERS.length} parametre vurderet på en skala fra ${SCALE_MIN} til ${SCALE_MAX}.`,
    'intro',
  );
  s.merge(2, 3);
  s.height(48);
  s.next(2);
  s.text(2, 'Sådan udfyldes skabelonen', 'heading');
  s.next();
  const steps: [string, string][] = [
    [SHEETS.kommune, 'Vælg kommunen på listen. Kommunekode, region og politikreds udfyldes selv. Skriv antal indbyggere og omfanget af bekymringshenvendelser og sager.'],
    [SHEETS.indikatorer, `Skriv kommunens, regionens og landets tal for de ${INDICATORS.length} indikatorer med periode og kilde. Andele kan beregnes af tæller og nævner nederst på arket.`],
    [SHEETS.selvevaluering, `Besvar spørgsmålene under de ${THEMES.length} temaer, giv kommunens egen vurdering af ${SELF_PARAMETERS.length} parametre (${SCALE_MIN}–${SCALE_MAX}), og beskriv ambitioner og prioriterede temaer.`],
    [SHEETS.vurdering, `Vurder de ${ASSESSED_PARAMETERS.length} parametre (${SCALE_MIN}–${SCALE_MAX}) ud fra beskrivelsen af hvert niveau ved siden af, og begrund vurderingen.`],
    [SHEETS.score, `Viser den samlede score: gennemsnittet af alle ${PARAMETERS.length} vurderinger med én decimal. Indtil alle ${PARAMETERS.length} er givet, vises en foreløbig score af dem, der er givet.`],
  ];
  steps.forEach(([sheet, text], i) => {
    s.text(2, `${i + 1}. ${sheet}`, 'labelStrong');
    s.text(3, text, 'text');
    s.height(32);
    s.next();
  });
  s.next();
  s.text(2, 'Farver', 'heading');
  s.next();
  s.put(2, { value: 'Gul celle', style: 'input' });
  s.text(3, 'udfyldes af jer. Alle andre celler er beskyttet (uden adgangskode) og beregnes eller er forklarende tekst.');
  s.next();
  s.put(2, { value: 'Grå celle', style: 'result' });
  s.text(3, 'beregnes af formler i arket. Arket virker uden tilføjelsesprogrammet.');
  s.next(2);
  s.text(2, 'Skala', 'heading');
  s.next();
  const first = s.row;
  for (const level of SCALE) {
    s.put(2, { value: level.value, style: 'labelStrong' });
    s.put(3, { value: level.label, style: 'text' });
    s.next();
  }
  rangeNames.push({ name: LIST_NAMES.skala, sheet: SHEETS.vejledning, range: `C${first}:C${s.row - 1}` });
  s.next();
  s.text(2, 'Persondata', 'heading');
  s.next();
  s.text(
    2,
    'Vurderingen bygger kun på aggregerede tal. Skriv aldrig CPR-numre, navne eller andre oplysninger om enkeltpersoner i skabelonen.',
    'text',
  );
  s.merge(2, 3);
  s.height(32);
  s.next(2);
  s.text(2, 'Skabelonversion', 'label');
  s.put(3, { value: a.templateVersion, style: 'text', name: TEMPLATE_VERSION_NAME });
  return s.spec;
}

function kommune(a: Assessment) {
  const s = new SheetBuilder(SHEETS.kommune, [4, 44, 36, 60], { tabColor: '2E75B6' });
  s.text(2, 'Kommuneoverblik', 'title');
  s.height(26);
  s.next(2);
  const k = a.kommune.navn === null ? undefined : findKommuneByName(a.kommune.navn);
  const navnRef = s.put(3, {
    value: a.kommune.navn,
    style: 'input',
    input: true,
    name: KOMMUNE_NAMES.navn,
    validation: { kind: 'list', source: LIST_NAMES.kommuneNavne, prompt: 'Vælg kommunen på listen.', error: `Vælg en af de ${KOMMUNER.length} kommuner på listen.` },
  });
  s.text(2, 'Kommune', 'labelStrong');
  s.text(4, 'Vælg på listen', 'note');
  s.next();
  const lookup = (label: string, name: string, list: string, value: string | undefined) => {
    s.text(2, label, 'label');
    s.put(3, {
      formula: `IF(ISBLANK(${navnRef}),"",IFERROR(INDEX(${list},MATCH(${literalMatchFormula(`TRIM(${navnRef})`)},${LIST_NAMES.kommuneNavne},0)),"Ukendt kommune"))`,
      result: a.kommune.navn === null ? '' : (value ?? 'Ukendt kommune'),
      style: 'result',
      name,
    });
    s.next();
  };
  lookup(`Kommunekode (${DST_NAME})`, KOMMUNE_NAMES.kode, LIST_NAMES.kommuneKoder, k?.dstCode);
  lookup('Region', KOMMUNE_NAMES.region, LIST_NAMES.kommuneRegioner, k?.region.navn);
  lookup('Politikreds', KOMMUNE_NAMES.politikreds, LIST_NAMES.kommunePolitikredse, k?.politikreds);
  s.text(2, 'Antal indbyggere (periode og kilde i kolonne D)', 'labelStrong');
  s.put(3, { value: a.kommune.indbyggere, style: 'input', input: true, numFmt: NUMBER_FORMATS.count, name: KOMMUNE_NAMES.indbyggere, validation: COUNT_VALIDATION });
  s.put(4, {
    value: a.kommune.indbyggerePeriode ?? null,
    style: 'input',
    input: true,
    numFmt: '@',
    name: KOMMUNE_NAMES.indbyggerePeriode,
    validation: { kind: 'textLength', max: 255, prompt: `Periode og kilde, fx 2017K3 (FOLK1A; ${CITATION}).`, error: 'Højst 255 tegn.' },
  });
  s.next(2);
  s.text(2, 'Omfang', 'heading');
  s.next();
  for (const o of OMFANG) {
    s.text(2, o.navn, 'label');
    s.put(3, { value: a.omfang[o.id] ?? null, style: 'input', input: true, numFmt: NUMBER_FORMATS.count, name: o.definedName, validation: COUNT_VALIDATION });
    s.next();
  }
  s.text(2, 'Tomt felt betyder, at tallet ikke kendes. Kun antal, aldrig oplysninger om enkeltpersoner.', 'note');
  s.merge(2, 4);
  s.next(2);
  const q = QUALITATIVE.rekrutterendeMiljoeer;
  s.text(2, q.overskrift, 'heading');
  s.next();
  s.text(2, q.spoergsmaal, 'note');
  s.merge(2, 4);
  s.next();
  s.put(2, { value: a.rekrutterendeMiljoeer, style: 'inputText', input: true, name: q.definedName, validation: TEXT_VALIDATION });
  s.merge(2, 4);
  s.height(90);
  return s.spec;
}

const GEO_COLUMNS = { Kommune: 2, Region: 3, Land: 4 } as const;

/** The municipality's rank among all municipalities for an indicator, as the Data sheet gives it. */
function placeringResult(a: Assessment, data: DataContent, ind: Indicator): string {
  const k = a.kommune.navn === null ? undefined : findKommuneByName(a.kommune.navn);
  const { values, ranks } = kommuneRanks(ind, data);
  const index = k ? DATA_AREAS.filter((x) => x.kommune).findIndex((x) => x.code === k.dstCode) : -1;
  return placeringText(index < 0 ? undefined : ranks[index], values);
}

// Columns of the Indikatorer table.
const IND = { navn: 1, periode: 5, placering: 6, udvikling: 7, geografi: 8, kilde: 9, koder: 10, hentet: 11, fodnote: 12, retning: 13, beskrivelse: 14, begrundelse: 15, vejledning: 16 } as const;

function indikatorer(a: Assessment, data: DataContent) {
  const s = new SheetBuilder(SHEETS.indikatorer, [48, 14, 14, 14, 12, 16, 14, 18, 30, 60, 22, 40, 36, 50, 50, 60], { tabColor: '2E75B6' });
  s.text(1, 'Datadrevet overblik: udvalgte indikatorer', 'title');
  s.height(26);
  s.next();
  s.text(1, `Andele skrives i procent (7,1 %). Felter uden tal lades tomme. ${CITATION} og de øvrige nævnte kilder.`, 'note');
  s.merge(1, 7);
  s.next(2);
  const headers = [
    'Indikator',
    'Kommune',
    'Region',
    'Hele landet',
    'Periode',
    'Placering blandt kommunerne',
    `Udvikling (${TREND_LENGTH} perioder)`,
    'Geografi',
    'Kilde',
    'Tabel og koder',
    'Hentet',
    'Fodnote',
    'Retning',
    'Beskrivelse',
    'Begrundelse',
    'Hvor findes tallet',
  ];
  headers.forEach((h, i) => s.text(i + 1, h, 'tableHeader'));
  s.height(32);
  s.spec.frozenRows = s.row;
  s.next();

  // Count rows below the table, one block per share indicator: laid out first so the table's
  // formulas can point at them.
  const shareIndicators = INDICATORS.filter((i) => i.andel);
  const tableRows = INDICATORS.length + new Set(INDICATORS.map((i) => i.gruppe)).size;
  const countStart = s.row + tableRows + 3;
  const countRow = new Map<string, number>();
  shareIndicators.forEach((ind, i) => countRow.set(ind.id, countStart + 2 + i * (GEOGRAPHIES.length + 2)));

  let group = '';
  for (const ind of INDICATORS) {
    if (ind.gruppe !== group) {
      group = ind.gruppe;
      s.text(1, group, 'group');
      s.merge(1, headers.length);
      s.next();
    }
    const figures = a.indikatorer[ind.id]!;
    s.text(1, ind.navn, 'labelStrong');
    for (const g of GEOGRAPHIES) {
      const col = GEO_COLUMNS[g.id];
      const figure = figures[g.id];
      const numFmt = NUMBER_FORMATS[ind.enhed];
      if (ind.andel && 'taeller' in figure) {
        const row = countRow.get(ind.id)! + GEOGRAPHIES.indexOf(g);
        s.put(col, {
          formula: shareFormula(`B${row}`, `C${row}`, `D${row}`, storedDecimals(ind)),
          result: shareValue(figure.taeller, figure.naevner, figure.indtastet, storedDecimals(ind)),
          style: 'result',
          numFmt,
          name: indicatorName(ind, g.id),
        });
      } else if ('vaerdi' in figure) {
        s.put(col, { value: figure.vaerdi, style: 'input', input: true, numFmt, name: indicatorName(ind, g.id), validation: figureValidation(ind) });
      }
    }
    s.put(IND.periode, { value: figures.periode, style: 'input', input: true, numFmt: '@', name: indicatorPeriodName(ind), validation: { kind: 'textLength', max: 40, prompt: 'Fx 2017, 2017K2 eller 2016/2017.', error: 'Højst 40 tegn.' } });
    if (ind.statbank) {
      const refs = dataRefs(ind);
      s.put(IND.placering, {
        formula: placeringFormula(KOMMUNE_NAMES.kode, refs.codes, refs.ranks, refs.values),
        result: placeringResult(a, data, ind),
        style: 'result',
        name: provenanceName(ind, 'Placering'),
      });
      s.put(IND.udvikling, {
        formula: changeRef(ind, 'Kommune'),
        result: changeResult(ind, 'Kommune', data) as number | string,
        style: 'result',
        numFmt: NUMBER_FORMATS[ind.enhed],
        name: provenanceName(ind, 'Udvikling'),
      });
    } else {
      s.text(IND.placering, 'Indtastes', 'note');
      s.text(IND.udvikling, '', 'note');
    }
    s.put(IND.geografi, {
      value: figures.geografi,
      style: 'input',
      input: true,
      numFmt: '@',
      name: provenanceName(ind, 'Geografi'),
      validation: { kind: 'list', source: `"${GEOGRAFI_VALG.join(',')}"`, prompt: 'Hvilket område dækker kommunens tal?', error: `Vælg ${GEOGRAFI_VALG.join(', ')}.` },
    });
    s.put(IND.kilde, { value: figures.kilde, style: 'input', input: true, numFmt: '@', name: indicatorSourceName(ind), validation: { kind: 'textLength', max: 255, prompt: 'Kilde og tabel, fx Danmarks Statistik, AULKP01.', error: 'Højst 255 tegn.' } });
    for (const p of PROVENANCE.filter((x) => x.id !== 'geografi')) {
      s.put(IND[p.id], {
        value: figures[p.id],
        style: 'inputText',
        input: true,
        numFmt: '@',
        name: provenanceName(ind, p.suffix),
        validation: { kind: 'textLength', max: p.max, prompt: `${p.navn}: udfyldes af hentningen fra ${DST_NAME}, eller skriv selv.`, error: `Højst ${p.max} tegn.` },
      });
    }
    s.text(IND.retning, RETNING_TEKST[ind.retning], 'note');
    s.text(IND.beskrivelse, ind.beskrivelse, 'note');
    s.text(IND.begrundelse, ind.begrundelse, 'note');
    s.text(IND.vejledning, ind.vejledning + (ind.andel ? ' Andelen beregnes af tæller og nævner nedenfor.' : ''), 'note');
    s.height(45);
    s.next();
  }

  s.row = countStart - 1;
  s.text(1, 'Andele beregnet af optællinger', 'heading');
  s.next();
  s.text(1, 'Skriv tæller og nævner, så beregnes andelen i tabellen ovenfor. Kendes kun andelen, skrives den under "Indtastet andel".', 'note');
  s.merge(1, 7);
  for (const ind of shareIndicators) {
    s.row = countRow.get(ind.id)! - 1;
    s.text(1, ind.navn, 'tableHeader');
    s.text(2, 'Tæller', 'tableHeader');
    s.text(3, 'Nævner', 'tableHeader');
    s.text(4, 'Indtastet andel', 'tableHeader');
    s.text(5, '', 'tableHeader');
    s.text(6, `Tæller: ${ind.andel!.taeller}`, 'note');
    s.text(7, `Nævner: ${ind.andel!.naevner}`, 'note');
    s.height(30);
    s.next();
    for (const g of GEOGRAPHIES) {
      const figure = a.indikatorer[ind.id]![g.id] as ShareFigure;
      const names = shareInputNames(ind, g.id);
      s.text(1, g.navn, 'label');
      s.put(2, { value: figure.taeller, style: 'input', input: true, numFmt: NUMBER_FORMATS.count, name: names.taeller, validation: COUNT_VALIDATION });
      s.put(3, { value: figure.naevner, style: 'input', input: true, numFmt: NUMBER_FORMATS.count, name: names.naevner, validation: COUNT_VALIDATION });
      s.put(4, { value: figure.indtastet, style: 'input', input: true, numFmt: NUMBER_FORMATS.andel, name: names.indtastet, validation: figureValidation(ind) });
      s.next();
    }
  }
  return s.spec;
}

function ratingRow(s: SheetBuilder, a: Assessment, p: Parameter, ratingCol: number): void {
  const raw = a.vurderinger[p.id] ?? null;
  const ref = s.put(ratingCol, { value: raw, style: 'input', input: true, name: p.definedName, validation: RATING_VALIDATION });
  s.put(ratingCol + 1, {
    formula: ratingLabelFormula(ref, scoreValueRef(p), LIST_NAMES.skala),
    result: ratingLabel(raw),
    style: 'result',
  });
}

function selvevaluering(a: Assessment) {
  const s = new SheetBuilder(SHEETS.selvevaluering, [34, 60, 16, 18, 30], { tabColor: '548235' });
  s.text(1, 'Selvevaluering', 'title');
  s.height(26);
  s.next();
  s.text(
    1,
    'Udfyldes i samarbejde mellem projektlederen og relevante medarbejdere og ledere på tværs af forvaltninger og evt. politiet. Skriv i de gule felter; rækkerne kan gøres højere.',
    'note',
  );
  s.merge(1, 5);
  s.height(30);
  s.next(2);
  for (const theme of THEMES) {
    s.text(1, theme.navn, 'group');
    s.merge(1, 5);
    s.next();
    for (const field of theme.felter) {
      s.text(1, `${field.overskrift}\n${field.spoergsmaal}`, 'label');
      s.put(2, {
        value: a.selvevaluering[`${theme.id}_${field.id}`] ?? null,
        style: 'inputText',
        input: true,
        name: textFieldName(theme, field),
        validation: TEXT_VALIDATION,
      });
      s.merge(2, 5);
      s.height(75);
      s.next();
    }
    s.next();
  }

  s.text(1, PARAMETER_KIND_LABEL.egen, 'heading');
  s.next();
  ['Parameter', 'Spørgsmål', 'Vurdering (1–4)', 'Betegnelse', 'Tema'].forEach((h, i) => s.text(i + 1, h, 'tableHeader'));
  s.next();
  for (const p of SELF_PARAMETERS) {
    s.text(1, p.navn, 'labelStrong');
    s.text(2, p.spoergsmaal, 'text');
    ratingRow(s, a, p, 3);
    s.text(5, THEMES.find((t) => t.id === p.tema)!.navn, 'note');
    s.height(30);
    s.next();
  }
  s.next();

  s.text(1, QUALITATIVE.ambitioner.overskrift, 'heading');
  s.next();
  s.text(1, QUALITATIVE.ambitioner.spoergsmaal, 'note');
  s.merge(1, 5);
  s.next();
  s.put(1, { value: a.ambitioner, style: 'inputText', input: true, name: QUALITATIVE.ambitioner.definedName, validation: TEXT_VALIDATION });
  s.merge(1, 5);
  s.height(75);
  s.next(2);

  s.text(1, QUALITATIVE.prioritet.overskrift, 'heading');
  s.next();
  ['Prioritet', 'Tema', 'Opmærksomhedspunkter og forbedringspotentialer'].forEach((h, i) => s.text(i + 1, h, 'tableHeader'));
  s.merge(3, 5);
  s.next();
  for (let n = 1; n <= PRIORITY_SLOTS; n++) {
    const prio = a.prioriteter[n - 1]!;
    s.text(1, `${n}.`, 'labelStrong');
    s.put(2, {
      value: prio.tema,
      style: 'input',
      input: true,
      name: QUALITATIVE.prioritet.temaName(n),
      validation: { kind: 'list', source: LIST_NAMES.temaer, prompt: 'Vælg temaet på listen.', error: `Vælg et af de ${THEMES.length} temaer på listen.` },
    });
    s.put(3, { value: prio.forbedringer, style: 'inputText', input: true, name: QUALITATIVE.prioritet.forbedringerName(n), validation: TEXT_VALIDATION });
    s.merge(3, 5);
    s.height(60);
    s.next();
  }
  return s.spec;
}

function vurdering(a: Assessment) {
  const s = new SheetBuilder(SHEETS.vurdering, [30, 14, 16, 32, 32, 32, 32, 50], { tabColor: '548235' });
  s.text(1, 'Vurdering af parametre', 'title');
  s.height(26);
  s.next();
  s.text(
    1,
    'Vurder hver parameter ud fra selvevalueringen: vælg det niveau (1–4), hvis beskrivelse passer bedst. Det valgte niveau fremhæves.',
    'note',
  );
  s.merge(1, 8);
  s.next(2);
  const headers = ['Parameter', 'Vurdering (1–4)', 'Betegnelse', ...SCALE.map((l) => `${l.label} (${l.value})`), 'Begrundelse'];
  headers.forEach((h, i) => s.text(i + 1, h, 'tableHeader'));
  s.spec.frozenRows = s.row;
  s.next();
  for (const p of ASSESSED_PARAMETERS) {
    s.text(1, p.navn, 'labelStrong');
    ratingRow(s, a, p, 2);
    p.rubrik!.forEach((text, i) => s.text(4 + i, text, 'rubric'));
    s.put(8, { value: a.begrundelser[p.id] ?? null, style: 'inputText', input: true, name: `${p.definedName}_Begrundelse`, validation: TEXT_VALIDATION });
    s.height(75);
    s.next();
  }
  // Highlight the rubric text of the level chosen.
  const first = s.row - ASSESSED_PARAMETERS.length;
  SCALE.forEach((level, i) => {
    const col = String.fromCharCode(68 + i);
    // Relative to the first row: the rubric row of each assessed parameter looks at its own counted value.
    const firstValueRow = RATING_REFS.firstRow + PARAMETERS.indexOf(ASSESSED_PARAMETERS[0]!);
    s.spec.highlights.push({ range: `${col}${first}:${col}${s.row - 1}`, formula: `${SHEETS.score}!$${RATING_REFS.col}${firstValueRow}=${level.value}` });
  });
  return s.spec;
}

function score(a: Assessment) {
  const s = new SheetBuilder(SHEETS.score, [34, 34, 16, 18, 70], { tabColor: 'C00000' });
  s.text(1, 'Udregning af samlet parathedsscore', 'title');
  s.height(26);
  s.next(2);
  ['Del', 'Parameter', 'Vurdering', 'Betegnelse'].forEach((h, i) => s.text(i + 1, h, 'tableHeader'));
  s.next();
  if (s.row !== RATING_REFS.firstRow) throw new Error('Score sheet layout out of step with RATING_REFS');
  const raws = PARAMETERS.map((p) => a.vurderinger[p.id] ?? null);
  for (const p of PARAMETERS) {
    const raw = a.vurderinger[p.id] ?? null;
    s.text(1, PARAMETER_KIND_LABEL[p.kind], 'note');
    s.text(2, p.navn, 'label');
    const valueRef = s.put(3, { formula: ratingValueFormula(p.definedName, LIST_NAMES.skala), result: ratingValue(raw), style: 'result' });
    s.put(4, { formula: valueLabelFormula(valueRef, LIST_NAMES.skala), result: valueLabel(ratingValue(raw)), style: 'result' });
    s.next();
  }
  const last = s.row - 1;
  const egenLast = RATING_REFS.firstRow + SELF_PARAMETERS.length - 1;
  s.next();
  const results = scoreCells(raws);
  const samletRow = s.row + 1;
  const f = scoreFormulas({
    all: `C${RATING_REFS.firstRow}:C${last}`,
    egen: `C${RATING_REFS.firstRow}:C${egenLast}`,
    vurdering: `C${egenLast + 1}:C${last}`,
    samlet: `C${samletRow}`,
    labels: LIST_NAMES.skala,
  });
  const rows: [string, keyof typeof f, string, string][] = [
    ['Antal vurderinger givet', 'antal', 'Score_Antal', `af ${PARAMETERS.length}`],
    ['Samlet score', 'samlet', 'Score_Samlet', `Gennemsnit af alle ${PARAMETERS.length}, én decimal. Tom, indtil alle ${PARAMETERS.length} er vurderet.`],
    ['Foreløbig score', 'foreloebig', 'Score_Foreloebig', 'Gennemsnit af de vurderinger, der er givet.'],
    ['Kommunens egen vurdering', 'egen', 'Score_Egen', `Gennemsnit af de ${SELF_PARAMETERS.length} egne vurderinger.`],
    ['Vurdering af parametre', 'vurdering', 'Score_Vurdering', `Gennemsnit af de ${ASSESSED_PARAMETERS.length} vurderede parametre.`],
    ['Samlet udgangspunkt', 'niveau', 'Score_Niveau', 'Den samlede score afrundet til skalaens niveau.'],
  ];
  for (const [label, key, name, note] of rows) {
    s.text(1, label, key === 'samlet' ? 'labelStrong' : 'label');
    s.put(3, {
      formula: f[key],
      result: results[key],
      style: key === 'samlet' ? 'resultStrong' : 'result',
      ...(key === 'antal' || key === 'niveau' ? {} : { numFmt: NUMBER_FORMATS.score }),
      name,
    });
    s.text(5, note, 'note');
    s.next();
  }
  return s.spec;
}

function lister(rangeNames: RangeName[]) {
  const s = new SheetBuilder(SHEETS.lister, [20, 10, 24, 40, 36], { hidden: true });
  ['Kommune', 'Kode', 'Region', 'Politikreds', 'Tema'].forEach((h, i) => s.text(i + 1, h, 'tableHeader'));
  s.next();
  const first = s.row;
  KOMMUNER.forEach((k, i) => {
    s.text(1, k.navn);
    s.text(2, k.dstCode);
    s.text(3, k.region.navn);
    s.text(4, k.politikreds);
    const theme = THEMES[i];
    if (theme) s.text(5, theme.navn);
    s.next();
  });
  const last = s.row - 1;
  const col = (c: string, to = last) => ({ sheet: SHEETS.lister, range: `${c}${first}:${c}${to}` });
  rangeNames.push(
    { name: LIST_NAMES.kommuneNavne, ...col('A') },
    { name: LIST_NAMES.kommuneKoder, ...col('B') },
    { name: LIST_NAMES.kommuneRegioner, ...col('C') },
    { name: LIST_NAMES.kommunePolitikredse, ...col('D') },
    { name: LIST_NAMES.temaer, ...col('E', first + THEMES.length - 1) },
  );
  return s.spec;
}

export { absoluteRef };
