#!/usr/bin/env node
'use strict';
// Thin launcher: the CLI is compiled from src/cli by `npm run build` (run by `prepare` on npm ci).
let main;
try {
  ({ main } = require('../dist/cli/main.js'));
} catch (err) {
  if (err && err.code === 'MODULE_NOT_FOUND') {
    process.stderr.write('parathed er ikke bygget endnu: kør "npm ci" (eller "npm run build") i projektmappen.\n');
    process.exit(2);
  }
  throw err;
}
// A reader that stops early (parathed validate x.xlsx | head -1) ends the output quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err && err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}
main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
