#!/usr/bin/env node
/**
 * npm run example-responses: writes examples/statbank-konstrueret/, the responses of a pull for
 * Ishøj in 2017 from the project's StatBank TEST DOUBLE (constructed tables, on 127.0.0.1), saved
 * as `parathed fetch --save-responses` saves them and marked as constructed, with the pull they
 * were made for, in every sidecar, so
 * `parathed fetch --responses examples/statbank-konstrueret` can be tried offline and the
 * workbook it writes cites "konstrueret eksempel", never Statistics Denmark.
 */
const { rmSync } = require('node:fs');
const path = require('node:path');
const base = path.join(__dirname, '..', 'dist-bench');
const { startStatbankDouble } = require(path.join(base, 'test/helpers/statbank-double.js'));
const { reportTables } = require(path.join(base, 'test/helpers/statbank-tables.js'));
const { StatbankClient } = require(path.join(base, 'src/statbank/client.js'));
const { pull } = require(path.join(base, 'src/statbank/pull.js'));
const { DEFAULT_DEFINITIONS } = require(path.join(base, 'src/model/indicators.js'));
const { responseSaver } = require(path.join(base, 'src/cli/responses.js'));

/**
 * The one pull the responses answer: the double's tables give the report's figures for Ishøj
 * (183) in 2017 and made-up values elsewhere, so every sidecar records this and a replay for
 * another municipality or year is refused.
 */
const MADE_FOR = { kommune: '183', year: 2017 };

async function main() {
  const dir = path.join(__dirname, '..', 'examples', 'statbank-konstrueret');
  rmSync(dir, { recursive: true, force: true });
  const double = await startStatbankDouble(reportTables());
  try {
    const save = responseSaver(dir, MADE_FOR);
    const client = new StatbankClient({ baseUrl: double.url, onResponse: save });
    const result = await pull(client, DEFAULT_DEFINITIONS, { year: MADE_FOR.year });
    const failed = result.results.filter((r) => !r.ok);
    if (failed.length > 0) throw new Error(`pull failed: ${failed.map((r) => r.message).join('; ')}`);
    console.log(`${result.requests} svar gemt i ${path.relative(process.cwd(), dir)}`);
  } finally {
    await double.close();
  }
}
main().catch((err) => {
  console.error(err.message);
  process.exitCode = 1;
});
