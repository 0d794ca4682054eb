/**
 * Statistics Denmark in the pane, through the workbook port and the core's one pull flow (the
 * same `pull`, `PullSession` and "Nye tal?" check as `parathed fetch`): no React, no Office.js.
 * Loaded on first use (its own chunk), so the pane's first script stays small.
 *
 * The browser calls the API itself with plain GET requests (no custom headers), or answers from
 * responses saved with `parathed fetch --save-responses` and imported as files or a zip.
 */
import { findKommuneByName } from '../model/geography';
import { DEFAULT_DEFINITIONS, INDICATORS, PROVENANCE, indicatorSourceName, provenanceName } from '../model/indicators';
import { POPULATION_ID } from '../model/statbank';
import { CONSTRUCTED_SOURCE, STATBANK_SOURCE } from '../model/sources';
import { BROWSER_ROUTE, baseUrlSetting } from '../statbank/browser-network';
import { StatbankClient, type Fetch } from '../statbank/client';
import { checkForNewer, type FreshnessReport } from '../statbank/freshness';
import { PullCancelled, pull, type TableProgress } from '../statbank/pull';
import { PANE_IMPORT_WORDING, ReplayImportError, SavedResponses } from '../statbank/replay';
import { PullSession, type IndicatorProgress, type PullPreview, type SessionRun, type TypedChoice } from '../statbank/session';
import { dataContentFrom, dataRequest } from '../workbook/data-reader';
import type { WorkbookPort } from '../workbook/port';
import { assessmentFrom, assessmentRequest, type WorkbookRead } from '../workbook/reader';
import { tableUpdates } from '../workbook/sheets/log';
import { ReadView, combineRequests } from '../workbook/view';

/** Files the user chose to import: saved responses, or one zip of them. */
export interface ImportedFile {
  name: string;
  bytes: Uint8Array;
}

/** Where the figures come from: the API at a base URL, or imported saved responses. */
export type FigureOrigin = { baseUrl: string } | { files: readonly ImportedFile[] };

export interface PullRequest {
  origin: FigureOrigin;
  /** Every indicator from this year; else each its newest. */
  year?: number;
  signal?: AbortSignal;
  onTable?: (p: TableProgress) => void;
}

export interface PullHandle {
  kommune: string;
  /** Each indicator's name, by id, for the preview. */
  names: Readonly<Record<string, string>>;
  /** The defined names of the provenance cells (source, codes, retrieval, geography, footnote): summed up in the preview, not listed. */
  provenance: ReadonlySet<string>;
  preview: PullPreview;
  /** Tables and requests made, as the CLI reports them. */
  requests: number;
  execute(choices: Readonly<Record<string, TypedChoice>>, opts: { signal?: AbortSignal; onIndicator?: (p: IndicatorProgress) => void }): Promise<SessionRun>;
}

export type PullPrepared =
  | { kind: 'ready'; handle: PullHandle }
  /** StatBank could not be reached (or the browser refused its answers): the offline import helps. */
  | { kind: 'unreachable'; message: string }
  /** Nothing can be pulled into this workbook yet, or nothing could be pulled: the messages say why. */
  | { kind: 'stopped'; messages: string[] }
  | { kind: 'cancelled'; message: string };

/** The browser's fetch, with nothing but the signal: a simple GET, so no CORS preflight. */
const browserFetch: Fetch = (url, init) => fetch(url, init?.signal ? { signal: init.signal } : {}) as ReturnType<Fetch>;

/** The client for an origin, and whether its figures are constructed ones. Throws ReplayImportError for a bad import. */
function clientFor(origin: FigureOrigin): { client: StatbankClient; constructed: boolean; saved?: SavedResponses } {
  if ('baseUrl' in origin) {
    return { client: new StatbankClient({ baseUrl: baseUrlSetting.parse(origin.baseUrl), fetch: browserFetch, route: BROWSER_ROUTE }), constructed: false };
  }
  const saved = SavedResponses.fromChosen(origin.files.map((f) => ({ name: f.name, data: f.bytes })), PANE_IMPORT_WORDING);
  return { client: new StatbankClient({ fetch: saved.fetch(), route: BROWSER_ROUTE }), constructed: saved.constructed, saved };
}

/** The workbook as the pull needs it: the assessment and the Data and log sheets, in one read. */
async function readForPull(port: WorkbookPort): Promise<WorkbookRead> {
  const view = new ReadView(await port.read({ ...combineRequests(assessmentRequest(), dataRequest()), names: false }));
  return { view, result: assessmentFrom(view), data: dataContentFrom(view) };
}

/**
 * Pulls the figures for the workbook's municipality (one tableinfo and one data request per
 * table) and makes the preview: what would change per indicator, and which cells hold values
 * typed by hand. Nothing is written until `execute`.
 */
export async function preparePull(port: WorkbookPort, req: PullRequest): Promise<PullPrepared> {
  const read = await readForPull(port);
  if (!read.result.assessment) return { kind: 'stopped', messages: ['Ret fejlene under Tjek, før der hentes tal.', ...read.result.problems.map((p) => p.message)] };
  const navn = read.result.assessment.kommune.navn;
  const kommune = navn ? findKommuneByName(navn) : undefined;
  if (!kommune) return { kind: 'stopped', messages: ['Vælg kommunen under Kommune, før der hentes tal.'] };
  let origin: ReturnType<typeof clientFor>;
  try {
    origin = clientFor(req.origin);
  } catch (err) {
    if (err instanceof ReplayImportError) return { kind: 'stopped', messages: [err.message] };
    throw err;
  }
  // Constructed example responses answer only the municipality and year they were made for.
  const outOfScope = origin.saved?.scopeProblem(kommune, req.year);
  if (outOfScope) return { kind: 'stopped', messages: [outOfScope] };
  let pulled;
  try {
    pulled = await pull(origin.client, DEFAULT_DEFINITIONS, {
      ...(req.year !== undefined ? { year: req.year } : {}),
      ...(req.onTable ? { onProgress: req.onTable } : {}),
      ...(req.signal ? { signal: req.signal } : {}),
    });
  } catch (err) {
    if (err instanceof PullCancelled) return { kind: 'cancelled', message: err.message };
    throw err;
  }
  if (pulled.unreachable) return { kind: 'unreachable', message: pulled.unreachable };
  const session = new PullSession(port, read, pulled, kommune, { source: origin.constructed ? CONSTRUCTED_SOURCE : STATBANK_SOURCE });
  const preview = session.preview();
  if (preview.indicators.every((i) => i.status === 'fejl')) {
    return { kind: 'stopped', messages: ['Ingen tal kunne hentes; intet er skrevet.', ...preview.indicators.map((i) => `${i.indicator}: ${i.message ?? ''}`)] };
  }
  return {
    kind: 'ready',
    handle: {
      kommune: kommune.navn,
      names: Object.fromEntries([...INDICATORS.map((i) => [i.id, i.navn] as const), [POPULATION_ID, 'Folketal (indbyggere)']]),
      provenance: new Set(INDICATORS.flatMap((i) => [indicatorSourceName(i), ...PROVENANCE.map((p) => provenanceName(i, p.suffix))])),
      preview,
      requests: pulled.requests,
      // Excel computes the formulas itself: no cached results to write.
      execute: (choices, opts) => session.execute(choices, { ...opts, cachedResults: false }),
    },
  };
}

/**
 * "Nye tal?": which indicators Statistics Denmark has newer figures for than the workbook's last
 * pull recorded (one tableinfo request per table). Undefined when nothing can be known: no pull
 * recorded yet, or StatBank out of reach (the pane then says nothing).
 */
export async function newerFigures(port: WorkbookPort, baseUrl: string): Promise<FreshnessReport | undefined> {
  const view = new ReadView(await port.read({ ...dataRequest(), names: false }));
  const recorded = tableUpdates(dataContentFrom(view));
  if (Object.keys(recorded).length === 0) return undefined;
  const { client } = clientFor({ baseUrl });
  const report = await checkForNewer(client, DEFAULT_DEFINITIONS, recorded);
  return report.unreachable ? undefined : report;
}

/** The pane's setting of the API's base URL, checked: the URL, or why not (Danish). */
export function checkBaseUrl(text: string): { url: string } | { message: string } {
  const r = baseUrlSetting.safeParse(text);
  return r.success ? { url: r.data } : { message: r.error.issues.map((i) => i.message).join(' ') };
}
