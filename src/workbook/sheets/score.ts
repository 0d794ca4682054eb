/** Score: each rating's counted value and label, and the score formulas (the contract's Score_* names). */
import { ASSESSED_PARAMETERS, PARAMETERS, PARAMETER_KIND_LABEL, SELF_PARAMETERS } from '../../model/parameters';
import type { Assessment } from '../../model/schema';
import { ratingValueFormula, scoreFormulas, valueLabelFormula } from '../../scoring/formulas';
import { ratingValue, scoreCells, valueLabel } from '../../scoring/score';
import { SheetBuilder, colIndex, type SheetSpec } from '../description';
import { NUMBER_FORMATS } from '../formats';
import { LIST_NAMES, SCORE, SHEETS } from '../layout';

export function describeScore(a: Assessment): SheetSpec {
  const s = new SheetBuilder(SHEETS.score, [30, 32, 12, 16, 50], { tabColor: 'C00000' });
  s.text(1, 'Udregning af samlet parathedsscore', 'title');
  s.height(26);
  s.next(2);
  ['Del', 'Parameter', 'Vurdering', 'Betegnelse'].forEach((h, i) => s.text(i + 1, h, 'tableHeader'));
  s.next();
  if (s.row !== SCORE.firstRow) throw new Error('Score sheet layout out of step with SCORE in layout.ts');
  const col = colIndex(SCORE.valueCol);
  const raws = PARAMETERS.map((p) => a.vurderinger[p.id] ?? null);
  for (const p of PARAMETERS) {
    const raw = a.vurderinger[p.id] ?? null;
    s.text(1, PARAMETER_KIND_LABEL[p.kind], 'note');
    s.text(2, p.navn, 'label');
    const valueRef = s.put(col, { formula: ratingValueFormula(p.definedName, LIST_NAMES.skala), result: ratingValue(raw), style: 'result' });
    s.put(col + 1, { formula: valueLabelFormula(valueRef, LIST_NAMES.skala), result: valueLabel(ratingValue(raw)), style: 'result' });
    s.next();
  }
  const last = s.row - 1;
  const egenLast = SCORE.firstRow + SELF_PARAMETERS.length - 1;
  s.next();
  const results = scoreCells(raws);
  const samletRow = s.row + 1;
  const f = scoreFormulas({
    all: `${SCORE.valueCol}${SCORE.firstRow}:${SCORE.valueCol}${last}`,
    egen: `${SCORE.valueCol}${SCORE.firstRow}:${SCORE.valueCol}${egenLast}`,
    vurdering: `${SCORE.valueCol}${egenLast + 1}:${SCORE.valueCol}${last}`,
    samlet: `${SCORE.valueCol}${samletRow}`,
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
    s.put(col, {
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
