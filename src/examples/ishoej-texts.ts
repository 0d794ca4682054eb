/**
 * Short self-evaluation texts for the demo, written for it (not taken from the 2017 report), so
 * that its summary shows every section filled in. They describe an imagined municipality in
 * plain words consistent with the demo's ratings; they are not Ishøj Kommune's answers.
 */
export const DEMO_SELVEVALUERING: Record<string, string> = {
  Ledelse_Forankring: 'Direktionen har drøftet området én gang om året. Ansvaret ligger hos SSP-lederen.',
  Ledelse_Strategi: 'Forebyggelse af ekstremisme nævnes i SSP-strategien, men der er ingen selvstændig strategi.',
  Ledelse_Data: 'Der udarbejdes en årlig status til SSP-styregruppen; tallene bruges sjældent til at prioritere.',
  Ledelse_Registrering: 'Bekymringshenvendelser registreres i hver forvaltning for sig, uden et fælles overblik.',
  Beredskab_Beredskab: 'Der er en fast kontaktperson og en kendt vej til infohuset i politikredsen.',
  Beredskab_Indsats: 'Mentorforløb og exitsamtaler kan sættes i gang inden for få uger.',
  Beredskab_Kommunikation: 'Der er en beredskabsplan for kommunikation ved hændelser, senest afprøvet i 2016.',
  Beredskab_Bekymringer: 'Henvendelser håndteres af SSP-koordinatoren efter en uformel praksis.',
  Organisation_InterntSamarbejde: 'Skole, socialforvaltning og jobcenter mødes i SSP-regi, men uden fast mødekadence om området.',
  Organisation_Informationsdeling: 'Medarbejderne kender reglerne for udveksling af oplysninger, men er i tvivl i konkrete sager.',
  Organisation_EksterntSamarbejde: 'Samarbejdet med politiet og infohuset fungerer godt; boligsociale medarbejdere inddrages løbende.',
  Ressourcer_Frontlinje: 'Lærere og gadeplansmedarbejdere har fået et kursus i at spotte bekymrende adfærd.',
  Ressourcer_Ressourcer: 'Området har en halv stilling, finansieret af SSP-budgettet.',
  Aktiviteter_Aktiviteter: 'Dialogmøder med forældre og workshops i udskolingen om demokrati og fællesskab.',
  Aktiviteter_Resultater: 'Der følges op på antal deltagere; effekten af indsatserne måles ikke.',
};

export const DEMO_AMBITIONER =
  'Kommunen vil have en politisk godkendt handlingsplan, et fælles overblik over henvendelser og ledelsesinformation, der bruges til at prioritere.';

/** Improvement points per prioritised theme, by theme name. */
export const DEMO_FORBEDRINGER: Record<string, string> = {
  'Ledelse og strategisk forankring': 'En selvstændig strategi med politisk godkendelse; fast punkt på direktionens dagsorden.',
  'Beredskab og indsats': 'En skriftlig procedure for bekymringshenvendelser, kendt af alle forvaltninger.',
  'Organisation og samarbejde': 'Fast mødekadence i den tværgående gruppe med ledelsesrepræsentation.',
  'Ressourcer og kompetencer': 'Kompetenceudvikling for sagsbehandlere i socialforvaltningen.',
  'Aktiviteter og resultater': 'Opfølgning på effekten af mentorforløb.',
};

/** The reasons for the assessed ratings, by parameter id. */
export const DEMO_BEGRUNDELSER: Record<string, string> = {
  Strategi: 'Området indgår i SSP-strategien, men har ingen selvstændig strategi.',
  TvaergaaendeOrganisering: 'Der samarbejdes på tværs i praksis, men uden fast organisering.',
  PlanBekymringshenvendelser: 'Håndteringen er beskrevet, men beskrivelsen er ikke opdateret.',
  Registreringspraksis: 'Registreringen sker i den enkelte forvaltning uden fælles overblik.',
  Ledelsesinformation: 'Der udarbejdes ikke ledelsesinformation på området.',
};

export const DEMO_REKRUTTERENDE_MILJOEER = 'Ingen kendte miljøer i kommunen; politiet orienterer om enkeltpersoner i regionen, der søger kontakt med unge.';
