/**
 * The manifest for a deployment: manifest.xml's development URLs (https://localhost:3000)
 * replaced by the origin the pane is hosted at (ADDIN_ORIGIN). Used by webpack.config.js.
 */
const DEV_ORIGIN = 'https://localhost:3000';

/** The manifest text with every development URL on `origin`; throws on an origin Office will not load. */
function buildManifest(xml, origin) {
  let url;
  try {
    url = new URL(origin);
  } catch {
    throw new Error(`ADDIN_ORIGIN is not a URL: ${origin}`);
  }
  if (url.protocol !== 'https:') throw new Error(`ADDIN_ORIGIN must be an https address (Office loads add-ins only over https): ${origin}`);
  const base = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  const out = xml.split(DEV_ORIGIN).join(base);
  if (base !== DEV_ORIGIN && /localhost/i.test(out)) throw new Error('The built manifest still names localhost.');
  return out;
}

module.exports = { buildManifest, DEV_ORIGIN };
