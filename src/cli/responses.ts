/**
 * --save-responses DIR stores the raw StatBank responses of a pull, each with a sidecar that says
 * what request produced it (the format of the recorded fixtures); --responses DIR replays a pull
 * from such a folder with no network. A pull made once online thus becomes a test fixture.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { CITATION, DST_LICENCE } from '../model/sources';
import type { Fetch, RecordedResponse } from '../statbank/client';

function fileName(kind: string, table: string, lang: string): string {
  return kind === 'tableinfo' ? `tableinfo-${table.toUpperCase()}-${lang}.json` : `data-${table.toUpperCase()}-jsonstat-${lang}.json`;
}

export function responseSaver(dir: string): (r: RecordedResponse) => void {
  mkdirSync(dir, { recursive: true });
  return (r) => {
    const name = fileName(r.kind, r.table, r.lang);
    writeFileSync(path.join(dir, name), r.body);
    const sha = createHash('sha256').update(r.body).digest('hex');
    writeFileSync(
      path.join(dir, `${name}.source.txt`),
      [
        `Fixture: ${name}`,
        'Kind: real HTTP response body recorded by parathed fetch --save-responses',
        `Recorded at: ${new Date().toISOString()}`,
        `Licence of the data: Statistics Denmark, ${DST_LICENCE} ("${CITATION}")`,
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
  const norm = (u: URL) => JSON.stringify([...u.searchParams.entries()].sort(([x], [y]) => x.localeCompare(y)));
  return norm(a) === norm(b);
}

/** A fetch that answers from a folder of saved responses. */
export function replayFetch(dir: string): Fetch {
  if (!existsSync(dir)) throw new Error(`--responses ${dir}: mappen findes ikke.`);
  return async (url) => {
    const u = new URL(url);
    const kind = u.pathname.split('/').filter(Boolean).pop() ?? '';
    const table = (kind === 'tableinfo' ? u.searchParams.get('id') : u.searchParams.get('table')) ?? '';
    const name = fileName(kind, table, u.searchParams.get('lang') ?? 'da');
    const file = path.join(dir, name);
    if (!existsSync(file)) {
      const body = JSON.stringify({ errorTypeCode: 'REPLAY-NOTFOUND', message: `intet gemt svar ${name} i ${dir}` });
      return { status: 400, headers: { get: () => 'text/json; charset=utf-8' }, text: async () => body };
    }
    const source = existsSync(`${file}.source.txt`) ? readFileSync(`${file}.source.txt`, 'utf8') : '';
    // The saved response answers only the same request (same codes and periods).
    const saved = /^\s*GET (\S+)/m.exec(source)?.[1];
    if (saved && !sameQuery(new URL(saved), u)) {
      const body = JSON.stringify({ errorTypeCode: 'REPLAY-MISMATCH', message: `det gemte svar ${name} er til en anden forespørgsel (fx et andet --year)` });
      return { status: 400, headers: { get: () => 'text/json; charset=utf-8' }, text: async () => body };
    }
    const status = Number(/^Response status: (\d+)/m.exec(source)?.[1] ?? 200);
    const body = readFileSync(file, 'utf8');
    return { status, headers: { get: () => 'text/json; charset=utf-8' }, text: async () => body };
  };
}
