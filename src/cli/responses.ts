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
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { CITATION, DST_LICENCE } from '../model/sources';
import type { Fetch, RecordedResponse } from '../statbank/client';
import type { Kommune } from '../model/geography';
import { CONSTRUCTED_KIND, SavedResponses, constructedForLine, requestParts, responseFileName, type ConstructedScope } from '../statbank/replay';

export { CONSTRUCTED_KIND };

/** The file a request's response is saved in (the core's key, hashed here synchronously). */
export function requestKey(url: string): { kind: 'tableinfo' | 'data' | 'other'; table: string; lang: string; name: string } {
  const parts = requestParts(url);
  const hex = parts.hashed === undefined ? '' : createHash('sha256').update(parts.hashed).digest('hex');
  return { kind: parts.kind, table: parts.table, lang: parts.lang, name: responseFileName(parts, hex) };
}

/**
 * Saves every response; the folder is made with the first one, so a pull that received nothing
 * leaves none. `constructed` marks responses that are not Statistics Denmark's (the shipped
 * example), with the one pull they were made for: they answer only that pull.
 */
export function responseSaver(dir: string, constructed?: ConstructedScope): (r: RecordedResponse) => void {
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
        ...(constructed ? [CONSTRUCTED_KIND, constructedForLine(constructed.kommune, constructed.year)] : ['Kind: real HTTP response body recorded by parathed fetch --save-responses']),
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

/** The saved responses of a folder, as the core replays them (the pane's import reads the same files). */
function savedIn(dir: string): SavedResponses {
  if (!existsSync(dir)) throw new Error(`--responses ${dir}: mappen findes ikke.`);
  if (!statSync(dir).isDirectory()) throw new Error(`--responses ${dir}: er en fil, ikke en mappe.`);
  // Only the files directly in the folder: a subfolder (__MACOSX from an unzipped archive, a
  // folder unpacked beside the responses) is no saved response and is skipped.
  const files = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isFile() || (d.isSymbolicLink() && statSync(path.join(dir, d.name), { throwIfNoEntry: false })?.isFile()))
    .map(({ name }) => ({ name, data: readFileSync(path.join(dir, name)) }));
  return new SavedResponses(
    new Map(files.filter((f) => /\.json(\.source\.txt)?$/.test(f.name)).map((f) => [f.name, f.data.toString('utf8')])),
    { where: dir, otherRequest: 'fx et andet --year', refetch: 'hent igen uden --responses', save: 'gem svarene med --save-responses', madeFor: (k, year) => `brug --kommune ${k.navn} --year ${year}` },
  );
}

/**
 * A fetch that answers from a folder of saved responses. A request with no saved response is
 * reported as such (REPLAY-MISSING, or REPLAY-MISMATCH when the table's saved responses answer
 * other requests, e.g. another --year), never as a refusal by Statistikbanken.
 */
export function replayFetch(dir: string): Fetch {
  return savedIn(dir).fetch();
}

/** Whether a folder of saved responses holds constructed ones (then a pull cites them as such). */
export function replayIsConstructed(dir: string): boolean {
  return savedIn(dir).constructed;
}

/**
 * Why the saved responses of a folder cannot answer a pull for `kommune` in `year` (constructed
 * ones answer only the pull they were made for), or undefined: the core's one rule.
 */
export function replayScopeProblem(dir: string, kommune: Kommune, year: number | undefined): string | undefined {
  return savedIn(dir).scopeProblem(kommune, year);
}
