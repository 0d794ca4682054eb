/**
 * The manifest against Microsoft's published schemas, offline (npm run validate): the source
 * manifest, the one the build writes for ADDIN_ORIGIN, and manifests the schemas must reject.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// Plain CommonJS scripts shared with npm run validate and the webpack build.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { validateManifest } = require('../../scripts/validate-manifest.js') as { validateManifest(xml: string, name?: string): Promise<{ valid: boolean; errors: string[] }> };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildManifest } = require('../../scripts/manifest.js') as { buildManifest(xml: string, origin: string): string };

const ROOT = path.join(__dirname, '..', '..');
const manifest = readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');

describe('the add-in manifest', () => {
  it('is valid against the add-in manifest schema', async () => {
    await expect(validateManifest(manifest)).resolves.toEqual({ valid: true, errors: [] });
  });

  it('declares an Excel task pane with a Home tab button, ReadWriteDocument, Danish, and the icon sizes', () => {
    expect(manifest).toContain('<Host Name="Workbook"/>');
    expect(manifest).toContain('<Permissions>ReadWriteDocument</Permissions>');
    expect(manifest).toContain('<DefaultLocale>da-DK</DefaultLocale>');
    expect(manifest).toMatch(/<OfficeTab id="TabHome">[\s\S]*<Action xsi:type="ShowTaskpane">/);
    for (const size of [16, 32, 80]) expect(manifest).toContain(`<bt:Image size="${size}" resid="Icon.${size}"/>`);
    expect(manifest).not.toMatch(/MinVersion="1\.13"/);
  });

  it.each([
    ['a bad GUID', (m: string) => m.replace(/<Id>[^<]*<\/Id>/, '<Id>not-a-guid</Id>'), /Id/],
    ['an unknown permission', (m: string) => m.replace('ReadWriteDocument', 'WriteAll'), /Permissions/],
    ['elements out of order inside Control', (m: string) => m.replace(/(<Control xsi:type="Button" id="Parathed.OpenPane">\s*)(<Label resid="Button.Label"\/>\s*)(<Supertip>[\s\S]*?<\/Supertip>\s*)/, '$1$3$2'), /Supertip|Label/],
  ])('is rejected with %s', async (_what, change, mentions) => {
    const bad = change(manifest);
    expect(bad).not.toBe(manifest);
    const result = await validateManifest(bad);
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toMatch(mentions);
  });

  it('is built for ADDIN_ORIGIN with no localhost left, and stays valid', async () => {
    const built = buildManifest(manifest, 'https://parathed.kommune.dk/addin/');
    expect(built).not.toMatch(/localhost/i);
    expect(built).toContain('<SourceLocation DefaultValue="https://parathed.kommune.dk/addin/taskpane.html"/>');
    expect(built).toContain('DefaultValue="https://parathed.kommune.dk/addin/assets/icon-80.png"');
    await expect(validateManifest(built)).resolves.toEqual({ valid: true, errors: [] });
    expect(() => buildManifest(manifest, 'http://parathed.kommune.dk')).toThrow(/https/);
    expect(() => buildManifest(manifest, 'https://localhost:8443')).toThrow(/localhost/);
  });

  it('is checked by npm run validate FILE, which fails on an invalid one', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'parathed-manifest-'));
    try {
      const bad = path.join(dir, 'bad.xml');
      writeFileSync(bad, manifest.replace('ReadWriteDocument', 'WriteAll'));
      expect(execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'validate-manifest.js')], { encoding: 'utf8' })).toMatch(/valid against/);
      expect(() => execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'validate-manifest.js'), bad], { stdio: 'pipe' })).toThrow(/WriteAll|not valid/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
