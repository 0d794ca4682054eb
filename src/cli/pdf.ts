/**
 * Renders the summary sheet to PDF with LibreOffice headless: a copy of the workbook in which
 * every other sheet is hidden (LibreOffice exports only visible sheets) is converted in a
 * throw-away profile, so the user's LibreOffice settings are neither used nor changed.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { SUMMARY_SHEET } from '../summary/summary';
import { XlsxWorkbook } from '../xlsx/xlsx-workbook';

const run = promisify(execFile);

/** A throw-away LibreOffice profile: Danish number formats (3,0 and 22.719), and recalculation on load. */
const PROFILE = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse"><value>da-DK</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>da-DK</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

export class PdfUnavailable extends Error {}

export async function summaryPdf(xlsx: Uint8Array, soffice = process.env.PARATHED_SOFFICE ?? 'soffice'): Promise<Buffer> {
  try {
    await run(soffice, ['--version'], { timeout: 60_000 });
  } catch {
    throw new PdfUnavailable('PDF kræver LibreOffice, som ikke er installeret. Installer det med: sudo apt-get install libreoffice-calc-nogui');
  }
  const opened = await XlsxWorkbook.open(xlsx);
  if ('problem' in opened) throw new PdfUnavailable(opened.problem);
  opened.workbook.showOnly(SUMMARY_SHEET);
  const work = await mkdtemp(path.join(tmpdir(), 'parathed-pdf-'));
  try {
    const input = path.join(work, 'resume.xlsx');
    await writeFile(input, await opened.workbook.bytes());
    await mkdir(path.join(work, 'profile', 'user'), { recursive: true });
    await writeFile(path.join(work, 'profile', 'user', 'registrymodifications.xcu'), PROFILE);
    await run(soffice, ['--headless', '--norestore', `-env:UserInstallation=file://${path.join(work, 'profile')}`, '--convert-to', 'pdf', '--outdir', work, input], {
      timeout: 180_000,
    });
    return await readFile(path.join(work, 'resume.pdf'));
  } catch (err) {
    throw new PdfUnavailable(`LibreOffice kunne ikke lave PDF'en: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
