/**
 * Saved StatBank responses replayed with no network: the files `parathed fetch --save-responses`
 * writes (each response with a provenance sidecar), read from bytes so the CLI's `--responses DIR`
 * and the task pane's offline import (several files, or one zip) answer a pull the same way.
 *
 * Files are keyed by table and query: `tableinfo-FOLK1A-da.json`, and for data
 * `data-FOLK1A-<key>-jsonstat-da.json`, where <key> is the first 12 hex digits of the SHA-256 of
 * the request's format and sorted query, so several data requests for one table (a request split
 * along time) each keep their own file. A request with no saved response is reported as such
 * (REPLAY-MISSING, or REPLAY-MISMATCH when the table's saved responses answer other requests),
 * never as a refusal by Statistikbanken. Browser-safe (Web Crypto, fflate).
 */
import { unzipSync } from 'fflate';
import { KOMMUNER, type Kommune } from '../model/geography';
import { StatbankError, type Fetch } from './client';

export interface RequestParts {
  kind: 'tableinfo' | 'data' | 'other';
  table: string;
  lang: string;
  /** Data only: the response format in the path ("jsonstat"). */
  format?: string;
  /** Data only: what the file's key hashes (the format and the sorted query). */
  hashed?: string;
}

/** The query, sorted, as one string: the same request gives the same key whatever the order of its parameters. */
function sortedQuery(u: URL): string {
  const pairs: [string, string][] = [];
  u.searchParams.forEach((v, k) => pairs.push([k.toUpperCase(), v]));
  return JSON.stringify(pairs.sort(([a, x], [b, y]) => a.localeCompare(b) || x.localeCompare(y)));
}

/** What identifies a request: `tableinfo?id=T…` or the path form `data/{TABLE}/{FORMAT}?…`. */
export function requestParts(url: string): RequestParts {
  const u = new URL(url);
  const segments = u.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const lang = u.searchParams.get('lang') ?? 'da';
  const at = segments.lastIndexOf('data');
  if (at >= 0 && segments.length === at + 3) {
    const format = segments[at + 2]!.toLowerCase();
    return { kind: 'data', table: segments[at + 1]!.toUpperCase(), lang, format, hashed: `${format}\n${sortedQuery(u)}` };
  }
  if (segments[segments.length - 1] === 'tableinfo') return { kind: 'tableinfo', table: (u.searchParams.get('id') ?? '').toUpperCase(), lang };
  return { kind: 'other', table: '', lang };
}

/** The file a request's response is saved in ('' for a request that is not saved), given the SHA-256 (hex) of `parts.hashed`. */
export function responseFileName(parts: RequestParts, sha256Hex: string): string {
  if (parts.kind === 'data') return `data-${parts.table}-${sha256Hex.slice(0, 12)}-${parts.format}-${parts.lang}.json`;
  if (parts.kind === 'tableinfo') return `tableinfo-${parts.table}-${parts.lang}.json`;
  return '';
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The file a request's response is saved in, with what identifies the request. */
export async function requestFile(url: string): Promise<RequestParts & { name: string }> {
  const parts = requestParts(url);
  return { ...parts, name: responseFileName(parts, parts.hashed === undefined ? '' : await sha256Hex(parts.hashed)) };
}

/** The sidecar's first line of a response constructed for trying the tool (not Statistics Denmark's). */
export const CONSTRUCTED_KIND = 'Kind: constructed example served by parathed\'s StatBank test double, not Statistics Denmark\'s figures';

/**
 * The sidecar line of a constructed response that says which pull it was made for: the
 * municipality (StatBank code) and the year. Constructed tables give made-up figures for every
 * other municipality and year, so a replay answers only that pull (`SavedResponses.scopeProblem`).
 */
export const CONSTRUCTED_FOR = 'Constructed for:';

/** The sidecar line of constructed responses made for a pull for `kommune` (StatBank code) in `year`. */
export const constructedForLine = (kommune: string, year: number) => `${CONSTRUCTED_FOR} Kommune ${kommune}, year ${year}`;

/** The pull constructed responses were made for. */
export interface ConstructedScope {
  /** StatBank code of the municipality, "183". */
  kommune: string;
  year: number;
}

/** How the replay's messages name where the responses are and what to do instead. */
export interface ReplayWording {
  /** Where the saved responses are: "svar/" or "de importerede svar". */
  where: string;
  /** An example of another request: "fx et andet --year". */
  otherRequest: string;
  /** What to do about a mismatch: "hent igen uden --responses". */
  refetch: string;
  /** What to do about a missing response: "gem svarene med --save-responses". */
  save: string;
  /** How to make the one pull constructed responses answer: "brug --kommune 183 --year 2017". */
  madeFor: (kommune: Kommune, year: number) => string;
}

/** The wording of the task pane's offline import. */
export const IMPORT_WORDING: Omit<ReplayWording, 'where'> = {
  otherRequest: 'fx et andet år',
  refetch: 'hent igen med netværk, eller importér svar gemt til netop denne hentning',
  save: 'gem svarene med parathed fetch --save-responses på en computer med netværk',
  madeFor: (k, year) => `de kan kun bruges i en projektmappe for ${k.navn} med "Alle indikatorer fra ét år" og år ${year}`,
};

/** The pane's import, as its messages (the Tal screen's and its file worker's) say it. */
export const PANE_IMPORT_WORDING: ReplayWording = { ...IMPORT_WORDING, where: 'de importerede svar' };

/** A saved response's file, or its sidecar: the names `--save-responses` writes. */
const SAVED_FILE = /^(tableinfo|data)-[^/\\]+\.json(\.source\.txt)?$/;
/** At most this much text from an import (a pull's responses take a few megabytes). */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

export class ReplayImportError extends Error {}

/** Saved responses by file name, as `--save-responses` wrote them. */
export class SavedResponses {
  constructor(
    /** File name (without folder) → text. */
    readonly files: ReadonlyMap<string, string>,
    readonly wording: ReplayWording,
  ) {}

  /** From files (a folder's, or several chosen in the pane); other files are ignored, folders dropped from names. */
  static fromFiles(files: readonly { name: string; data: Uint8Array | string }[], wording: ReplayWording): SavedResponses {
    const decoder = new TextDecoder('utf-8');
    const map = new Map<string, string>();
    let total = 0;
    for (const f of files) {
      const name = baseName(f.name);
      if (!SAVED_FILE.test(name)) continue;
      total += typeof f.data === 'string' ? f.data.length : f.data.byteLength;
      if (total > MAX_IMPORT_BYTES) throw new ReplayImportError(`${wording.where}: de gemte svar fylder over ${MAX_IMPORT_BYTES / 1024 / 1024} MB; det er ikke svarene fra én hentning.`);
      map.set(name, typeof f.data === 'string' ? f.data : decoder.decode(f.data));
    }
    if (![...map.keys()].some((n) => n.endsWith('.json'))) {
      throw new ReplayImportError(`${wording.where}: ingen gemte svar (filer som tableinfo-FOLK1A-da.json og data-…-jsonstat-da.json, gemt med parathed fetch --save-responses).`);
    }
    return new SavedResponses(map, wording);
  }

  /** From files a user chose: one .zip is a zip of a folder of saved responses, anything else the files themselves. */
  static fromChosen(files: readonly { name: string; data: Uint8Array }[], wording: ReplayWording): SavedResponses {
    return files.length === 1 && /\.zip$/i.test(files[0]!.name) ? SavedResponses.fromZip(files[0]!.data, wording) : SavedResponses.fromFiles(files, wording);
  }

  /** From one zip of a folder of saved responses (folders inside it are fine). */
  static fromZip(bytes: Uint8Array, wording: ReplayWording): SavedResponses {
    let entries: Record<string, Uint8Array>;
    let total = 0;
    try {
      entries = unzipSync(bytes, {
        filter: (f) => {
          if (!SAVED_FILE.test(baseName(f.name))) return false;
          total += f.originalSize;
          if (total > MAX_IMPORT_BYTES) throw new ReplayImportError(`${wording.where}: zip-filens svar fylder over ${MAX_IMPORT_BYTES / 1024 / 1024} MB udpakket; det er ikke svarene fra én hentning.`);
          return true;
        },
      });
    } catch (err) {
      if (err instanceof ReplayImportError) throw err;
      throw new ReplayImportError(`${wording.where}: filen er ikke en gyldig zip-fil.`);
    }
    return SavedResponses.fromFiles(Object.entries(entries).map(([name, data]) => ({ name, data })), wording);
  }

  /** Whether the responses are constructed ones (then a pull cites them as such). */
  get constructed(): boolean {
    return [...this.files].some(([name, text]) => name.endsWith('.source.txt') && text.includes(CONSTRUCTED_KIND));
  }

  /**
   * The pull constructed responses were made for, when every constructed sidecar names the same
   * one; undefined when they are not constructed, or do not say (or disagree).
   */
  get madeFor(): ConstructedScope | undefined {
    const scopes = new Set<string>();
    for (const [name, text] of this.files) {
      if (!name.endsWith('.source.txt') || !text.includes(CONSTRUCTED_KIND)) continue;
      const m = /^Constructed for: Kommune (\d{3}), year (\d{4})\s*$/m.exec(text);
      scopes.add(m ? `${m[1]} ${m[2]}` : '');
    }
    const [only] = scopes;
    if (scopes.size !== 1 || !only) return undefined;
    const [kommune, year] = only.split(' ') as [string, string];
    return { kommune, year: Number(year) };
  }

  /**
   * Why these responses cannot answer a pull for `kommune` in `year` (undefined: every indicator
   * from the newest periods), in Danish; undefined when they can. Responses saved from Statistics
   * Denmark hold every municipality, so only constructed ones are limited: to the municipality
   * and year they were made for. Anything else would give made-up figures, such as 100 %
   * unemployment, without a word.
   */
  scopeProblem(kommune: Kommune, year: number | undefined): string | undefined {
    if (!this.constructed) return undefined;
    const scope = this.madeFor;
    const made = scope && KOMMUNER.find((k) => k.dstCode === scope.kommune);
    if (!scope || !made) {
      return `${this.wording.where}: svarene er et konstrueret eksempel, men siger ikke, hvilken kommune og hvilket år de er lavet til, så de bruges ikke (konstruerede tal for en anden kommune eller et andet år er opdigtede).`;
    }
    if (made.dstCode === kommune.dstCode && year === scope.year) return undefined;
    const asked = `${kommune.navn} (${kommune.dstCode}) ${year === undefined ? 'med hver indikators nyeste tal' : `i ${year}`}`;
    return `${this.wording.where}: svarene er et konstrueret eksempel, lavet til en hentning for ${made.navn} (${made.dstCode}) i ${scope.year}, og svarer ikke for ${asked}; tallene ville være opdigtede. For at prøve eksemplet: ${this.wording.madeFor(made, scope.year)}.`;
  }

  /** A fetch that answers from the saved responses. */
  fetch(): Fetch {
    const { where, otherRequest, refetch, save } = this.wording;
    return async (url) => {
      const key = await requestFile(url);
      const body = key.name ? this.files.get(key.name) : undefined;
      if (body === undefined) {
        const prefix = `${key.kind}-${key.table}-`;
        const others = key.kind === 'data' ? [...this.files.keys()].filter((f) => f.startsWith(prefix) && f.endsWith(`-${key.lang}.json`)) : [];
        if (others.length > 0) {
          throw new StatbankError('REPLAY-MISMATCH', key.table, `${key.table}: de gemte svar i ${where} er til en anden forespørgsel (REPLAY-MISMATCH; ${otherRequest}); ${refetch}.`);
        }
        throw new StatbankError(
          'REPLAY-MISSING',
          key.table || url,
          `${key.table || url}: intet gemt svar i ${where} til denne forespørgsel (REPLAY-MISSING: filen ${key.name || '(ukendt forespørgsel)'} mangler); ${save}.`,
        );
      }
      const source = this.files.get(`${key.name}.source.txt`) ?? '';
      // The saved response answers only the same request (same codes and periods).
      const saved = /^\s*GET (\S+)/m.exec(source)?.[1];
      if (saved && !sameQuery(new URL(saved), new URL(url))) {
        throw new StatbankError('REPLAY-MISMATCH', key.table, `${key.table}: det gemte svar ${key.name} er til en anden forespørgsel (REPLAY-MISMATCH; ${otherRequest}); ${refetch}.`);
      }
      const status = Number(/^Response status: (\d+)/m.exec(source)?.[1] ?? 200);
      return { status, headers: { get: () => 'text/json; charset=utf-8' }, text: async () => body };
    };
  }
}

function sameQuery(a: URL, b: URL): boolean {
  return a.pathname.split('/').slice(-3).join('/').toUpperCase() === b.pathname.split('/').slice(-3).join('/').toUpperCase() && sortedQuery(a) === sortedQuery(b);
}

const baseName = (name: string) => name.split(/[/\\]/).pop() ?? name;
