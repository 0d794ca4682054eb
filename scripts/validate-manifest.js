#!/usr/bin/env node
/**
 * npm run validate [FILE]: checks an add-in manifest (default manifest.xml) against Microsoft's
 * published XML schemas for the add-in-only manifest, offline (vendor/office-manifest-schemas,
 * with the fixes its README lists). `office-addin-manifest validate` needs Microsoft's online
 * service; this needs nothing but xmllint-wasm. Exit 0 when valid, 1 with the errors otherwise.
 */
const fs = require('node:fs');
const path = require('node:path');
const { validateXML } = require('xmllint-wasm');

const SCHEMA_DIR = path.join(__dirname, '..', 'vendor', 'office-manifest-schemas');
const MAIN = 'OfficeAppManifestV1_1.xsd';

/** Validates manifest XML text; resolves { valid, errors: string[] }. */
async function validateManifest(xml, fileName = 'manifest.xml') {
  const read = (f) => ({ fileName: f, contents: fs.readFileSync(path.join(SCHEMA_DIR, f), 'utf8') });
  const others = fs.readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.xsd') && f !== MAIN);
  const result = await validateXML({
    xml: [{ fileName: path.basename(fileName), contents: xml }],
    schema: [read(MAIN)],
    preload: others.map(read),
  });
  return { valid: result.valid, errors: result.errors.map((e) => e.rawMessage || e.message) };
}

async function main() {
  const file = process.argv[2] || path.join(__dirname, '..', 'manifest.xml');
  const { valid, errors } = await validateManifest(fs.readFileSync(file, 'utf8'), file);
  if (valid) {
    console.log(`${file}: valid against the add-in manifest schema (${MAIN}).`);
    return 0;
  }
  console.error(`${file}: not valid against the add-in manifest schema:`);
  for (const e of errors) console.error(`  ${e}`);
  return 1;
}

module.exports = { validateManifest };

if (require.main === module) {
  main().then((code) => process.exit(code), (err) => {
    console.error(err);
    process.exit(2);
  });
}
