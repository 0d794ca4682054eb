#!/usr/bin/env node
/**
 * npm run layout: writes src/workbook/layouts/<TEMPLATE_VERSION>.json from the sheet descriptions
 * (after a layout change and a new TEMPLATE_VERSION). With --from FILE VERSION it takes a released
 * template file's layout instead (how 1.0's was taken from the file 0607165 wrote).
 */
const { readFileSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const dist = path.join(__dirname, '..', 'dist');
const { describedLayout, layoutOfWorkbook, layoutRequest } = require(path.join(dist, 'workbook', 'versions.js'));
const { ReadView, combineRequests } = require(path.join(dist, 'workbook', 'view.js'));
const { XlsxWorkbook } = require(path.join(dist, 'xlsx', 'xlsx-workbook.js'));

async function main() {
  const args = process.argv.slice(2);
  let layout;
  if (args[0] === '--from') {
    const [, file, version] = args;
    const opened = await XlsxWorkbook.open(readFileSync(file));
    if ('problem' in opened) throw new Error(opened.problem);
    const { sheets } = await opened.workbook.read({ sheets: true });
    const view = new ReadView(await opened.workbook.read(combineRequests(layoutRequest(), { ranges: sheets.map((s) => ({ sheet: s.name })) })));
    layout = layoutOfWorkbook(view, version);
  } else {
    layout = describedLayout();
  }
  const out = path.join(__dirname, '..', 'src', 'workbook', 'layouts', `${layout.version}.json`);
  writeFileSync(out, `${JSON.stringify(layout, null, 1)}\n`);
  console.log(`Skrevet: ${path.relative(process.cwd(), out)} (${Object.keys(layout.names).length} navne, ${Object.keys(layout.formulas).length} formler)`);
}
main().catch((err) => {
  console.error(err.message);
  process.exitCode = 1;
});
