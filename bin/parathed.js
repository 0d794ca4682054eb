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
main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
