/**
 * The development server's certificate for https://localhost:3000, made without sudo with
 * office-addin-dev-certs' generateCertificates (its `install` needs sudo yet exits 0, and
 * getHttpsServerOptions then throws). Kept in ~/.office-addin-dev-certs, the folder Office
 * add-in developers know, and made again when missing or about to expire.
 */
const fs = require('node:fs');
const crypto = require('node:crypto');
const path = require('node:path');
const os = require('node:os');

const DIR = process.env.PARATHED_CERT_DIR || path.join(os.homedir(), '.office-addin-dev-certs');
const files = { ca: path.join(DIR, 'ca.crt'), cert: path.join(DIR, 'localhost.crt'), key: path.join(DIR, 'localhost.key') };

function valid() {
  try {
    const cert = new crypto.X509Certificate(fs.readFileSync(files.cert));
    return fs.existsSync(files.key) && fs.existsSync(files.ca) && new Date(cert.validTo).getTime() > Date.now() + 24 * 3600 * 1000;
  } catch {
    return false;
  }
}

/** Makes the certificates when needed; resolves the file paths. */
async function ensureCertificates() {
  if (!valid()) {
    const { generateCertificates } = require('office-addin-dev-certs');
    await generateCertificates(files.ca, files.cert, files.key, 30, ['localhost', '127.0.0.1']);
  }
  return files;
}

/** The dev server's https options (the certificates must exist: scripts/start.js makes them). */
function httpsOptions() {
  if (!valid()) throw new Error(`No valid development certificate in ${DIR}: run npm start, which makes one.`);
  return { ca: fs.readFileSync(files.ca), cert: fs.readFileSync(files.cert), key: fs.readFileSync(files.key) };
}

module.exports = { ensureCertificates, httpsOptions, files, DIR };
