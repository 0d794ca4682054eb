/**
 * LibreOffice headless as the reference spreadsheet engine: recalculates workbooks on load (in a
 * throw-away profile with OOXMLRecalcMode = 0, "always recalculate"; by default LibreOffice keeps
 * the cached values) and saves them as .xlsx again. One start for a whole batch of files.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

const RECALC_ALWAYS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

export const SOFFICE = process.env.PARATHED_SOFFICE ?? 'soffice';

export async function assertLibreOffice(): Promise<void> {
  try {
    await run(SOFFICE, ['--version'], { timeout: 60_000 });
  } catch {
    throw new Error(
      'LibreOffice (soffice) was not found: the parity tests need it as the reference engine. ' +
        'Install it with: sudo apt-get install -y libreoffice-calc-nogui (npm test does this when it may).',
    );
  }
}

/**
 * Recalculates the given .xlsx files in LibreOffice and returns the paths of the recalculated
 * copies (same base names, in a fresh folder).
 */
const workFolders: string[] = [];
// The recalculated copies live until the test file that asked for them is done.
afterAll(() => {
  for (const w of workFolders.splice(0)) rmSync(w, { recursive: true, force: true });
});

export async function recalculate(files: string[], convertTo = 'xlsx'): Promise<string[]> {
  const work = mkdtempSync(path.join(tmpdir(), 'parathed-lo-'));
  workFolders.push(work);
  const profile = path.join(work, 'profile');
  const out = path.join(work, 'out');
  mkdirSync(path.join(profile, 'user'), { recursive: true });
  mkdirSync(out);
  writeFileSync(path.join(profile, 'user', 'registrymodifications.xcu'), RECALC_ALWAYS);
  await run(
    SOFFICE,
    ['--headless', '--norestore', `-env:UserInstallation=file://${profile}`, '--convert-to', convertTo, '--outdir', out, ...files],
    { timeout: 300_000 },
  );
  rmSync(profile, { recursive: true, force: true });
  return files.map((f) => path.join(out, `${path.basename(f, path.extname(f))}.${convertTo.split(':')[0]}`));
}
