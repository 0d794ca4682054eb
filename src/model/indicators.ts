/**
 * The ten indicators of the data-driven overview. Figures are held per geography (the
 * municipality, its region and the whole country). Percentages are held as fractions
 * (0.071 for 7,1 %). Shares that the sheet can compute from raw counts have `share` set:
 * the workbook then holds a numerator and denominator per geography and the figure is a formula.
 */
import { FOLK1A_POPULATION, POPULATION_ID, definitionsSchema, type Definitions, type StatbankIndicator, type StatbankSource } from './statbank';

export type IndicatorUnit = 'andel' | 'kr' | 'indeks' | 'antal';
export type Direction = 'hoejereErVaerre' | 'hoejereErBedre';
export type IndicatorGroup = 'Arbejde & uddannelse' | 'Kriminalitet & tryghed' | 'Etnicitet & boligområder';

export interface Indicator {
  /** Stable id; the defined names are `Ind_<id>_Kommune|Region|Land|Periode`. */
  readonly id: string;
  readonly gruppe: IndicatorGroup;
  readonly navn: string;
  readonly beskrivelse: string;
  readonly begrundelse: string;
  readonly enhed: IndicatorUnit;
  /** Decimals shown: for `andel` in percent (1 → 7,1 %). Shares are rounded to this in the sheet. */
  readonly decimaler: number;
  /**
   * Whether a higher figure is better or worse; absent for a neutral indicator (the population's
   * composition, counts whose national figure is an average per municipality), which is compared
   * and ranked without calling it better or worse.
   */
  readonly retning?: Direction;
  readonly kilde: string;
  /**
   * How the figure is pulled from StatBank today (tables and codes), or null when it is not in
   * StatBank. A share (`andel` set) has a numerator and a denominator, a value a single term.
   */
  readonly statbank: StatbankSource | null;
  /** The table the 2017 report used, where it differs or is retired. */
  readonly tabel2017: string | null;
  /** Where the figure is a share of two counts: what the numerator and denominator count. */
  readonly andel: { readonly taeller: string; readonly naevner: string } | null;
  /** Danish note on where to find the figure (for guided entry). */
  readonly vejledning: string;
  /** Highest sensible value, where there is one (an index of 0–100). Shares are at most 1. */
  readonly max?: number;
  /** The geography the municipal figure covers, when it is not the municipality itself. */
  readonly geografi?: string;
}

export const INDICATORS: readonly Indicator[] = [
  {
    id: 'Fuldtidsledige',
    gruppe: 'Arbejde & uddannelse',
    navn: 'Andel fuldtidsledige i arbejdsstyrken',
    beskrivelse: 'Fuldtidsledige i procent af arbejdsstyrken',
    begrundelse:
      'Ledighed er en socioøkonomisk faktor, der bruges til at identificere udsathed; arbejde giver identitet, anerkendelse og netværk.',
    enhed: 'andel',
    decimaler: 1,
    retning: 'hoejereErVaerre',
    kilde: 'Danmarks Statistik',
    statbank: { term: { table: 'AULKP01', area: 'OMRÅDE', select: { ALDER: ['TOT'], KØN: ['TOT'] } }, scale: 0.01 },
    tabel2017: 'AULK01',
    andel: null,
    vejledning: 'Statistikbanken, tabel AULKP01 (fuldtidsledige i pct. af arbejdsstyrken), seneste kvartal.',
  },
  {
    id: 'DisponibelIndkomst',
    gruppe: 'Arbejde & uddannelse',
    navn: 'Gennemsnitlig disponibel indkomst',
    beskrivelse: 'Gennemsnitlig disponibel indkomst for personer over 14 år (kr.)',
    begrundelse: 'Lav indkomst er en socioøkonomisk faktor, der kan gøre den enkelte sårbar over for radikalisering.',
    enhed: 'kr',
    decimaler: 0,
    retning: 'hoejereErBedre',
    kilde: 'Danmarks Statistik',
    statbank: {
      term: { table: 'INDKP106', area: 'OMRÅDE', select: { ENHED: ['118'], KOEN: ['MOK'], ALDER1: ['00'], INDKINTB: ['000'] } },
      // INDKP106 has no regions: a region's mean is its municipalities' total income over their persons.
      meanFromTotals: { variable: 'ENHED', total: { label: 'Indkomstbeløb (1.000 kr.)' }, count: { label: 'Personer i gruppen (antal)' }, totalUnit: 1000 },
    },
    tabel2017: 'INDKP106',
    andel: null,
    vejledning: 'Statistikbanken, tabel INDKP106, enhed "Gennemsnitlig indkomst for personer i gruppen (kr.)".',
  },
  {
    id: 'Grundskole',
    gruppe: 'Arbejde & uddannelse',
    navn: 'Andel indbyggere med grundskole som højeste uddannelse',
    beskrivelse: 'Andel af de 30–59-årige med grundskole som højeste fuldførte uddannelse',
    begrundelse:
      'Uddannelsesniveau er en socioøkonomisk faktor, der bruges til at identificere udsathed og indgår fx i Det Nationale Integrationsbarometer.',
    enhed: 'andel',
    decimaler: 1,
    retning: 'hoejereErVaerre',
    kilde: 'Danmarks Statistik',
    statbank: {
      numerator: {
        table: 'HFUDD11',
        area: 'BOPOMR',
        select: { HERKOMST: ['TOT'], KØN: ['TOT'], ALDER: ['30-34', '35-39', '40-44', '45-49', '50-54', '55-59'], HFUDD: ['H10'] },
      },
      denominator: {
        table: 'HFUDD11',
        area: 'BOPOMR',
        select: { HERKOMST: ['TOT'], KØN: ['TOT'], ALDER: ['30-34', '35-39', '40-44', '45-49', '50-54', '55-59'], HFUDD: ['TOT'] },
      },
    },
    tabel2017: 'HFUDD10',
    andel: { taeller: '30–59-årige med grundskole som højeste uddannelse', naevner: '30–59-årige i alt' },
    vejledning: 'Statistikbanken, tabel HFUDD11: grundskole (H10) og i alt for aldersgrupperne 30–59 år.',
  },
  {
    id: 'UlovligtFravaer',
    gruppe: 'Arbejde & uddannelse',
    navn: 'Ulovligt fravær i folkeskolen',
    beskrivelse: 'Elevernes ulovlige fravær i folkeskolen',
    begrundelse:
      'Manglende inklusion i positive fællesskaber i skole og fritid kan øge risikoen for radikalisering; fravær kan hænge sammen med sociale problemer.',
    enhed: 'andel',
    decimaler: 1,
    retning: 'hoejereErVaerre',
    kilde: 'Børne- og Undervisningsministeriets statistik (uddannelsesstatistik.dk)',
    statbank: null,
    tabel2017: null,
    andel: null,
    vejledning: 'uddannelsesstatistik.dk → Grundskole → Fravær: ulovligt fravær for kommunen og hele landet, seneste skoleår.',
  },
  {
    id: 'Trivsel',
    gruppe: 'Arbejde & uddannelse',
    navn: 'Elever med højest trivsel i folkeskolen',
    beskrivelse: 'Andel elever i 4.–9. klasse med et gennemsnit over 3 i den nationale trivselsmåling',
    begrundelse: 'Radikalisering kan være udtryk for mistrivsel, frustration og en følelse af ikke at høre til.',
    enhed: 'andel',
    decimaler: 1,
    retning: 'hoejereErBedre',
    kilde: 'Børne- og Undervisningsministeriets statistik (uddannelsesstatistik.dk)',
    statbank: null,
    tabel2017: null,
    andel: null,
    vejledning: 'uddannelsesstatistik.dk → Grundskole → Trivsel: andel elever med høj trivsel for kommunen og hele landet.',
  },
  {
    id: 'Doemte',
    gruppe: 'Kriminalitet & tryghed',
    navn: 'Andel dømte',
    beskrivelse: 'Andel dømt for overtrædelse af straffeloven, våbenloven eller lov om euforiserende stoffer',
    begrundelse: 'Personer med kriminel baggrund tilslutter sig i nogle tilfælde ekstremistiske miljøer.',
    enhed: 'andel',
    decimaler: 1,
    retning: 'hoejereErVaerre',
    kilde: 'Danmarks Statistik',
    statbank: {
      // Rows chosen by their labels in STRAFNA7's tableinfo (3210/3410 are STRAF42's codes). A person
      // guilty under more than one of the acts counts in each row: the sum is an upper bound.
      numerator: {
        table: 'STRAFNA7',
        area: 'OMRÅDE',
        select: { OVERTRÆD: [{ label: 'Straffelov i alt' }] },
        optional: { OVERTRÆD: [{ label: 'Lov om euforiserende stoffer' }, { label: 'Våbenloven' }] },
        overlapping: true,
      },
      denominator: FOLK1A_POPULATION,
      denominatorPeriod: 'firstQuarterOfYear',
    },
    tabel2017: 'STRAFNA7',
    andel: { taeller: 'Skyldige personer (straffelov, våbenlov, euforiserende stoffer)', naevner: 'Folketal samme år' },
    vejledning: 'Statistikbanken, tabel STRAFNA7 (skyldige personer) og FOLK1A (folketal) for samme år.',
  },
  {
    id: 'Tryghedsindeks',
    gruppe: 'Kriminalitet & tryghed',
    navn: 'Tryghedsindeks',
    beskrivelse: 'Andelen af trygge borgere, opgjort for politikredsen',
    begrundelse: 'Jo tryggere et lokalsamfund er, desto større er evnen til at opbygge lokal modstandskraft.',
    enhed: 'indeks',
    decimaler: 1,
    retning: 'hoejereErBedre',
    kilde: 'Politiets tryghedsindeks',
    statbank: null,
    tabel2017: null,
    andel: null,
    vejledning: 'Politiets tryghedsundersøgelse (politi.dk): indeks for politikredsen. Tallet dækker hele politikredsen, ikke kun kommunen.',
    max: 100,
    geografi: 'Politikredsen',
  },
  {
    id: 'UdsatteBoligomraader',
    gruppe: 'Etnicitet & boligområder',
    navn: 'Antal udsatte boligområder (helhedsplaner)',
    beskrivelse: 'Antal udsatte boligområder med boligsocial helhedsplan eller kommunal områdefornyelse',
    begrundelse: 'Unge i udsatte boligområder har større risiko for en kriminel løbebane, som kan øge risikoen for radikalisering.',
    enhed: 'antal',
    decimaler: 2,
    kilde: 'Boligsocialt Danmarkskort',
    statbank: null,
    tabel2017: null,
    andel: null,
    vejledning: 'Boligsocialt Danmarkskort: antal områder i kommunen. Region og land som gennemsnit pr. kommune.',
  },
  {
    id: 'SaerligtUdsatte',
    gruppe: 'Etnicitet & boligområder',
    navn: 'Antal særligt udsatte boligområder',
    beskrivelse: 'Antal særligt udsatte boligområder efter de gældende kriterier',
    begrundelse: 'Unge i udsatte boligområder har større risiko for en kriminel løbebane, som kan øge risikoen for radikalisering.',
    enhed: 'antal',
    decimaler: 2,
    kilde: 'Social- og Boligministeriets årlige liste over udsatte boligområder',
    statbank: null,
    tabel2017: null,
    andel: null,
    vejledning: 'Ministeriets årlige liste (offentliggøres 1. december): antal områder i kommunen. Region og land som gennemsnit pr. kommune.',
  },
  {
    id: 'IkkeVestlige',
    gruppe: 'Etnicitet & boligområder',
    navn: 'Andel ikke-vestlige indbyggere',
    beskrivelse: 'Indvandrere og efterkommere fra ikke-vestlige lande i procent af folketallet',
    begrundelse: 'Metoden medtager befolkningssammensætningen som baggrund for kommunens forebyggende arbejde.',
    enhed: 'andel',
    decimaler: 1,
    kilde: 'Danmarks Statistik',
    statbank: {
      numerator: { table: 'FOLK1E', area: 'OMRÅDE', select: { KØN: ['TOT'], ALDER: ['IALT'], HERKOMST: ['25', '35'] } },
      denominator: { table: 'FOLK1E', area: 'OMRÅDE', select: { KØN: ['TOT'], ALDER: ['IALT'], HERKOMST: ['TOT'] } },
    },
    tabel2017: 'FOLK1E',
    andel: { taeller: 'Indvandrere og efterkommere fra ikke-vestlige lande', naevner: 'Folketal i alt' },
    vejledning: 'Statistikbanken, tabel FOLK1E: herkomst 25 og 35 (ikke-vestlige) og i alt.',
  },
];

export const GEOGRAPHIES = [
  { id: 'Kommune', navn: 'Kommune' },
  { id: 'Region', navn: 'Region' },
  { id: 'Land', navn: 'Hele landet' },
] as const;
export type GeographyId = (typeof GEOGRAPHIES)[number]['id'];

export function indicatorName(ind: Indicator, geo: GeographyId): string {
  return `Ind_${ind.id}_${geo}`;
}
export function indicatorPeriodName(ind: Indicator): string {
  return `Ind_${ind.id}_Periode`;
}
export function indicatorSourceName(ind: Indicator): string {
  return `Ind_${ind.id}_Kilde`;
}

/** Provenance cells beside each indicator: geography covered, codes used, retrieval, footnote. */
export const PROVENANCE = [
  { id: 'geografi', suffix: 'Geografi', navn: 'Geografi', max: 60 },
  { id: 'koder', suffix: 'Koder', navn: 'Tabel og koder', max: 1000 },
  { id: 'hentet', suffix: 'Hentet', navn: 'Hentet', max: 255 },
  { id: 'fodnote', suffix: 'Fodnote', navn: 'Fodnote', max: 4000 },
] as const;
export type ProvenanceId = (typeof PROVENANCE)[number]['id'];
export function provenanceName(ind: Indicator, suffix: string): string {
  return `Ind_${ind.id}_${suffix}`;
}

/** Choices for the geography a figure covers. */
export const GEOGRAFI_VALG = ['Kommunen', 'Politikredsen', 'Andet (se kilde)'] as const;

/** The indicators the StatBank pull fills. */
export const STATBANK_INDICATORS = () => INDICATORS.filter((i) => i.statbank !== null);

/** A StatBank indicator's definition: a share when the indicator is one, else a value. */
function definitionOf(ind: Indicator): StatbankIndicator {
  const source = ind.statbank!;
  if (ind.andel && 'numerator' in source) return { indicator: ind.id, figure: { kind: 'share', ...source } } as StatbankIndicator;
  if (!ind.andel && 'term' in source) return { indicator: ind.id, figure: { kind: 'value', ...source } } as StatbankIndicator;
  throw new Error(`${ind.id}: its StatBank source does not fit the indicator (a share needs a numerator and a denominator)`);
}

/** The built-in definitions: every StatBank indicator's, and the population of the overview. */
export const DEFAULT_DEFINITIONS: Definitions = definitionsSchema.parse({
  indicators: [
    ...STATBANK_INDICATORS().map(definitionOf),
    { indicator: POPULATION_ID, figure: { kind: 'value', term: FOLK1A_POPULATION, additive: true } },
  ],
});

/**
 * How an indicator's figure compares: higher is better, higher is worse, or (the population's
 * composition, counts whose national figure is an average per municipality) neither.
 */
export type Comparison = 'higherIsBetter' | 'higherIsWorse' | 'neutral';
export function comparisonOf(ind: Indicator): Comparison {
  return ind.retning === undefined ? 'neutral' : ind.retning === 'hoejereErBedre' ? 'higherIsBetter' : 'higherIsWorse';
}
/** Whether rank 1 among the municipalities is the highest figure (the best, or for a neutral indicator simply the highest). */
export const rankHighestFirst = (ind: Indicator): boolean => ind.retning !== 'hoejereErVaerre';
/** Input cells behind a share: numerator, denominator and a directly typed share. */
export function shareInputNames(ind: Indicator, geo: GeographyId) {
  const base = indicatorName(ind, geo);
  return { taeller: `${base}_Taeller`, naevner: `${base}_Naevner`, indtastet: `${base}_Indtastet` };
}

/** Number of decimals the stored figure is rounded to (fractions carry two more than the percent shown). */
export function storedDecimals(ind: Indicator): number {
  return ind.enhed === 'andel' ? ind.decimaler + 2 : ind.decimaler;
}

export const RETNING_TEKST: Record<Direction | 'neutral', string> = {
  hoejereErVaerre: 'Højere tal peger på større udsathed',
  hoejereErBedre: 'Højere tal peger på mindre udsathed',
  neutral: 'Ingen retning: tallet beskriver kommunen og kaldes hverken bedre eller dårligere',
};
/** The direction as the workbook words it. */
export const retningTekst = (ind: Indicator): string => RETNING_TEKST[ind.retning ?? 'neutral'];

export const OMFANG = [
  { id: 'Bekymringshenvendelser', definedName: 'Omfang_Bekymringshenvendelser', navn: 'Antal bekymringshenvendelser til kommunen' },
  { id: 'HenvendelserInfohus', definedName: 'Omfang_HenvendelserInfohus', navn: 'Antal henvendelser fra kommunen til infohuset' },
  { id: 'SagsforloebInfohus', definedName: 'Omfang_SagsforloebInfohus', navn: 'Antal sagsforløb i infohuset' },
] as const;

// The defined names of the municipality's cells and the template's version live in names.ts (no zod: the pane's first script uses them).
export { KOMMUNE_NAMES, TEMPLATE_VERSION_NAME, VURDERING_DATO_NAME } from './names';
/** The template version this release writes, and every version its reader understands. */
export const TEMPLATE_VERSION = '1.1';
export const KNOWN_TEMPLATE_VERSIONS: readonly string[] = ['1.0', '1.1'];
