/**
 * Indikatorer: the ten indicators for the municipality, its region and the country, with period,
 * rank among the municipalities and change over the trend (from the Data sheet), provenance,
 * direction and guidance; below the table, the counts the shares are computed from.
 */
import { AREAS, findKommuneByName } from '../../model/geography';
import {
  GEOGRAPHIES,
  GEOGRAFI_VALG,
  INDICATORS,
  KOMMUNE_NAMES,
  PROVENANCE,
  comparisonOf,
  retningTekst,
  indicatorName,
  indicatorPeriodName,
  indicatorSourceName,
  provenanceName,
  shareInputNames,
  storedDecimals,
  type Indicator,
} from '../../model/indicators';
import type { Assessment, ShareFigure } from '../../model/schema';
import { CITATION, DST_NAME } from '../../model/sources';
import { TREND_LENGTH } from '../../model/statbank';
import { placeringFormula, shareFormula } from '../../scoring/formulas';
import { placeringText, shareValue } from '../../scoring/score';
import { SheetBuilder, type SheetSpec } from '../description';
import { NUMBER_FORMATS } from '../formats';
import { GEO_COLUMNS, INDIKATOR_COLUMNS as IND, SHEETS, changeRef, dataRefs } from '../layout';
import { changeResult, kommuneRanks, type DataContent } from './data';
import { COUNT_VALIDATION, figureValidation } from './validations';

/** The municipality's rank among all municipalities for an indicator, as the Data sheet gives it. */
function placeringResult(a: Assessment, data: DataContent, ind: Indicator): string {
  const k = a.kommune.navn === null ? undefined : findKommuneByName(a.kommune.navn);
  const { values, ranks } = kommuneRanks(ind, data);
  const index = k ? AREAS.filter((x) => x.kommune).findIndex((x) => x.code === k.dstCode) : -1;
  return placeringText(index < 0 ? undefined : ranks[index], values, comparisonOf(ind) === 'neutral');
}

export function describeIndikatorer(a: Assessment, data: DataContent): SheetSpec {
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
  // Landscape at full size over as many pages as it takes, the table's header and the names on each.
  s.spec.print = { ...s.spec.print, fit: 'none', titleRows: `${s.row}:${s.row}`, titleColumns: 'A:A' };
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
        formula: placeringFormula(KOMMUNE_NAMES.kode, refs.codes, refs.ranks, refs.values, comparisonOf(ind) === 'neutral'),
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
    s.text(IND.retning, retningTekst(ind), 'note');
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
