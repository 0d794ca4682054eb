/**
 * The 2017 readiness assessment of Ishøj Kommune (figures and ratings as printed in the report,
 * carried into the project as ishoej-2017.json), turned into an assessment. The demo workbook is
 * built from it, and its total score must be 3,0 as in the report.
 */
import { DEMO_AMBITIONER, DEMO_BEGRUNDELSER, DEMO_FORBEDRINGER, DEMO_REKRUTTERENDE_MILJOEER, DEMO_SELVEVALUERING } from './ishoej-texts';
import { z } from 'zod';
import data from './ishoej-2017.json';
import { INDICATORS, GEOGRAPHIES, TEMPLATE_VERSION, storedDecimals } from '../model/indicators';
import { assessmentSchema, emptyAssessment, type Assessment } from '../model/schema';
import { round } from '../scoring/excel';
import { THEMES } from '../model/themes';

const rating = z.number().int().min(1).max(4);
const figure = z.number().nullable();

export const exampleSchema = z.object({
  /** Vurdering_Dato: the report gives only the year, so a fixed date chosen for the demo (see `about`). */
  assessmentDate: z.iso.date(),
  kommune: z.object({
    name: z.string(),
    dstCode: z.string(),
    region: z.object({ name: z.string(), dstCode: z.string() }),
    politikreds: z.string(),
    population: z.number().int(),
  }),
  indicators: z.array(
    z.object({ id: z.string(), unit: z.enum(['pct', 'kr', 'index', 'count']), kommune: figure, region: figure, national: figure, period: z.string(), source: z.string(), note: z.string().optional() }),
  ),
  omfang: z.object({ bekymringshenvendelser: z.number().nullable(), henvendelserTilInfohus: z.number().nullable(), sagsforloebIInfohus: z.number().nullable() }),
  selfRatings: z.object({ beredskab: rating, indsatser: rating, interntSamarbejde: rating, eksterntSamarbejde: rating, kompetencer: rating }),
  assessorRatings: z.object({ strategi: rating, tvaergaaendeOrganisering: rating, planForBekymringshenvendelser: rating, registreringspraksis: rating, ledelsesinformation: rating }),
  printedTotalScore: z.number(),
  themePriority: z.array(z.string()),
});
export type ExampleData = z.infer<typeof exampleSchema>;

/** The example file's indicator ids → the model's. */
const INDICATOR_IDS: Record<string, string> = {
  fuldtidsledige: 'Fuldtidsledige',
  disponibelIndkomst: 'DisponibelIndkomst',
  grundskoleHoejeste: 'Grundskole',
  ulovligtFravaer: 'UlovligtFravaer',
  hoejTrivsel: 'Trivsel',
  doemte: 'Doemte',
  tryghedsindeks: 'Tryghedsindeks',
  udsatteBoligomraader: 'UdsatteBoligomraader',
  saerligtUdsatteBoligomraader: 'SaerligtUdsatte',
  ikkeVestlige: 'IkkeVestlige',
};

/** Danish renderings of the example's notes, shown with the source so no figure is misread. */
const NOTES: Record<string, string> = {
  tryghedsindeks: 'tallet dækker hele politikredsen, ikke kun kommunen',
  udsatteBoligomraader: 'region og land er gennemsnit pr. kommune',
  saerligtUdsatteBoligomraader: 'region og land er gennemsnit pr. kommune',
};

export function exampleToAssessment(ex: ExampleData): Assessment {
  const a = emptyAssessment(TEMPLATE_VERSION);
  a.kommune = { navn: ex.kommune.name, indbyggere: ex.kommune.population, indbyggerePeriode: null, hentetKode: null };
  a.vurderingDato = ex.assessmentDate;
  a.omfang = {
    Bekymringshenvendelser: ex.omfang.bekymringshenvendelser,
    HenvendelserInfohus: ex.omfang.henvendelserTilInfohus,
    SagsforloebInfohus: ex.omfang.sagsforloebIInfohus,
  };
  for (const item of ex.indicators) {
    const ind = INDICATORS.find((i) => i.id === INDICATOR_IDS[item.id]);
    if (!ind) throw new Error(`Unknown indicator id in the example: ${item.id}`);
    const toStored = (v: number | null) => (v === null ? null : item.unit === 'pct' ? round(v / 100, storedDecimals(ind)) : v);
    const figures = { Kommune: item.kommune, Region: item.region, Land: item.national };
    const target = a.indikatorer[ind.id]!;
    for (const g of GEOGRAPHIES) {
      const v = toStored(figures[g.id]);
      target[g.id] = ind.andel ? { taeller: null, naevner: null, indtastet: v } : { vaerdi: v };
    }
    target.periode = item.period;
    target.kilde = NOTES[item.id] ? `${item.source} (${NOTES[item.id]})` : item.source;
  }
  a.vurderinger = {
    Beredskab: ex.selfRatings.beredskab,
    Indsatser: ex.selfRatings.indsatser,
    InterntSamarbejde: ex.selfRatings.interntSamarbejde,
    EksterntSamarbejde: ex.selfRatings.eksterntSamarbejde,
    Kompetencer: ex.selfRatings.kompetencer,
    Strategi: ex.assessorRatings.strategi,
    TvaergaaendeOrganisering: ex.assessorRatings.tvaergaaendeOrganisering,
    PlanBekymringshenvendelser: ex.assessorRatings.planForBekymringshenvendelser,
    Registreringspraksis: ex.assessorRatings.registreringspraksis,
    Ledelsesinformation: ex.assessorRatings.ledelsesinformation,
  };
  ex.themePriority.forEach((name, i) => {
    const theme = THEMES.find((t) => t.navn === name);
    if (!theme) throw new Error(`Unknown theme in the example: ${name}`);
    a.prioriteter[i] = { tema: theme.navn, forbedringer: DEMO_FORBEDRINGER[theme.navn] ?? null };
  });
  // The demo's texts, written for it (not the report's): the summary has no empty section.
  a.selvevaluering = { ...a.selvevaluering, ...DEMO_SELVEVALUERING };
  a.ambitioner = DEMO_AMBITIONER;
  a.begrundelser = { ...a.begrundelser, ...DEMO_BEGRUNDELSER };
  a.rekrutterendeMiljoeer = DEMO_REKRUTTERENDE_MILJOEER;
  return assessmentSchema.parse(a);
}

export function ishoej2017(): { assessment: Assessment; printedTotalScore: number } {
  const ex = exampleSchema.parse(data);
  return { assessment: exampleToAssessment(ex), printedTotalScore: ex.printedTotalScore };
}
