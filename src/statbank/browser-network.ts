/**
 * How the task pane reaches StatBank, and what it says when it cannot. The browser calls the API
 * directly with simple GET requests (no custom headers, no body), so no CORS preflight is needed.
 * When a request fails anyway, the page gets a bare `TypeError` ("Failed to fetch", "Load failed",
 * "NetworkError when attempting to fetch resource."): no network, a proxy or firewall, and the
 * browser's refusal of the answer (CORS) look the same to a page. So one message covers all three
 * and offers the offline route: responses saved with `parathed fetch --save-responses` by someone
 * with network, imported as files or a zip (src/statbank/replay.ts). The CLI keeps its own route
 * (src/cli/network.ts), which can name the proxy and the system's error code.
 */
import { z } from 'zod';
import { DEFAULT_BASE_URL, type NetworkRoute } from './client';

/** What to do when the browser cannot reach StatBank, in Danish. */
export const BROWSER_UNREACHABLE_HINT =
  'En side i Excel kan ikke se, om det skyldes, at der ikke er netværk, at en proxy eller firewall stopper forbindelsen, eller at browseren afviser svaret (CORS). ' +
  'Tjek netværket, eller hent tallene uden netværk: bed en med netværk om at køre "parathed fetch FIL --kommune KOMMUNE --save-responses MAPPE", og importér de gemte svar (filerne eller mappen som zip-fil).';

/** The route of the task pane's requests, for the client's messages. */
export const BROWSER_ROUTE: NetworkRoute = { via: '', hint: BROWSER_UNREACHABLE_HINT };

/**
 * Whether a fetch failure is the browser's bare `TypeError`, which says nothing of why (Node's
 * fetch gives a `cause` with the system's code, ECONNREFUSED or ENOTFOUND; a browser gives none).
 * Duck-typed: an error from another realm fails instanceof.
 */
export function isBareFetchFailure(err: unknown): boolean {
  const e = err as { name?: unknown; cause?: unknown } | null | undefined;
  return e?.name === 'TypeError' && e.cause === undefined;
}

/** The reason the client names for a bare fetch failure, in Danish. */
export const BARE_FAILURE_REASON = 'forbindelsen blev afvist eller kunne ikke oprettes';

/**
 * The task pane's setting of the API's base URL, checked: empty means the public API; otherwise an
 * https address (a page served over https may not call http, except on this machine, which the
 * tests' StatBank double on 127.0.0.1 uses). The URL is given with a closing "/".
 */
export const baseUrlSetting = z
  .string()
  .trim()
  .transform((text, ctx) => {
    if (text === '') return DEFAULT_BASE_URL;
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      ctx.addIssue({ code: 'custom', message: `"${text}" er ikke en webadresse; skriv fx ${DEFAULT_BASE_URL}` });
      return z.NEVER;
    }
    const local = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
      ctx.addIssue({ code: 'custom', message: `Adressen til Statistikbanken skal begynde med https:// (http:// kun til denne computer, 127.0.0.1 eller localhost); fx ${DEFAULT_BASE_URL}` });
      return z.NEVER;
    }
    if (url.search || url.hash) {
      ctx.addIssue({ code: 'custom', message: 'Adressen til Statistikbanken må ikke have ? eller #: skriv kun API’ets rod, fx https://api.statbank.dk/v1/' });
      return z.NEVER;
    }
    return url.href.endsWith('/') ? url.href : `${url.href}/`;
  });
