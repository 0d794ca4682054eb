/**
 * The form of a StatBank definition, as data: which table, which codes of each variable, and
 * how the figure is computed from the cells (a value, or a sum of codes divided by a sum of
 * codes, possibly from a second table). The built-in definitions live with the indicators
 * (`DEFAULT_DEFINITIONS` in `indicators.ts`); users can override them with a JSON file of the
 * same shape (`--definitions FILE`) when Statistics Denmark renames a table or a code, without
 * waiting for a release. Codes are checked against the table's `tableinfo` before any data
 * request.
 */
import { z } from 'zod';

const code = z.string().min(1);
const variable = z.string().min(1);

/**
 * One value of a variable: its code ("118"), or its label in the table's `tableinfo`
 * ({"label": "Personer i gruppen (antal)"}), matched ignoring case and spacing. A label that no
 * longer matches fails the indicator and lists the labels the table has.
 */
export const selectorSchema = z.union([code, z.object({ label: z.string().min(1) }).strict()]);
export type Selector = z.infer<typeof selectorSchema>;

/** A selection in one table: the sum over every combination of the codes given. */
export const termSchema = z.object({
  table: z.string().regex(/^[A-Za-z0-9_]+$/, 'Et tabelnavn består af bogstaver og tal, fx FOLK1A.'),
  /** The variable holding the areas (OMRÅDE, BOPOMR …). */
  area: variable,
  /** Codes (or labels) of the other variables; every combination is summed. */
  select: z.record(variable, z.array(selectorSchema).min(1)),
  /**
   * Codes (or labels) to include where the table has them and to leave out (with a note) where it
   * does not, for example offence groups a table may lack.
   */
  optional: z.record(variable, z.array(selectorSchema).min(1)).optional(),
  /**
   * The rows summed may count the same person more than once (a person found guilty under two
   * acts is in both rows): the sum is then an upper bound of the persons, and the note says so.
   */
  overlapping: z.boolean().optional(),
});
export type Term = z.infer<typeof termSchema>;

export const figureSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('value'),
    term: termSchema,
    /** Multiplier applied to the value: 0.01 turns a percent into the fraction the workbook holds. */
    scale: z.number().positive().default(1),
    /**
     * Whether values add up across areas (counts do; means and percentages do not). Only then may
     * a region's figure missing from the table be computed from its municipalities.
     */
    additive: z.boolean().default(false),
    /**
     * A mean (kr. per person) for a region or the country the table has no row for, computed
     * exactly from its municipalities: the sum of their totals (`total`, in units of `totalUnit`
     * kr.) times `totalUnit`, over the sum of their persons (`count`), both values of `variable`.
     * Checked against the table's own country row before it is used.
     */
    meanFromTotals: z
      .object({
        variable,
        total: selectorSchema,
        count: selectorSchema,
        totalUnit: z.number().positive(),
      })
      .optional(),
  }),
  z.object({
    kind: z.literal('share'),
    numerator: termSchema,
    denominator: termSchema,
    /**
     * How the denominator's period follows the numerator's: the same code, or (for a yearly
     * count over a quarterly population) the first quarter of the same year.
     */
    denominatorPeriod: z.enum(['same', 'firstQuarterOfYear']).default('same'),
  }),
]);
export type FigureDefinition = z.infer<typeof figureSchema>;

export const statbankIndicatorSchema = z.object({
  /** The model's indicator id, or "Folketal" for the population in the overview. */
  indicator: z.string().min(1),
  figure: figureSchema,
});
export type StatbankIndicator = z.infer<typeof statbankIndicatorSchema>;

export const definitionsSchema = z.object({
  indicators: z.array(statbankIndicatorSchema).min(1),
});
export type Definitions = z.infer<typeof definitionsSchema>;

export const POPULATION_ID = 'Folketal';

/** How many periods, ending with the one written, a pull keeps for the trend. */
export const TREND_LENGTH = 5;

/** The whole population of an area (FOLK1A): the overview's Folketal, and a share's denominator. */
export const FOLK1A_POPULATION: Term = { table: 'FOLK1A', area: 'OMRÅDE', select: { KØN: ['TOT'], ALDER: ['IALT'], CIVILSTAND: ['TOT'] } };

/** A StatBank source of an indicator as the model states it: its kind follows from the indicator. */
export type ValueSource = Omit<Extract<z.input<typeof figureSchema>, { kind: 'value' }>, 'kind'>;
export type ShareSource = Omit<Extract<z.input<typeof figureSchema>, { kind: 'share' }>, 'kind'>;
export type StatbankSource = ValueSource | ShareSource;

/** The selections a figure reads: its value, or its numerator and denominator. */
export const termsOf = (f: FigureDefinition): Term[] => (f.kind === 'value' ? [f.term] : [f.numerator, f.denominator]);

/** The tables a set of definitions reads, each once (upper case, as the API compares them). */
export function tablesOf(defs: Definitions): string[] {
  return [...new Set(defs.indicators.flatMap((d) => termsOf(d.figure).map((t) => t.table.toUpperCase())))];
}
