/**
 * Defined names of the template's fixed cells, and the summary sheet's name, that the pane's first
 * script needs too (this module imports nothing, so it stays out of the schemas' weight).
 * `indicators.ts` and `summary.ts` re-export them.
 */
export const KOMMUNE_NAMES = {
  navn: 'Kommune_Navn',
  kode: 'Kommune_Kode',
  region: 'Kommune_Region',
  politikreds: 'Kommune_Politikreds',
  indbyggere: 'Kommune_Indbyggere',
  indbyggerePeriode: 'Kommune_Indbyggere_Periode',
  /** The municipality whose figures the last pull wrote (its StatBank code), written by the pull. */
  hentetKode: 'Hentet_Kommune_Kode',
} as const;

/** The date the assessment was made. */
export const VURDERING_DATO_NAME = 'Vurdering_Dato';

export const TEMPLATE_VERSION_NAME = 'Template_Version';

/** The sheet of the Ledelsesresumé. */
export const SUMMARY_SHEET = 'Ledelsesresumé';

/** The hidden sheet holding the previous cycle's values, which the summary's "Sidste vurdering" column refers to. */
export const PREVIOUS_SHEET = 'Sidste vurdering';

/** What the summary and the comparison show for a blank Vurdering_Dato (every 1.0 workbook has none). */
export const UNKNOWN_DATE = 'dato ukendt';
