/**
 * The ten rated parameters. The first five are the municipality's own assessment from the
 * self-evaluation; the last five are assessed by the one preparing the readiness assessment, each
 * with a four-level operationalisation (the report's "Operationalisering" table). The total score
 * is the mean across all ten.
 */
export type ParameterKind = 'egen' | 'vurdering';

export interface Parameter {
  /** Stable id, used in JSON and as the suffix of the workbook's defined name. */
  readonly id: string;
  readonly kind: ParameterKind;
  /** Danish display name. */
  readonly navn: string;
  /** Workbook-level defined name of the rating cell (a fixed contract). */
  readonly definedName: string;
  /** The question asked (self-rated parameters) or what is assessed (assessed parameters). */
  readonly spoergsmaal: string;
  /** Self-evaluation theme the parameter belongs to (ThemeId). */
  readonly tema: string;
  /**
   * The operationalisation: what each level 1..4 means, indexed by rating - 1. Self-rated
   * parameters have none: the municipality answers the question on the plain scale.
   */
  readonly rubrik: readonly [string, string, string, string] | null;
}

export const PARAMETERS: readonly Parameter[] = [
  {
    id: 'Beredskab',
    kind: 'egen',
    navn: 'Beredskab',
    definedName: 'Egen_Beredskab',
    spoergsmaal: 'Kommunen har et etableret beredskab til forebyggelse?',
    tema: 'Beredskab',
    rubrik: null,
  },
  {
    id: 'Indsatser',
    kind: 'egen',
    navn: 'Indsatser',
    definedName: 'Egen_Indsatser',
    spoergsmaal: 'Kommunen har en plan for indsatser til forebyggelse?',
    tema: 'Beredskab',
    rubrik: null,
  },
  {
    id: 'InterntSamarbejde',
    kind: 'egen',
    navn: 'Internt samarbejde',
    definedName: 'Egen_InterntSamarbejde',
    spoergsmaal: 'Fungerer det interne samarbejde efter hensigten?',
    tema: 'Organisation',
    rubrik: null,
  },
  {
    id: 'EksterntSamarbejde',
    kind: 'egen',
    navn: 'Eksternt samarbejde',
    definedName: 'Egen_EksterntSamarbejde',
    spoergsmaal: 'Fungerer det eksterne samarbejde efter hensigten?',
    tema: 'Organisation',
    rubrik: null,
  },
  {
    id: 'Kompetencer',
    kind: 'egen',
    navn: 'Kompetencer',
    definedName: 'Egen_Kompetencer',
    spoergsmaal: 'Medarbejderne har de nødvendige kompetencer?',
    tema: 'Ressourcer',
    rubrik: null,
  },
  {
    id: 'Strategi',
    kind: 'vurdering',
    navn: 'Strategi',
    definedName: 'Vurd_Strategi',
    spoergsmaal: 'Findes der en strategi på området?',
    tema: 'Ledelse',
    rubrik: [
      'Der findes ingen strategi på området',
      'Området nævnes perifært i en anden områdestrategi fx inden for SSP',
      'Der er en selvstændig strategi for forebyggelse af ekstremisme eller strategien indgår som delelement i fx en samlet forebyggelsesstrategi',
      'Kommunen har en strategi for forebyggelse af ekstremisme og radikalisering, der er politisk godkendt',
    ],
  },
  {
    id: 'TvaergaaendeOrganisering',
    kind: 'vurdering',
    navn: 'Tværgående organisering',
    definedName: 'Vurd_TvaergaaendeOrganisering',
    spoergsmaal: 'Er der en tværgående organisering på området?',
    tema: 'Organisation',
    rubrik: [
      'Der er ingen tværgående organisering på området, der fx kun er koblet op på én medarbejder',
      'Der sker en tværgående organisering i praksis, men der er fx ikke etableret et systematisk samarbejde på tværs',
      'Der er etableret en tværgående organisering med inddragelse af flere fagforvaltninger, men der er fx ikke fastlagt mødekadence og deltagere',
      'Kommunen har en fast etableret og fuldt funktionel tværfaglig organisering på området med fast mødekadence og ledelsesrepræsentation',
    ],
  },
  {
    id: 'PlanBekymringshenvendelser',
    kind: 'vurdering',
    navn: 'Plan for bekymringshenvendelser',
    definedName: 'Vurd_PlanBekymringshenvendelser',
    spoergsmaal: 'Er der en plan for håndtering af bekymringshenvendelser?',
    tema: 'Beredskab',
    rubrik: [
      'Der findes ingen fast tilgang for håndtering af bekymringshenvendelser',
      'Der er en funktionel uformel ad hoc og personafhængig håndtering af bekymringshenvendelser',
      'Der er en beskrivelse af kommunens håndtering af henvendelser, som ikke er opdateret, endelig godkendt e.l.',
      'Der foreligger en udtømmende og funktionelt anvendt beskrivelse af kommunens håndtering af bekymringshenvendelser',
    ],
  },
  {
    id: 'Registreringspraksis',
    kind: 'vurdering',
    navn: 'Etableret registreringspraksis',
    definedName: 'Vurd_Registreringspraksis',
    spoergsmaal: 'Er der en etableret registreringspraksis?',
    tema: 'Ledelse',
    rubrik: [
      'Der registreres ikke bekymringshenvendelser og sager i kommunalt regi',
      'Henvendelser og sager registreres for en udvalgt gruppe borgere (fx børn og unge), men der er intet fælles overblik',
      'Henvendelser og sager registreres for alle borgere, men der er intet fælles overblik',
      'Henvendelser og sager registreres systematisk, og der er et fælles tværgående overblik',
    ],
  },
  {
    id: 'Ledelsesinformation',
    kind: 'vurdering',
    navn: 'Anvendelse af ledelsesinformation',
    definedName: 'Vurd_Ledelsesinformation',
    spoergsmaal: 'Anvendes der ledelsesinformation på området?',
    tema: 'Ledelse',
    rubrik: [
      'Der anvendes ikke ledelsesinformation',
      'Der udarbejdes ad hoc ledelsesinformation på området',
      'Ledelsesinformation udarbejdes systematisk, men anvendes ikke',
      'Ledelsesinformation udarbejdes og anvendes systematisk',
    ],
  },
];

export const SELF_PARAMETERS = PARAMETERS.filter((p) => p.kind === 'egen');
export const ASSESSED_PARAMETERS = PARAMETERS.filter((p) => p.kind === 'vurdering');

export const PARAMETER_KIND_LABEL: Record<ParameterKind, string> = {
  egen: 'Kommunens egen vurdering',
  vurdering: 'Vurdering af parametre',
};
