/** --definitions FILE: StatBank definitions that override the built-in ones, indicator by indicator. */
import { DEFAULT_DEFINITIONS, INDICATORS } from '../model/indicators';
import { definitionsSchema, type Definitions } from '../model/statbank';
import { InputError, readInput } from './files';

export async function loadDefinitions(file: string | undefined): Promise<Definitions> {
  if (!file) return DEFAULT_DEFINITIONS;
  const text = (await readInput(file)).toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new InputError(`${file}: er ikke gyldig JSON.`);
  }
  const parsed = definitionsSchema.safeParse(json);
  if (!parsed.success) {
    throw new InputError(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(rod)'}: ${i.message}`).join('; ')}`);
  }
  const known = new Set(DEFAULT_DEFINITIONS.indicators.map((d) => d.indicator));
  for (const d of parsed.data.indicators) {
    if (!known.has(d.indicator)) throw new InputError(`${file}: ukendt indikator ${d.indicator}; kendte er ${[...known].join(', ')}.`);
    const model = INDICATORS.find((i) => i.id === d.indicator);
    const wanted = model?.andel ? 'share' : 'value';
    if (d.figure.kind !== wanted) {
      throw new InputError(`${file}: ${d.indicator} skal have "kind": "${wanted}" (${wanted === 'share' ? 'tæller og nævner' : 'én værdi'}), som i projektmappen.`);
    }
  }
  // The file overrides the built-in definitions indicator by indicator; the rest stay.
  const overrides = new Map(parsed.data.indicators.map((d) => [d.indicator, d]));
  return { indicators: DEFAULT_DEFINITIONS.indicators.map((d) => overrides.get(d.indicator) ?? d) };
}
