/**
 * Zod schemas for a whole assessment, derived from the model: adding a parameter, indicator or
 * text field to the model changes what is validated, with no second list to keep in step.
 */
import { z } from 'zod';
import { KOMMUNER, findKommuneByName } from './geography';
import { INDICATORS, GEOGRAPHIES, OMFANG, PROVENANCE, type GeographyId, type Indicator, type ProvenanceId } from './indicators';
import { PARAMETERS, ASSESSED_PARAMETERS } from './parameters';
import { SCALE_MAX, SCALE_MIN } from './scale';
import { THEMES, PRIORITY_SLOTS } from './themes';
import { CPR_MESSAGE, looksLikeCpr } from './cpr';

/** Free text is refused when it holds a CPR-shaped number; the message never repeats it. */
const noCpr = <T extends z.ZodString>(s: T) => s.refine((v) => !looksLikeCpr(v), { message: CPR_MESSAGE });

export const freeText = noCpr(z.string().max(32767, 'Teksten er længere end en Excel-celle kan rumme (32.767 tegn).')).nullable();

export const ratingSchema = z
  .number({ message: `Vurderingen skal være et helt tal fra ${SCALE_MIN} til ${SCALE_MAX}.` })
  .int(`Vurderingen skal være et helt tal fra ${SCALE_MIN} til ${SCALE_MAX}.`)
  .min(SCALE_MIN, `Vurderingen skal være et helt tal fra ${SCALE_MIN} til ${SCALE_MAX}.`)
  .max(SCALE_MAX, `Vurderingen skal være et helt tal fra ${SCALE_MIN} til ${SCALE_MAX}.`)
  .nullable();

export const countSchema = z
  .number({ message: 'Skal være et antal (et helt tal).' })
  .int('Skal være et helt tal.')
  .nonnegative('Et antal kan ikke være negativt.')
  .nullable();

const periodSchema = noCpr(z.string().max(40, 'Perioden er for lang (højst 40 tegn).')).nullable();
const sourceSchema = noCpr(z.string().max(255, 'Kilden er for lang (højst 255 tegn).')).nullable();

function figureSchema(ind: Indicator) {
  let base = z.number({ message: 'Skal være et tal.' }).finite().nonnegative('Tallet kan ikke være negativt.');
  if (ind.max !== undefined) base = base.max(ind.max, `Tallet kan højst være ${ind.max}.`);
  if (ind.enhed === 'andel') {
    return base
      .max(1, 'En andel skrives som brøk eller procent: 7,1 % (0,071), ikke 7,1.')
      .nullable();
  }
  return base.nullable();
}

function geographySchema(ind: Indicator) {
  if (!ind.andel) return z.object({ vaerdi: figureSchema(ind) });
  return z
    .object({ taeller: countSchema, naevner: countSchema, indtastet: figureSchema(ind) })
    .superRefine((g, ctx) => {
      if ((g.taeller === null) !== (g.naevner === null)) {
        ctx.addIssue({ code: 'custom', path: [g.taeller === null ? 'taeller' : 'naevner'], message: 'Tæller og nævner skal udfyldes begge to.' });
      } else if (g.taeller !== null && g.naevner !== null && g.taeller > g.naevner) {
        ctx.addIssue({ code: 'custom', path: ['taeller'], message: 'Tælleren er større end nævneren.' });
      } else if (g.naevner === 0) {
        ctx.addIssue({ code: 'custom', path: ['naevner'], message: 'Nævneren er 0.' });
      }
    });
}

function indicatorSchema(ind: Indicator) {
  const geo = Object.fromEntries(GEOGRAPHIES.map((g) => [g.id, geographySchema(ind)]));
  const provenance = Object.fromEntries(
    PROVENANCE.map((p) => [p.id, noCpr(z.string().max(p.max, `${p.navn}: højst ${p.max} tegn.`)).nullable()]),
  );
  return z.object({ ...geo, periode: periodSchema, kilde: sourceSchema, ...provenance });
}

export type ValueFigure = { vaerdi: number | null };
export type ShareFigure = { taeller: number | null; naevner: number | null; indtastet: number | null };
export type GeographyFigure = ValueFigure | ShareFigure;
export type IndicatorFigures = Record<GeographyId, GeographyFigure> & { periode: string | null; kilde: string | null } & Record<ProvenanceId, string | null>;

const objectOf = <T extends z.ZodType>(keys: readonly string[], schema: (key: string) => T) =>
  z.object(Object.fromEntries(keys.map((k) => [k, schema(k)])) as Record<string, T>);

export const selfEvaluationKeys: readonly string[] = THEMES.flatMap((t) => t.felter.map((f) => `${t.id}_${f.id}`));
const themeNames = THEMES.map((t) => t.navn) as [string, ...string[]];

export const assessmentSchema = z.object({
  templateVersion: z.string(),
  kommune: z.object({
    navn: z
      .string()
      .refine((n) => findKommuneByName(n) !== undefined, { message: `Ukendt kommune: vælg en af de ${KOMMUNER.length} kommuner på listen.` })
      .nullable(),
    indbyggere: z
      .number({ message: 'Antal indbyggere skal være et tal.' })
      .int('Antal indbyggere skal være et helt tal.')
      .nonnegative('Antal indbyggere kan ikke være negativt.')
      .max(2_000_000, 'Antal indbyggere er urimeligt stort for en kommune (over 2.000.000).')
      .nullable(),
    indbyggerePeriode: noCpr(z.string().max(255, 'Periode og kilde: højst 255 tegn.')).nullable(),
    hentetKode: z
      .string()
      .refine((c) => KOMMUNER.some((k) => k.dstCode === c), { message: 'Ukendt kommunekode.' })
      .nullable(),
  }),
  /** The date the assessment was made, "2017-06-30". */
  vurderingDato: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Skriv datoen som dd-mm-åååå, fx 30-06-2017.')
    .refine((d) => d >= '2000-01-01' && d <= '2099-12-31', { message: 'Datoen skal ligge mellem 2000 og 2099.' })
    .nullable(),
  omfang: objectOf(
    OMFANG.map((o) => o.id),
    () => countSchema,
  ),
  // Each indicator has its own schema (shares hold counts); the cast gives the shape they share.
  indikatorer: z.object(Object.fromEntries(INDICATORS.map((i) => [i.id, indicatorSchema(i)]))) as unknown as z.ZodType<
    Record<string, IndicatorFigures>
  >,
  vurderinger: objectOf(
    PARAMETERS.map((p) => p.id),
    () => ratingSchema,
  ),
  begrundelser: objectOf(
    ASSESSED_PARAMETERS.map((p) => p.id),
    () => freeText,
  ),
  selvevaluering: objectOf(selfEvaluationKeys, () => freeText),
  ambitioner: freeText,
  rekrutterendeMiljoeer: freeText,
  prioriteter: z
    .array(z.object({ tema: z.enum(themeNames, { message: `Vælg et af de ${THEMES.length} temaer.` }).nullable(), forbedringer: freeText }))
    .length(PRIORITY_SLOTS),
});

export type Assessment = z.infer<typeof assessmentSchema>;

/** Each version's empty assessment, as JSON (plain data: parsing it is the quickest fresh copy). */
const empties = new Map<string, string>();
/** An assessment with nothing filled in: what the empty template holds (a fresh copy each call). */
export function emptyAssessment(templateVersion: string): Assessment {
  let empty = empties.get(templateVersion);
  if (empty === undefined) {
    empty = JSON.stringify(buildEmpty(templateVersion));
    empties.set(templateVersion, empty);
  }
  return JSON.parse(empty) as Assessment;
}

function buildEmpty(templateVersion: string): Assessment {
  const indicator = (ind: Indicator) => ({
    ...Object.fromEntries(
      GEOGRAPHIES.map((g) => [g.id, ind.andel ? { taeller: null, naevner: null, indtastet: null } : { vaerdi: null }]),
    ),
    periode: null,
    kilde: null,
    ...Object.fromEntries(PROVENANCE.map((p) => [p.id, p.id === 'geografi' ? (ind.geografi ?? null) : null])),
  });
  return assessmentSchema.parse({
    templateVersion,
    kommune: { navn: null, indbyggere: null, indbyggerePeriode: null, hentetKode: null },
    vurderingDato: null,
    omfang: Object.fromEntries(OMFANG.map((o) => [o.id, null])),
    indikatorer: Object.fromEntries(INDICATORS.map((i) => [i.id, indicator(i)])),
    vurderinger: Object.fromEntries(PARAMETERS.map((p) => [p.id, null])),
    begrundelser: Object.fromEntries(ASSESSED_PARAMETERS.map((p) => [p.id, null])),
    selvevaluering: Object.fromEntries(selfEvaluationKeys.map((k) => [k, null])),
    ambitioner: null,
    rekrutterendeMiljoeer: null,
    prioriteter: Array.from({ length: PRIORITY_SLOTS }, () => ({ tema: null, forbedringer: null })),
  });
}

/**
 * The schema of one part of an assessment, by its path (["kommune", "navn"], ["prioriteter", 0,
 * "tema"], ["indikatorer", "Grundskole", "Kommune"] …): each field can be checked on its own.
 */
const schemas = new Map<string, z.ZodType>();
export function schemaAt(path: readonly (string | number)[]): z.ZodType {
  const key = path.join('\u0000');
  let found = schemas.get(key);
  if (!found) {
    found = walkSchema(path);
    schemas.set(key, found);
  }
  return found;
}

function walkSchema(path: readonly (string | number)[]): z.ZodType {
  let node: z.ZodType = assessmentSchema;
  for (const key of path) {
    if (node instanceof z.ZodObject) node = (node.shape as Record<string, z.ZodType>)[String(key)]!;
    else if (node instanceof z.ZodArray) node = node.element as z.ZodType;
    else throw new Error(`No schema at ${path.join('.')}`);
    if (!node) throw new Error(`No schema at ${path.join('.')}`);
  }
  return node;
}
