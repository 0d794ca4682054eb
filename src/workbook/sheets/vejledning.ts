/** Vejledning: how to fill in the template, the colours, the scale (a named list) and the template version. */
import { INDICATORS, TEMPLATE_VERSION_NAME } from '../../model/indicators';
import { ASSESSED_PARAMETERS, PARAMETERS, SELF_PARAMETERS } from '../../model/parameters';
import { SCALE, SCALE_MAX, SCALE_MIN } from '../../model/scale';
import type { Assessment } from '../../model/schema';
import { THEMES } from '../../model/themes';
import { SheetBuilder, type RangeName, type SheetSpec } from '../description';
import { LIST_NAMES, SHEETS } from '../layout';

export function describeVejledning(a: Assessment, rangeNames: RangeName[]): SheetSpec {
  const s = new SheetBuilder(SHEETS.vejledning, [4, 28, 84], { tabColor: '1F4E79' });
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
  s.text(3, 'beregnes af formler i arket.');
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
