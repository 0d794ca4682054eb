/**
 * The self-evaluation: five themes, each with open questions answered in free text. The
 * self-rated parameters (parameters.ts) belong to these themes through their `tema`.
 */
export interface TextField {
  /** Stable id; the defined name of the answer cell is `Selv_<ThemeId>_<FieldId>`. */
  readonly id: string;
  readonly overskrift: string;
  readonly spoergsmaal: string;
}

export interface Theme {
  readonly id: string;
  readonly navn: string;
  readonly felter: readonly TextField[];
}

export const THEMES: readonly Theme[] = [
  {
    id: 'Ledelse',
    navn: 'Ledelse og strategisk forankring',
    felter: [
      {
        id: 'Forankring',
        overskrift: 'Ledelsesmæssig forankring',
        spoergsmaal: 'Hvor er området forankret ledelsesmæssigt, og hvem koordinerer det daglige arbejde?',
      },
      {
        id: 'Strategi',
        overskrift: 'Strategi og vision',
        spoergsmaal: 'Hvilke strategier, politikker eller handlingsplaner rummer forebyggelse af ekstremisme og radikalisering?',
      },
      {
        id: 'Data',
        overskrift: 'Anvendelse af data',
        spoergsmaal: 'Udarbejdes og bruges der data eller ledelsesinformation på området? Hvordan?',
      },
      {
        id: 'Registrering',
        overskrift: 'Registreringspraksis',
        spoergsmaal: 'Hvordan registreres bekymringshenvendelser og sager, og kan registreringerne samles til et overblik?',
      },
    ],
  },
  {
    id: 'Beredskab',
    navn: 'Beredskab og indsats',
    felter: [
      { id: 'Beredskab', overskrift: 'Beredskab', spoergsmaal: 'Hvilket beredskab har kommunen til forebyggelse af ekstremisme?' },
      { id: 'Indsats', overskrift: 'Indsats', spoergsmaal: 'Hvilke konkrete indsatser har kommunen, og er de beskrevet i en plan?' },
      { id: 'Kommunikation', overskrift: 'Kommunikation', spoergsmaal: 'Hvordan kommunikerer kommunen om området til borgere og samarbejdspartnere?' },
      {
        id: 'Bekymringer',
        overskrift: 'Håndtering af bekymringshenvendelser',
        spoergsmaal: 'Hvordan håndteres en bekymringshenvendelse, og kender medarbejderne fremgangsmåden?',
      },
    ],
  },
  {
    id: 'Organisation',
    navn: 'Organisation og samarbejde',
    felter: [
      {
        id: 'InterntSamarbejde',
        overskrift: 'Organisering og internt samarbejde',
        spoergsmaal: 'Hvordan er arbejdet organiseret på tværs af forvaltninger, og i hvilke fora mødes man hvor ofte?',
      },
      { id: 'Informationsdeling', overskrift: 'Informationsdeling', spoergsmaal: 'Hvordan deles information, og er der udfordringer med det?' },
      {
        id: 'EksterntSamarbejde',
        overskrift: 'Eksternt samarbejde',
        spoergsmaal: 'Hvordan samarbejdes der med politi, infohus, andre kommuner og civilsamfundet?',
      },
    ],
  },
  {
    id: 'Ressourcer',
    navn: 'Ressourcer og kompetencer',
    felter: [
      {
        id: 'Frontlinje',
        overskrift: 'Frontlinjepersonale',
        spoergsmaal: 'Ved frontlinjemedarbejderne, hvordan en bekymring håndteres? Er der en plan for at sikre den viden?',
      },
      {
        id: 'Ressourcer',
        overskrift: 'Dedikerede ressourcer',
        spoergsmaal: 'Hvilke medarbejdere arbejder særligt med området, og hvordan udvikles deres kompetencer?',
      },
    ],
  },
  {
    id: 'Aktiviteter',
    navn: 'Aktiviteter og resultater',
    felter: [
      { id: 'Aktiviteter', overskrift: 'Aktiviteter', spoergsmaal: 'Hvilke aktiviteter er gennemført på området det seneste år?' },
      {
        id: 'Resultater',
        overskrift: 'Resultater og opfølgning',
        spoergsmaal: 'Hvordan følges der op på aktiviteternes resultater og effekter?',
      },
    ],
  },
];

export function textFieldName(theme: Theme, field: TextField): string {
  return `Selv_${theme.id}_${field.id}`;
}

/** Number of prioritised themes the template has room for (one per theme). */
export const PRIORITY_SLOTS = THEMES.length;

/** The qualitative fields of the assessment beside the self-evaluation. */
export const QUALITATIVE = {
  ambitioner: {
    definedName: 'Ambitioner',
    overskrift: 'Ambitioner',
    spoergsmaal: 'Hvad er kommunens ambition for arbejdet med forebyggelse af ekstremisme og radikalisering?',
  },
  rekrutterendeMiljoeer: {
    definedName: 'Rekrutterende_Miljoeer',
    overskrift: 'Rekrutterende miljøer',
    spoergsmaal: 'Hvad ved kommunen om rekrutterende miljøer lokalt, og hvordan bliver den orienteret (fx af PET eller infohuset)?',
  },
  prioritet: {
    overskrift: 'Temaer prioriteret efter største forbedringspotentiale',
    temaName: (n: number) => `Prioritet_${n}_Tema`,
    forbedringerName: (n: number) => `Prioritet_${n}_Forbedringer`,
  },
} as const;
