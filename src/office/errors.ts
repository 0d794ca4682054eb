/**
 * What the Office adapter tells the user when it refuses or fails: Danish messages, with the
 * details a program needs (which sheets, which names) as properties.
 */

const list = (items: readonly string[]) => items.map((s) => `"${s}"`).join(', ');

/** Base class: every error the adapter throws on purpose carries a Danish message for the pane. */
export class OfficeAdapterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Sheets the write would put already exist: the adapter never overwrites a user's sheet. */
export class SheetConflictError extends OfficeAdapterError {
  constructor(readonly sheets: readonly string[]) {
    super(
      `Projektmappen har allerede ${sheets.length === 1 ? 'et ark' : 'ark'} med ${sheets.length === 1 ? 'navnet' : 'navnene'} ${list(sheets)}. ` +
        `Skabelonen overskriver aldrig eksisterende ark: omdøb eller slet ${sheets.length === 1 ? 'det' : 'dem'}, eller indsæt skabelonen i en ny, tom projektmappe.`,
    );
  }
}

/** Defined names the write would add already exist and point somewhere else. */
export class NameConflictError extends OfficeAdapterError {
  constructor(readonly names: readonly string[]) {
    const shown = names.slice(0, 5);
    super(
      `Projektmappen har allerede ${names.length === 1 ? 'navnet' : `${names.length} navne`} ${list(shown)}${names.length > shown.length ? ' m.fl.' : ''}, ` +
        'som peger et andet sted hen. Intet er ændret: fjern navnene (Formler → Navnestyring), eller brug en ny, tom projektmappe.',
    );
  }
}

/** What a write needs is not in the workbook (a sheet, a defined name). Nothing was written. */
export class MissingTargetError extends OfficeAdapterError {
  constructor(readonly missing: readonly string[]) {
    super(`Projektmappen mangler ${list(missing)}. Intet er ændret.`);
  }
}

/** Excel refused part of a write. `rolledBack` tells whether what was written before was undone. */
export class OfficeWriteError extends OfficeAdapterError {
  constructor(
    override readonly cause: unknown,
    readonly rolledBack: boolean,
    readonly touchedSheets: readonly string[],
  ) {
    const code = errorCode(cause);
    super(
      `Excel afviste ændringen${code ? ` (${code})` : ''}. ` +
        (rolledBack
          ? 'Det, der nåede at blive skrevet, er fjernet igen: projektmappen er som før.'
          : `Det, der nåede at blive skrevet, kunne ikke fjernes igen: kontrollér ${touchedSheets.length ? `arkene ${list(touchedSheets)}` : 'projektmappen'}, før du bruger tallene.`),
    );
  }
}

/** The error code Office.js gives ("ItemNotFound", "InvalidArgument", ...), if any. */
export function errorCode(err: unknown): string | undefined {
  if (err && typeof err === 'object' && 'code' in err && typeof (err as { code: unknown }).code === 'string') return (err as { code: string }).code;
  return undefined;
}
