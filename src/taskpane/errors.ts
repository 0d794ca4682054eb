/**
 * Errors from Excel, in Danish, each saying what to do: the adapter's own refusals carry their
 * message; Office.js errors are known by their code.
 */
import { OfficeAdapterError, errorCode } from '../office/errors';
import { ExpectationError } from '../workbook/port';

export function danishError(err: unknown, what: string): string {
  if (err instanceof OfficeAdapterError) return err.message;
  if (err instanceof ExpectationError) return err.message;
  const code = errorCode(err);
  switch (code) {
    case 'AccessDenied':
      return `${what} lykkedes ikke: arket er beskyttet, eller projektmappen er skrivebeskyttet. Fjern beskyttelsen (Gennemse → Fjern arkbeskyttelse), eller åbn projektmappen, så den kan redigeres, og prøv igen.`;
    case 'ApiNotFound':
    case 'NotImplemented':
      return `${what} lykkedes ikke: denne udgave af Excel mangler en funktion, som tilføjelsesprogrammet bruger. Opdater Excel, eller brug Excel på internettet.`;
    case 'ItemNotFound':
      return `${what} lykkedes ikke: et ark eller en navngiven celle, som skabelonen bruger, findes ikke længere. Se Tjek, eller indsæt skabelonen i en ny projektmappe.`;
    case 'InvalidOperationInCellEditMode':
      return `${what} lykkedes ikke, fordi en celle er ved at blive redigeret i Excel. Tryk Enter eller Esc i cellen, og prøv igen.`;
    case 'ConnectionFailure':
    case 'GeneralException':
    case 'ServiceNotAvailable':
    case 'RequestAborted':
      return `${what} lykkedes ikke: forbindelsen til Excel blev afbrudt. Gem projektmappen, luk ruden, og åbn den igen fra fanen Hjem (Parathedsvurdering).`;
  }
  if (err instanceof TypeError) {
    return `${what} lykkedes ikke: denne udgave af Excel mangler en funktion, som tilføjelsesprogrammet bruger (${err.message}). Opdater Excel, eller brug Excel på internettet.`;
  }
  const detail = err instanceof Error && err.message ? ` (${err.message})` : '';
  return `${what} lykkedes ikke på grund af en uventet fejl${detail}. Prøv igen; sker det igen, så luk ruden og åbn den igen.`;
}

/** A number as the sheet shows it: one decimal, Danish decimal comma. */
export function formatScore(v: unknown): string {
  return typeof v === 'number' ? v.toFixed(1).replace('.', ',') : '–';
}
