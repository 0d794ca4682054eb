/**
 * --save-responses DIR stores the raw StatBank responses of a pull, each with a sidecar that says
 * what request produced it (the format of the recorded fixtures); --responses DIR replays a pull
 * from such a folder with no network. A pull made once online thus becomes a test fixture.
 *
 * Files are keyed by table and query: `tableinfo-FOLK1A-da.json`, and for data
 * `data-FOLK1A-<key>-jsonstat-da.json`, where <key> is a short hash of the request's path and
 * sorted query, so several data requests for one table (a request split along time) each keep
 * their own file.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { CITATION, DST_LICENCE } from '../model/sources';
import { StatbankError, type Fetch, type RecordedResponse } from '../statbank/client';

interface RequestKey {
  kind: 'tableinfo' | 'data' | 'other';
  table: string;
  lang: string;
  /** The file the response is saved in. */
  name: string;
}

/** The query, sorted, as one string: the same request gives the same key whatever the order of its parameters. */
const sortedQuery = (u: URL) =>
  JSON.stringify([...u.searchParams.entries()].map(([k, v]) => [k.toUpperCase(), v] as const).sort(([a, x], [b, y]) => a.localeCompare(b) || x.localeCompare(y)));

/** The file of a request: `tableinfo?id=T…` or the path form `data/{TABLE}/{FORMAT}?…`. */
export function requestKey(url: string): RequestKey {
  const u = new URL(url);
  const segments = u.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const lang = u.searchParams.get('lang') ?? 'da';
  const at = segments.lastIndexOf('data');
  if (at >= 0 && segments.length === at + 3) {
    const table = segments[at + 1]!.toUpperCase();
    const format = segments[at + 2]!.toLowerCase();
    const key = createHash('sha256').update(`${format}\n${sortedQuery(u)}`).digest('hex').slice(0, 12);
    return { kind: 'data', table, lang, name: `data-${table}-${key}-${format}-${lang}.json` };
  }
  if (segments[segments.length - 1] === 'tableinfo') {
    const table = (u.searchParams.get('id') ?? '').toUpperCase();
    return { kind: 'tableinfo', table, lang, name: `tableinfo-${table}-${lang}.json` };
  }
  return { kind: 'other', table: '', lang, name: '' };
}

/** The sidecar's first line of a response constructed for trying the tool (not Statistics Denmark's). */
export const CONSTRUCTED_KIND = 'Kind: constructed example served by parathed\'s StatBank test double, not Statistics Denmark\'s figures';

/**
 * Saves every response; the folder is made with the first one, so a pull that received nothing
 * leaves none. `constructed` marks responses that are not Statistics Denmark's (the shipped example).
 */
export function responseSaver(dir: string, constructed = false): (r: RecordedResponse) => void {
  let made = false;
  return (r) => {
    const { name } = requestKey(r.url);
    if (!name) return;
    if (!made) {
      mkdirSync(dir, { recursive: true });
      made = true;
    }
    writeFileSync(path.join(dir, name), r.body);
    const sha = createHash('sha256').update(r.body).digest('hex');
    writeFileSync(
      path.join(dir, `${name}.source.txt`),
      [
        `Fixture: ${name}`,
        constructed ? CONSTRUCTED_KIND : 'Kind: real HTTP response body recorded by parathed fetch --save-responses',
        `Recorded at: ${new Date().toISOString()}`,
        constructed ? 'Licence of the data: none, the figures are constructed' : `Licence of the data: Statistics Denmark, ${DST_LICENCE} ("${CITATION}")`,
        '',
        'Request:',
        `  GET ${r.url}`,
        '',
        `Response status: ${r.status}`,
        `Content-Type: ${r.contentType ?? ''}`,
        '',
        `Body: ${Buffer.byteLength(r.body)} bytes, sha256 ${sha}`,
        '',
      ].join('\n'),
    );
  };
}

function sameQuery(a: URL, b: URL): boolean {
  return a.pathname.split('/').slice(-3).join('/').toUpperCase() === b.pathname.split('/').slice(-3).join('/').toUpperCase() && sortedQuery(a) === sortedQuery(b);
}

/**
 * A fetch that answers from a folder of saved responses. A request with no saved response is
 * reported as such (REPLAY-MISSING, or REPLAY-MISMATCH when the table's saved responses answer
 * other requests, e.g. another --year), never as a refusal by Statistikbanken.
 */
export function replayFetch(dir: string): Fetch {
  if (!existsSync(dir)) throw new Error(`--responses ${dir}: mappen findes ikke.`);
  return async (url) => {
    const key = requestKey(url);
    const file = path.join(dir, key.name);
    if (!key.name || !existsSync(file)) {
      const prefix = `${key.kind}-${key.table}-`;
      const others = key.kind === 'data' ? readdirSync(dir).filter((f) => f.startsWith(prefix) && f.endsWith(`-${key.lang}.json`)) : [];
      if (others.length > 0) {
        throw new StatbankError('REPLAY-MISMATCH', key.table, `${key.table}: de gemte svar i ${dir} er til en anden forespørgsel (REPLAY-MISMATCH; fx et andet --year); hent igen uden --responses.`);
      }
      throw new StatbankError(
        'REPLAY-MISSING',
        key.table || url,
        `${key.table || url}: intet gemt svar i ${dir} til denne forespørgsel (REPLAY-MISSING: filen ${key.name || '(ukendt forespørgsel)'} mangler); gem svarene med --save-responses.`,
      );
    }
    const source = existsSync(`${file}.source.txt`) ? readFileSync(`${file}.source.txt`, 'utf8') : '';
    // The saved response answers only the same request (same codes and periods).
    const saved = /^\s*GET (\S+)/m.exec(source)?.[1];
    if (saved && !sameQuery(new URL(saved), new URL(url))) {
      throw new StatbankError('REPLAY-MISMATCH', key.table, `${key.table}: det gemte svar ${key.name} er til en anden forespørgsel (REPLAY-MISMATCH; fx et andet --year); hent igen uden --responses.`);
    }
    const status = Number(/^Response status: (\d+)/m.exec(source)?.[1] ?? 200);
    const body = readFileSync(file, 'utf8');
    return { status, headers: { get: () => 'text/json; charset=utf-8' }, text: async () => body };
  };
}

/** Whether a folder of saved responses holds constructed ones (then a pull cites them as such). */
export function replayIsConstructed(dir: string): boolean {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.source.txt'))
    .some((f) => readFileSync(path.join(dir, f), 'utf8').includes(CONSTRUCTED_KIND));
}
