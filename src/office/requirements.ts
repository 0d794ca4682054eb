/// <reference types="office-js" />
/**
 * The Office.js requirement sets the adapter uses, and what to tell a user whose Excel lacks
 * them. The manifest does not demand them (so the add-in still opens and can say what is
 * missing); the pane checks them at run time.
 */

export interface RequirementSet {
  name: 'ExcelApi';
  version: string;
  /** What the add-in uses it for, in Danish. */
  usedFor: string;
}

export const REQUIRED_SETS: readonly RequirementSet[] = [
  { name: 'ExcelApi', version: '1.4', usedFor: 'navngivne celler og områder' },
  { name: 'ExcelApi', version: '1.6', usedFor: 'betinget formatering' },
  { name: 'ExcelApi', version: '1.7', usedFor: 'arkbeskyttelse, arkfanefarver og frosne rækker' },
  { name: 'ExcelApi', version: '1.8', usedFor: 'datavalidering (rullelister og tilladte værdier)' },
];

/** The Excel versions that have every set above (ExcelApi 1.8), as the README states them. */
export const SUPPORTED_EXCEL = 'Excel på internettet, Excel til Microsoft 365 (Windows og Mac), Excel 2019 eller nyere';

export type IsSetSupported = (name: string, version: string) => boolean;

export function missingSets(isSetSupported: IsSetSupported): RequirementSet[] {
  return REQUIRED_SETS.filter((s) => !isSetSupported(s.name, s.version));
}

/** The Danish message for a host that lacks sets, or undefined when it has them all. */
export function missingSetsMessage(missing: readonly RequirementSet[]): string | undefined {
  if (!missing.length) return undefined;
  const what = missing.map((s) => `${s.name} ${s.version} (${s.usedFor})`).join(', ');
  return `Denne udgave af Excel mangler ${what}. Parathedsvurdering kræver ${SUPPORTED_EXCEL}.`;
}
