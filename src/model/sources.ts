/** Statistics Denmark as a source: its name, the citation its licence asks for, and the licence. */
export const DST_NAME = 'Danmarks Statistik';
/** The attribution every figure from StatBank carries (CC BY 4.0). */
export const CITATION = `Kilde: ${DST_NAME}`;
export const DST_LICENCE = 'CC BY 4.0';

/** Where a pull's figures come from, as the workbook names and cites it. */
export interface FigureSource {
  /** In the Kilde cells: "Danmarks Statistik, AULKP01". */
  name: string;
  /** After the retrieval time and beside the population: "Kilde: Danmarks Statistik". */
  citation: string;
}

export const STATBANK_SOURCE: FigureSource = { name: DST_NAME, citation: CITATION };

/** Figures from responses constructed for trying the tool (the shipped example, the tests): never cited as Statistics Denmark. */
export const CONSTRUCTED_SOURCE: FigureSource = {
  name: 'Konstrueret eksempel (ikke Danmarks Statistiks tal)',
  citation: 'Kilde: konstrueret eksempel, ikke Danmarks Statistik',
};
