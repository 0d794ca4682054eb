/**
 * The architecture as tests. Dependencies point down the layers: model → scoring → workbook
 * (layout, descriptions, the port, readers) → statbank, summary, consolidate → the adapters (xlsx, office) →
 * cli, taskpane. And the core runs in the task pane's browser as well as in Node: no Node built-in, no ExcelJS, no
 * JSZip, no undici, no Buffer or process. Two checks, each over the folders tsconfig.core.json
 * names (the one list of what is core):
 * - esbuild bundles every core file for the browser, and an import of a forbidden module fails it
 *   (directly or through a dependency);
 * - tsc type-checks the core without Node's types, so Buffer, process and friends do not exist.
 * Each check is also shown to fail on a file that breaks it.
 */
import { execFile } from 'node:child_process';
import { builtinModules } from 'node:module';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { build, type Plugin } from 'esbuild';

const ROOT = path.resolve(__dirname, '..');
const CORE_TSCONFIG = path.join(ROOT, 'tsconfig.core.json');
const coreFolders: string[] = (JSON.parse(readFileSync(CORE_TSCONFIG, 'utf8')) as { include: string[] }).include.map((g) => g.replace(/\/\*\*\/\*$/, ''));

const FORBIDDEN = new Set(['exceljs', 'jszip', 'undici', 'saxes', ...builtinModules]);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : /\.tsx?$/.test(name) && !/\.d\.ts$/.test(name) ? [full] : [];
  });
}

const boundary: Plugin = {
  name: 'core-boundary',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      const bare = args.path.replace(/^node:/, '').split('/')[0]!;
      if (args.path.startsWith('node:') || FORBIDDEN.has(bare) || FORBIDDEN.has(args.path)) {
        return { errors: [{ text: `${path.relative(ROOT, args.importer)} imports "${args.path}", which the browser-safe core must not use` }] };
      }
      return undefined;
    });
  },
};

/** The errors of a browser bundle of the given entry files. */
async function bundleErrors(entryPoints: string[]): Promise<string[]> {
  try {
    await build({ entryPoints, bundle: true, write: false, platform: 'browser', format: 'esm', outdir: 'out', logLevel: 'silent', plugins: [boundary] });
    return [];
  } catch (err) {
    return ((err as { errors?: { text: string }[] }).errors ?? [{ text: String(err) }]).map((e) => e.text);
  }
}

const run = promisify(execFile);
/** tsc's complaints about a project without Node's types ('' when none). */
async function typeErrors(tsconfig: string): Promise<string> {
  try {
    await run(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', tsconfig], { cwd: ROOT });
    return '';
  } catch (err) {
    return String((err as { stdout?: string }).stdout ?? err);
  }
}

describe('the core is browser-safe', () => {
  const core = coreFolders.flatMap((f) => files(path.join(ROOT, f)));

  it('bundles for the browser with no Node built-in, ExcelJS, JSZip or undici', async () => {
    expect(core.length).toBeGreaterThan(30);
    expect(await bundleErrors(core)).toEqual([]);
  });

  it('type-checks without Node types (no Buffer, no process)', async () => {
    expect(await typeErrors(CORE_TSCONFIG)).toBe('');
  }, 60_000);

  describe('and the checks catch a core file that is not', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'parathed-core-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('an import of node:fs, or of ExcelJS, fails the bundle', async () => {
      const fsFile = path.join(dir, 'uses-fs.ts');
      writeFileSync(fsFile, "import fs from 'node:fs';\nexport const read = (p: string) => fs.readFileSync(p);\n");
      const excel = path.join(dir, 'uses-exceljs.ts');
      writeFileSync(excel, "import ExcelJS from 'exceljs';\nexport const wb = () => new ExcelJS.Workbook();\n");
      const errors = await bundleErrors([fsFile, excel]);
      expect(errors).toEqual(expect.arrayContaining([expect.stringContaining('"node:fs"'), expect.stringContaining('"exceljs"')]));
    });

    it('a Buffer fails the type check', async () => {
      writeFileSync(path.join(dir, 'uses-buffer.ts'), "export const bytes = Buffer.from('x');\n");
      const tsconfig = path.join(dir, 'tsconfig.json');
      writeFileSync(tsconfig, JSON.stringify({ extends: CORE_TSCONFIG, compilerOptions: { rootDir: dir }, include: [path.join(dir, 'uses-buffer.ts')] }));
      expect(await typeErrors(tsconfig)).toMatch(/Cannot find name 'Buffer'/);
    }, 60_000);
  });
});

/** A folder's layer: a file may import its own folder or a folder of a lower layer. */
const LAYERS: Record<string, number> = { model: 0, scoring: 1, examples: 2, workbook: 2, statbank: 3, summary: 3, consolidate: 3, xlsx: 4, office: 4, cli: 5, taskpane: 5 };

describe('the layers', () => {
  it('point down: no folder imports one of its own layer or above', () => {
    const wrong: string[] = [];
    for (const file of files(path.join(ROOT, 'src'))) {
      const own = path.relative(path.join(ROOT, 'src'), file).split(path.sep)[0]!;
      if (!(own in LAYERS)) continue;
      for (const m of readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'/g)) {
        const target = path.relative(path.join(ROOT, 'src'), path.resolve(path.dirname(file), m[1]!)).split(path.sep)[0]!;
        if (target === own || !(target in LAYERS)) continue;
        if (LAYERS[target]! >= LAYERS[own]!) wrong.push(`${path.relative(ROOT, file)} imports ${m[1]}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
