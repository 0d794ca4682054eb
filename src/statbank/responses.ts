/**
 * StatBank API responses: zod schemas for what comes in, and the parsers that turn a body into
 * plain data. JSON-stat (1.x, `{"dataset": …}`) is read with jsonstat-toolkit; the CSV format
 * (UTF-8 with BOM, ";" and decimal comma) is read here. Pure: no network, no files.
 */
import JSONstat from 'jsonstat-toolkit';
import { z } from 'zod';

export const tableInfoSchema = z.object({
  id: z.string(),
  text: z.string(),
  description: z.string().optional(),
  unit: z.string().optional(),
  suppressedDataValue: z.string().optional(),
  updated: z.string().optional(),
  active: z.boolean().optional(),
  footnote: z.object({ text: z.string(), mandatory: z.boolean() }).nullable().optional(),
  variables: z
    .array(
      z.object({
        id: z.string(),
        text: z.string(),
        elimination: z.boolean().optional(),
        time: z.boolean().optional(),
        values: z.array(z.object({ id: z.string(), text: z.string() })),
      }),
    )
    .min(1),
});
export type TableInfo = z.infer<typeof tableInfoSchema>;

export const apiErrorSchema = z.object({ errorTypeCode: z.string(), message: z.string().optional() });
export type ApiError = z.infer<typeof apiErrorSchema>;

const jsonStatSchema = z.object({
  dataset: z.object({
    dimension: z.record(z.string(), z.unknown()),
    value: z.union([z.array(z.number().nullable()), z.record(z.string(), z.number().nullable())]),
  }),
});

/** A table's cells: one value per combination of codes, by variable id. */
export interface Cube {
  /** Variable ids in the order of the response, each with its codes. */
  dimensions: { id: string; codes: string[] }[];
  /** The value at the given codes (variables matched case-insensitively), null when missing or suppressed. */
  value(coords: Record<string, string>): number | null;
}

export class ParseError extends Error {}

function describeZod(err: z.ZodError): string {
  return err.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(rod)'}: ${i.message}`)
    .join('; ');
}

export function parseJson(body: string, what: string): unknown {
  try {
    return JSON.parse(body.replace(/^\uFEFF/, ''));
  } catch {
    throw new ParseError(`${what}: svaret er ikke gyldig JSON (${body.length} tegn, begynder "${body.slice(0, 40).replace(/\s+/g, ' ')}").`);
  }
}

export function parseTableInfo(body: string): TableInfo {
  const parsed = tableInfoSchema.safeParse(parseJson(body, 'tableinfo'));
  if (!parsed.success) throw new ParseError(`tableinfo har ikke den forventede form: ${describeZod(parsed.error)}`);
  return parsed.data;
}

export function parseApiError(body: string): ApiError | undefined {
  try {
    const parsed = apiErrorSchema.safeParse(JSON.parse(body.replace(/^\uFEFF/, '')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Finds a variable id case-insensitively (the API accepts "TID" for "Tid"). */
function matchKeys(ids: string[], coords: Record<string, string>): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  const upper = new Map(Object.entries(coords).map(([k, v]) => [k.toUpperCase(), v]));
  for (const id of ids) {
    const v = upper.get(id.toUpperCase());
    if (v !== undefined) out[id] = v;
  }
  return out;
}

export function parseJsonStat(body: string): Cube {
  const json = parseJson(body, 'data');
  const checked = jsonStatSchema.safeParse(json);
  if (!checked.success) throw new ParseError(`data er ikke JSON-stat: ${describeZod(checked.error)}`);
  const ds = JSONstat(json).Dataset(0);
  if (!ds || ds.class !== 'dataset') throw new ParseError('data: JSON-stat-svaret indeholder intet datasæt.');
  const dimensions = ds.id.map((id) => ({ id, codes: ds.Dimension(id)?.id ?? [] }));
  // Dimensions with a single category (ContentsCode, eliminated ones) need no coordinate.
  const single = Object.fromEntries(dimensions.filter((d) => d.codes.length === 1).map((d) => [d.id, d.codes[0]!]));
  return {
    dimensions,
    value(coords) {
      const full = { ...single, ...matchKeys(ds.id, coords) };
      if (Object.keys(full).length !== ds.id.length) return null;
      const cell = ds.Data(full, false) as unknown as number | null | undefined;
      return typeof cell === 'number' && Number.isFinite(cell) ? cell : null;
    },
  };
}

/** CSV: UTF-8 with BOM, ";" separated, CRLF, decimal comma; the last column (INDHOLD) holds the value. */
export function parseCsv(body: string): Cube {
  const lines = body.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.length > 0);
  const header = lines.shift()?.split(';');
  if (!header || header.length < 2) throw new ParseError('data: CSV-svaret har ingen overskriftslinje.');
  const keys = header.slice(0, -1);
  const cells = new Map<string, number | null>();
  const codes = keys.map(() => new Set<string>());
  for (const [n, line] of lines.entries()) {
    const fields = line.split(';');
    if (fields.length !== header.length) throw new ParseError(`data: CSV-linje ${n + 2} har ${fields.length} felter, ikke ${header.length}.`);
    const raw = fields[fields.length - 1]!.trim();
    const value = raw === '' || raw === '..' || raw === '-' ? null : Number(raw.replace(',', '.'));
    if (value !== null && !Number.isFinite(value)) throw new ParseError(`data: CSV-linje ${n + 2} har ikke et tal i sidste felt.`);
    keys.forEach((_, i) => codes[i]!.add(fields[i]!));
    cells.set(fields.slice(0, -1).join(';'), value);
  }
  return {
    dimensions: keys.map((id, i) => ({ id, codes: [...codes[i]!] })),
    value(coords) {
      const m = matchKeys(keys, coords);
      const single = keys.map((k, i) => m?.[k] ?? (codes[i]!.size === 1 ? [...codes[i]!][0]! : undefined));
      if (single.some((c) => c === undefined)) return null;
      return cells.get(single.join(';')) ?? null;
    },
  };
}
