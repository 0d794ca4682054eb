/** Vurdering: the five assessed parameters, each level's operationalisation beside them, the chosen level highlighted. */
import { ASSESSED_PARAMETERS, PARAMETERS } from '../../model/parameters';
import { SCALE } from '../../model/scale';
import type { Assessment } from '../../model/schema';
import { SheetBuilder, columnLetter, type SheetSpec } from '../description';
import { SCORE, SHEETS } from '../layout';
import { TEXT_VALIDATION, ratingRow } from './validations';

export function describeVurdering(a: Assessment): SheetSpec {
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
  s.spec.print = { ...s.spec.print, fit: 'none', titleRows: `${s.row}:${s.row}`, titleColumns: 'A:A' };
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
    const col = columnLetter(4 + i);
    // Relative to the first row: the rubric row of each assessed parameter looks at its own counted value.
    const firstValueRow = SCORE.firstRow + PARAMETERS.indexOf(ASSESSED_PARAMETERS[0]!);
    s.spec.highlights.push({ range: `${col}${first}:${col}${s.row - 1}`, formula: `${SHEETS.score}!$${SCORE.valueCol}${firstValueRow}=${level.value}` });
  });
  return s.spec;
}
