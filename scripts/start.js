#!/usr/bin/env node
/**
 * npm start: the pane on https://localhost:3000 for development. Makes a development
 * certificate without sudo (scripts/dev-certs.js), says how to trust it and how to sideload the
 * manifest in Excel on the web and on the desktop, then runs webpack-dev-server.
 */
const path = require('node:path');
const { spawn } = require('node:child_process');
const { ensureCertificates, DIR } = require('./dev-certs');

async function main() {
  const files = await ensureCertificates();
  const manifest = path.join(__dirname, '..', 'manifest.xml');
  console.log(`
Parathedsvurdering: development server on https://localhost:3000/taskpane.html

1. Trust the development certificate once (its authority is ${files.ca}):
   - Windows:  certutil -user -addstore Root "${files.ca}"
   - macOS:    sudo security add-trusted-cert -d -r trustRoot -k /Library/Keychains/System.keychain "${files.ca}"
   - Linux:    sudo cp "${files.ca}" /usr/local/share/ca-certificates/office-addin-dev-ca.crt && sudo update-ca-certificates
               (Chrome/Edge on Linux: import it under Settings > Privacy and security > Security > Manage certificates > Authorities)
   Then open https://localhost:3000/taskpane.html in the browser: it must load without a warning.

2. Sideload the manifest (${manifest}):
   - Excel on the web: open a workbook, Home > Add-ins > More Add-ins > My Add-ins >
     Upload My Add-in, and choose manifest.xml.
   - Excel on Windows: share a folder holding manifest.xml, add its \\\\server\\share path under
     File > Options > Trust Center > Trust Center Settings > Trusted Add-in Catalogs (tick
     "Show in Menu"), restart Excel, then Home > Add-ins > More Add-ins > SHARED FOLDER.
   - Excel on Mac: copy manifest.xml to ~/Library/Containers/com.microsoft.Excel/Data/Documents/wef
     and restart Excel; the add-in is under Home > Add-ins.
   The button "Parathedsvurdering" on the Home tab opens the pane.

Certificates are kept in ${DIR} and made again when they expire (30 days).
`);
  const webpackCli = require.resolve('webpack-cli/bin/cli.js');
  const child = spawn(process.execPath, [webpackCli, 'serve', '--mode', 'development'], { stdio: 'inherit', cwd: path.join(__dirname, '..') });
  const stop = (signal) => child.kill(signal);
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  child.on('exit', (code) => process.exit(code ?? 0));
}

main().catch((err) => {
  console.error(`npm start failed: ${err.message}`);
  process.exit(1);
});
