/** Kommune: the municipality (chosen from the list; code, region and police district looked up), population, Omfang and recruiting environments. */
import { KOMMUNER, findKommuneByName } from '../../model/geography';
import { KOMMUNE_NAMES, OMFANG, VURDERING_DATO_NAME } from '../../model/indicators';
import type { Assessment } from '../../model/schema';
import { CITATION, DST_NAME } from '../../model/sources';
import { QUALITATIVE } from '../../model/themes';
import { literalMatchFormula } from '../../scoring/excel';
import { SheetBuilder, type SheetSpec } from '../description';
import { NUMBER_FORMATS, isoToSerial } from '../formats';
import { LIST_NAMES, SHEETS } from '../layout';
import { COUNT_VALIDATION, TEXT_VALIDATION } from './validations';

export function describeKommune(a: Assessment): SheetSpec {
  const s = new SheetBuilder(SHEETS.kommune, [4, 40, 34, 50], { tabColor: '2E75B6' });
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
  s.text(2, 'Vurderingen er foretaget (dato)', 'labelStrong');
  s.put(3, {
    value: a.vurderingDato === null ? null : isoToSerial(a.vurderingDato),
    style: 'input',
    input: true,
    numFmt: NUMBER_FORMATS.date,
    name: VURDERING_DATO_NAME,
    validation: { kind: 'date', min: '2000-01-01', max: '2099-12-31', prompt: 'Datoen for vurderingen, dd-mm-åååå.', error: 'Skriv en dato mellem 2000 og 2099 som dd-mm-åååå, fx 30-06-2017.' },
  });
  s.text(4, 'dd-mm-åååå', 'note');
  s.next();
  s.text(2, `Tallene fra ${DST_NAME} er hentet for (kode)`, 'label');
  s.put(3, {
    value: a.kommune.hentetKode,
    style: 'input',
    input: true,
    numFmt: '@',
    name: KOMMUNE_NAMES.hentetKode,
    validation: { kind: 'list', source: LIST_NAMES.kommuneKoder, prompt: 'Skrives af hentningen; tom, hvis tallene er skrevet i hånden.', error: `Vælg en af de ${KOMMUNER.length} kommunekoder.` },
  });
  s.text(4, 'Skrives af hentningen (parathed fetch)', 'note');
  s.next();
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
