#!/usr/bin/env node
/**
 * The first JavaScript the pane loads: the scripts taskpane.html names (webpack's initial
 * chunks), office.js from Microsoft's CDN excluded, gzipped. Printed by `npm run bench`;
 * the budget is 200 KB (test/taskpane/pane-size.test.ts holds it). Builds the pane first when
 * dist/taskpane is missing.
 */
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const { execSync } = require('node:child_process');

const OUT = path.join(__dirname, '..', 'dist', 'taskpane');
const BUDGET = 200 * 1024;

/** Local scripts of taskpane.html with their gzipped sizes. */
function initialScripts(dir = OUT) {
  const html = fs.readFileSync(path.join(dir, 'taskpane.html'), 'utf8');
  const srcs = [...html.matchAll(/<script\b[^>]*\bsrc=["']?([^"'\s>]+)/g)].map((m) => m[1]).filter((src) => !/^(https?:)?\/\//.test(src));
  return srcs.map((src) => {
    const buf = fs.readFileSync(path.join(dir, src));
    return { file: src, bytes: buf.length, gzip: zlib.gzipSync(buf, { level: 9 }).length };
  });
}

function main() {
  if (!fs.existsSync(path.join(OUT, 'taskpane.html'))) execSync('npm run build:pane', { stdio: 'inherit', cwd: path.join(__dirname, '..') });
  const scripts = initialScripts();
  const total = scripts.reduce((n, s) => n + s.gzip, 0);
  for (const s of scripts) console.log(`pane initial script ${s.file}: ${(s.bytes / 1024).toFixed(1)} KB, ${(s.gzip / 1024).toFixed(1)} KB gzip`);
  console.log(`pane first load (office.js excluded): ${(total / 1024).toFixed(1)} KB gzip of ${BUDGET / 1024} KB budget`);
  return total <= BUDGET ? 0 : 1;
}

module.exports = { initialScripts, BUDGET };

if (require.main === module) process.exit(main());
