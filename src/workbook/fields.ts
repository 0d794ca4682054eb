/**
 * Every input cell of the template: its defined name, what it holds and where it goes in an
 * assessment. Derived from the model; the reader walks this list.
 */
import { GEOGRAPHIES, INDICATORS, KOMMUNE_NAMES, OMFANG, VURDERING_DATO_NAME, PROVENANCE, indicatorName, indicatorPeriodName, indicatorSourceName, provenanceName, shareInputNames } from '../model/indicators';
import { ASSESSED_PARAMETERS, PARAMETERS } from '../model/parameters';
import { PRIORITY_SLOTS, QUALITATIVE, THEMES, textFieldName } from '../model/themes';

export type FieldKind = 'rating' | 'count' | 'figure' | 'text' | 'shortText' | 'kommune' | 'kommuneKode' | 'date' | 'theme';

export interface InputField {
  name: string;
  kind: FieldKind;
  /** Where the value goes in an Assessment. */
  path: (string | number)[];
  /** Danish description used in messages. */
  label: string;
}

let fields: readonly InputField[] | undefined;
/** Every input field, derived once from the model. */
export function inputFields(): readonly InputField[] {
  fields ??= buildFields();
  return fields;
}

function buildFields(): InputField[] {
  const f: InputField[] = [
    { name: KOMMUNE_NAMES.navn, kind: 'kommune', path: ['kommune', 'navn'], label: 'Kommune' },
    { name: KOMMUNE_NAMES.indbyggere, kind: 'count', path: ['kommune', 'indbyggere'], label: 'Antal indbyggere' },
    { name: KOMMUNE_NAMES.indbyggerePeriode, kind: 'shortText', path: ['kommune', 'indbyggerePeriode'], label: 'Antal indbyggere: periode og kilde' },
    { name: VURDERING_DATO_NAME, kind: 'date', path: ['vurderingDato'], label: 'Vurderingens dato' },
    { name: KOMMUNE_NAMES.hentetKode, kind: 'kommuneKode', path: ['kommune', 'hentetKode'], label: 'Tallene er hentet for kommunekode' },
  ];
  for (const o of OMFANG) f.push({ name: o.definedName, kind: 'count', path: ['omfang', o.id], label: o.navn });
  for (const ind of INDICATORS) {
    for (const g of GEOGRAPHIES) {
      if (ind.andel) {
        const n = shareInputNames(ind, g.id);
        const base = ['indikatorer', ind.id, g.id];
        f.push({ name: n.taeller, kind: 'count', path: [...base, 'taeller'], label: `${ind.navn}, ${g.navn}: tæller` });
        f.push({ name: n.naevner, kind: 'count', path: [...base, 'naevner'], label: `${ind.navn}, ${g.navn}: nævner` });
        f.push({ name: n.indtastet, kind: 'figure', path: [...base, 'indtastet'], label: `${ind.navn}, ${g.navn}: indtastet andel` });
      } else {
        f.push({ name: indicatorName(ind, g.id), kind: 'figure', path: ['indikatorer', ind.id, g.id, 'vaerdi'], label: `${ind.navn}, ${g.navn}` });
      }
    }
    f.push({ name: indicatorPeriodName(ind), kind: 'shortText', path: ['indikatorer', ind.id, 'periode'], label: `${ind.navn}: periode` });
    f.push({ name: indicatorSourceName(ind), kind: 'shortText', path: ['indikatorer', ind.id, 'kilde'], label: `${ind.navn}: kilde` });
    for (const p of PROVENANCE) {
      f.push({ name: provenanceName(ind, p.suffix), kind: 'shortText', path: ['indikatorer', ind.id, p.id], label: `${ind.navn}: ${p.navn.toLowerCase()}` });
    }
  }
  for (const p of PARAMETERS) f.push({ name: p.definedName, kind: 'rating', path: ['vurderinger', p.id], label: p.navn });
  for (const p of ASSESSED_PARAMETERS) {
    f.push({ name: `${p.definedName}_Begrundelse`, kind: 'text', path: ['begrundelser', p.id], label: `${p.navn}: begrundelse` });
  }
  for (const t of THEMES) {
    for (const field of t.felter) {
      f.push({ name: textFieldName(t, field), kind: 'text', path: ['selvevaluering', `${t.id}_${field.id}`], label: `${t.navn}: ${field.overskrift}` });
    }
  }
  f.push({ name: QUALITATIVE.ambitioner.definedName, kind: 'text', path: ['ambitioner'], label: QUALITATIVE.ambitioner.overskrift });
  f.push({ name: QUALITATIVE.rekrutterendeMiljoeer.definedName, kind: 'text', path: ['rekrutterendeMiljoeer'], label: QUALITATIVE.rekrutterendeMiljoeer.overskrift });
  for (let n = 1; n <= PRIORITY_SLOTS; n++) {
    f.push({ name: QUALITATIVE.prioritet.temaName(n), kind: 'theme', path: ['prioriteter', n - 1, 'tema'], label: `Prioritet ${n}: tema` });
    f.push({ name: QUALITATIVE.prioritet.forbedringerName(n), kind: 'text', path: ['prioriteter', n - 1, 'forbedringer'], label: `Prioritet ${n}: forbedringspunkter` });
  }
  return f;
}

let byName: Map<string, InputField> | undefined;
export function fieldByName(name: string): InputField | undefined {
  byName ??= new Map(inputFields().map((f) => [f.name, f]));
  return byName.get(name);
}

/** Sets the value at a field's path in an assessment (or a draft of one). */
export function setAtPath(target: Record<string | number, unknown>, path: readonly (string | number)[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]!] = value;
}

/** The input field whose path is exactly `path`, if any. */
export function fieldAtPath(path: readonly PropertyKey[]): InputField | undefined {
  return inputFields().find((f) => f.path.length === path.length && f.path.every((p, i) => p === path[i]));
}
