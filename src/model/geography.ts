import { KOMMUNE_ROWS } from './kommuner-data';

export interface Region {
  readonly dstCode: string;
  readonly navn: string;
}

export interface Kommune {
  /** Statistics Denmark (StatBank) area code, three digits, e.g. "183" for Ishøj. */
  readonly dstCode: string;
  /** The official four-digit municipality code, e.g. "0183". */
  readonly kommunekode: string;
  /** The list's short name, as Kommune_Navn holds it: "København", "Ishøj". */
  readonly navn: string;
  /** The official name, for titles: "Københavns Kommune", "Ishøj Kommune", "Bornholms Regionskommune". */
  readonly officieltNavn: string;
  readonly region: Region;
  readonly politikreds: string;
}

export const LAND = { dstCode: '000', navn: 'Hele landet' } as const;

export const REGIONER: readonly Region[] = [
  { dstCode: '081', navn: 'Region Nordjylland' },
  { dstCode: '082', navn: 'Region Midtjylland' },
  { dstCode: '083', navn: 'Region Syddanmark' },
  { dstCode: '084', navn: 'Region Hovedstaden' },
  { dstCode: '085', navn: 'Region Sjælland' },
];

function regionByCode(code: string): Region {
  const region = REGIONER.find((r) => r.dstCode === code);
  if (!region) throw new Error(`Unknown region code ${code} in the municipality data`);
  return region;
}

/**
 * The official names that are not the short name followed by "Kommune" (the law on the
 * municipalities' names: the capital is Københavns Kommune, Bornholm a regional municipality).
 */
export const OFFICIAL_NAME_EXCEPTIONS: Readonly<Record<string, string>> = {
  København: 'Københavns Kommune',
  Bornholm: 'Bornholms Regionskommune',
};
const officialName = (navn: string) => OFFICIAL_NAME_EXCEPTIONS[navn] ?? `${navn} Kommune`;

export const KOMMUNER: readonly Kommune[] = KOMMUNE_ROWS.map(([dstCode, kommunekode, navn, regionCode, politikreds]) => ({
  dstCode,
  kommunekode,
  navn,
  officieltNavn: officialName(navn),
  region: regionByCode(regionCode),
  politikreds,
}));

/** An area figures are given for: the whole country, a region or a municipality. */
export interface Area {
  readonly code: string;
  readonly navn: string;
  /** The region of a municipality; '' for the country and the regions. */
  readonly region: string;
  readonly kommune: boolean;
}

/** Every area a pull reads and the Data sheet lists, in that order: the country, the 5 regions, the 98 municipalities. */
export const AREAS: readonly Area[] = [
  { code: LAND.dstCode, navn: LAND.navn, region: '', kommune: false },
  ...REGIONER.map((r) => ({ code: r.dstCode, navn: r.navn, region: '', kommune: false })),
  ...KOMMUNER.map((k) => ({ code: k.dstCode, navn: k.navn, region: k.region.navn, kommune: true })),
];

/**
 * Danish case folding, the way Excel's MATCH compares text (case-insensitive). Danish has no
 * casing rules of its own (only Turkish, Azeri and Lithuanian do), so this is what
 * toLocaleLowerCase('da-DK') gives, without looking up the locale on every call (slow for a
 * text cut from a part that is not Latin-1 throughout).
 */
export function foldCase(text: string): string {
  return text.toLowerCase();
}

/**
 * Finds a municipality by its short name ("Ishøj"), its official name ("Københavns Kommune",
 * "Bornholms Regionskommune"), the short name with "Kommune" ("Ishøj Kommune"), its StatBank code
 * ("183") or its municipality code ("0183"); case and extra spaces do not matter.
 */
export function findKommune(query: string): Kommune | undefined {
  const q = foldCase(query.replace(/\s+/g, ' ').trim());
  const short = q.replace(/ kommune$/, '');
  return KOMMUNER.find((k) => foldCase(k.officieltNavn) === q || foldCase(k.navn) === short || k.dstCode === q || k.kommunekode === q);
}

/**
 * Finds a municipality by its name only, as the template's lookup formula does it:
 * MATCH(TRIM(name)) — spaces trimmed and runs of spaces collapsed, case ignored.
 */
let byFoldedName: Map<string, Kommune> | undefined;
export function findKommuneByName(name: string): Kommune | undefined {
  byFoldedName ??= new Map(KOMMUNER.map((k) => [foldCase(k.navn), k]));
  return byFoldedName.get(foldCase(name.replace(/ +/g, ' ').replace(/^ | $/g, '')));
}
