/** Statistics Denmark as a source: its name, the citation its licence asks for, and the licence. */
export const DST_NAME = 'Danmarks Statistik';
/** The attribution every figure from StatBank carries (CC BY 4.0). */
export const CITATION = `Kilde: ${DST_NAME}`;
export const DST_LICENCE = 'CC BY 4.0';
