/** Selvevaluering: the five themes' questions, the five self-ratings, ambitions and prioritised themes. */
import { PARAMETER_KIND_LABEL, SELF_PARAMETERS } from '../../model/parameters';
import type { Assessment } from '../../model/schema';
import { PRIORITY_SLOTS, QUALITATIVE, THEMES, textFieldName } from '../../model/themes';
import { SheetBuilder, type SheetSpec } from '../description';
import { LIST_NAMES, SHEETS } from '../layout';
import { TEXT_VALIDATION, ratingRow } from './validations';

export function describeSelvevaluering(a: Assessment): SheetSpec {
  const s = new SheetBuilder(SHEETS.selvevaluering, [30, 56, 14, 16, 24], { tabColor: '548235' });
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
  s.next();
  // The table's header, repeated at the top of every printed page.
  s.text(1, 'Tema og spørgsmål', 'tableHeader');
  s.text(2, 'Svar', 'tableHeader');
  s.merge(2, 5);
  s.spec.print = { ...s.spec.print, titleRows: `${s.row}:${s.row}` };
  s.next();
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
