/**
 * The task pane's network messages (src/statbank/browser-network.ts): a browser's bare TypeError,
 * whatever caused it, gives one Danish message that covers no network, a proxy and the browser's
 * refusal (CORS), and offers the offline import; Node's errors keep the CLI's reasons.
 */
import { DEFAULT_DEFINITIONS } from '../../src/model/indicators';
import { BROWSER_ROUTE, baseUrlSetting, isBareFetchFailure } from '../../src/statbank/browser-network';
import { StatbankClient, type Fetch } from '../../src/statbank/client';
import { pull } from '../../src/statbank/pull';

const failing = (err: unknown): Fetch => async () => {
  throw err;
};

describe('the browser’s network failures', () => {
  it.each(['Failed to fetch', 'Load failed', 'NetworkError when attempting to fetch resource.'])('"%s" is one message naming every cause and the offline import', async (text) => {
    const client = new StatbankClient({ baseUrl: 'https://api.statbank.dk/v1/', fetch: failing(new TypeError(text)), route: BROWSER_ROUTE, retries: 0 });
    const r = await pull(client, DEFAULT_DEFINITIONS);
    expect(r.unreachable).toMatch(/^Danmarks Statistik kunne ikke nås, så ingen tal er hentet: Statistikbanken kunne ikke nås \(forbindelsen blev afvist eller kunne ikke oprettes\)\./);
    for (const cause of [/ikke er netværk/, /proxy eller firewall/, /browseren afviser svaret \(CORS\)/, /--save-responses/, /importér de gemte svar \(filerne eller mappen som zip-fil\)/]) expect(r.unreachable).toMatch(cause);
    expect(r.unreachable).not.toContain(text);
    // Only the first table is tried: the others are not asked once StatBank is out of reach.
    expect(r.requests).toBe(1);
  });

  it('tells a bare TypeError from Node’s, which names the system’s code', async () => {
    const node = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }) });
    expect(isBareFetchFailure(new TypeError('Failed to fetch'))).toBe(true);
    expect(isBareFetchFailure(node)).toBe(false);
    expect(isBareFetchFailure(new Error('Failed to fetch'))).toBe(false);
    const client = new StatbankClient({ fetch: failing(node), retries: 0 });
    await expect(client.tableInfo('FOLK1A')).rejects.toMatchObject({ code: 'NETWORK', message: 'FOLK1A: Statistikbanken kunne ikke nås (ECONNREFUSED). Tjek netværksforbindelsen.' });
  });
});

describe('the pane’s setting of the API’s base URL', () => {
  it('defaults to the public API, takes https or this machine’s http, and refuses the rest in Danish', () => {
    expect(baseUrlSetting.parse('')).toBe('https://api.statbank.dk/v1/');
    expect(baseUrlSetting.parse(' https://api.statbank.dk/v1 ')).toBe('https://api.statbank.dk/v1/');
    expect(baseUrlSetting.parse('http://127.0.0.1:4321/v1/')).toBe('http://127.0.0.1:4321/v1/');
    const problem = (text: string) => baseUrlSetting.safeParse(text).error?.issues[0]?.message;
    expect(problem('http://api.statbank.dk/v1/')).toMatch(/skal begynde med https:\/\//);
    expect(problem('api.statbank.dk')).toMatch(/er ikke en webadresse/);
    expect(problem('https://api.statbank.dk/v1/?lang=da')).toMatch(/må ikke have \? eller #/);
  });
});
