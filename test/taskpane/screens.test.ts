/**
 * The pane's screens end to end in headless Chromium with the fake Excel host (a declared test
 * double: no formula engine, so each test sets the sheet's results as Excel's calculation would,
 * which also lets it inject a result that disagrees with the mirror). Every screen is checked
 * with axe-core (injected into the page) and photographed at 320 and 450 px: into a temporary
 * folder, or, with PARATHED_SCREENSHOTS=1, into docs/screenshots/ for the README (so a test run
 * never changes tracked files).
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ishoej2017 } from '../../src/examples/ishoej';
import { PARAMETERS } from '../../src/model/parameters';
import { SCALE } from '../../src/model/scale';
import { scoreCells } from '../../src/scoring/score';
import { ROOT, checkScreen, onHost, openStill, usePaneSuite } from './browser';
import { excelResults } from './excel-results';
import { seedFromFile } from './seed';

const pane = usePaneSuite();

type Host = {
  valueOf(name: string): unknown;
  userEdit(sheet: string, ref: string, v: unknown): void;
  calculate(results: Record<string, unknown>): void;
  syncCount: number;
  selection?: { sheet: string; ref: string };
  calculationMode: string;
  failOnSync: { atAction: number; code: string }[];
  sheet(name: string): { visibility: string };
  nameTarget(name: string): { sheet: string; ref: string } | undefined;
  state: { sheets: { name: string }[] };
};

/** Runs `fn` with the page's fake host. */
const host = <T, A = undefined>(page: Page, fn: (h: Host, arg: A) => T, arg?: A): Promise<T> => onHost(page, fn, arg);

const open = (setup = ''): Promise<Page> => openStill(pane, setup);

const check = (page: Page, name: string): Promise<void> => checkScreen(page, pane.shots, name);

const ISHOEJ = ishoej2017().assessment.vurderinger as Record<string, number>;
const ishoejRatings = PARAMETERS.map((p) => ISHOEJ[p.id]!);


/** A level's button: in the parameter's group (named by the parameter), named by its visible text. */
const levelButton = (page: Page, p: (typeof PARAMETERS)[number], v: number) =>
  page.getByRole('group', { name: p.navn, exact: true }).getByRole('button', { name: new RegExp(`^${v} · ${SCALE[v - 1]!.label}`) });

async function rate(page: Page, p: (typeof PARAMETERS)[number], v: number): Promise<void> {
  await levelButton(page, p, v).click();
  await page.waitForFunction(([n, x]) => (window as unknown as { __fakeHost: Host }).__fakeHost.valueOf(n as string) === x, [p.definedName, v] as const);
}

describe('the pane’s screens in Chromium with the fake Excel host', () => {
  it('inserts the template, chooses Ishøj, rates as in 2017 (3,0 I nogen grad), checks, tries and compares', async () => {
    const page = await open();
    await page.getByRole('button', { name: 'Indsæt skabelon' }).waitFor();
    await check(page, 'start-tom');

    await page.getByRole('button', { name: 'Indsæt skabelon' }).click();
    await page.getByText('Skabelonen er indsat.').waitFor({ timeout: 60_000 });
    await page.getByRole('tab', { name: 'Kommune' }).and(page.locator(':not([disabled])')).waitFor();

    // Kommune: search as you type, pick Ishøj; only Kommune_Navn is written.
    await page.getByRole('tab', { name: 'Kommune' }).click();
    const combo = page.getByRole('combobox', { name: 'Kommune' });
    await combo.click();
    await combo.fill('ish');
    await expect(page.getByRole('option').allInnerTexts()).resolves.toEqual(['Ishøj']);
    const before = await host(page, (h) => h.syncCount);
    await page.getByRole('option', { name: 'Ishøj' }).click();
    await page.waitForFunction(() => (window as unknown as { __fakeHost: Host }).__fakeHost.valueOf('Kommune_Navn') === 'Ishøj');
    // Code, region and police district are the sheet's formulas: untouched by the pane.
    expect(await host(page, (h) => [h.valueOf('Kommune_Kode'), h.valueOf('Kommune_Region')])).toEqual([null, null]);
    await page.getByText('Excel beregner …').first().waitFor();
    await host(page, (h, r) => h.calculate(r), excelResults(PARAMETERS.map(() => null)));
    await page.getByText('Region Hovedstaden').waitFor();
    await page.getByText('Københavns Vestegns Politi').waitFor();
    // The write is one port write (two syncs), the refresh after Excel's events one read (one sync).
    const after = await host(page, (h) => h.syncCount);
    expect(after - before).toBeLessThanOrEqual(4);
    await check(page, 'kommune');

    // Vurdering: the ten parameters as in 2017.
    await page.getByRole('tab', { name: 'Vurdering' }).click();
    await page.getByText('Ingen parametre er vurderet').waitFor();
    for (const [i, p] of PARAMETERS.entries()) await rate(page, p, ishoejRatings[i]!);
    await page.getByText('Venter på, at Excel beregner arket …').waitFor();
    await host(page, (h, r) => h.calculate(r), excelResults(ishoejRatings));
    await page.getByText('stemmer med beregningen her').waitFor();
    const card = page.getByRole('group', { name: 'Score', exact: true });
    await expect(card.innerText()).resolves.toMatch(/3,0\s+Samlet · I nogen grad/);
    await expect(card.innerText()).resolves.toMatch(/Egen vurdering\s+3,4/);
    await expect(card.innerText()).resolves.toMatch(/Vurdering af parametre\s+2,6/);
    for (const [i, p] of PARAMETERS.entries()) {
      await expect(levelButton(page, p, ishoejRatings[i]!).getAttribute('aria-pressed')).resolves.toBe('true');
    }
    await check(page, 'vurdering');

    // Prøv: other ratings give another score, the workbook keeps its own; Kassér drops them.
    await page.getByRole('switch', { name: 'Prøv andre vurderinger' }).click();
    const strategi = PARAMETERS.find((p) => p.id === 'Strategi')!;
    const ledelse = PARAMETERS.find((p) => p.id === 'Ledelsesinformation')!;
    await levelButton(page, strategi, 4).click();
    await levelButton(page, ledelse, 4).click();
    const tried = scoreCells(PARAMETERS.map((p, i) => (p === strategi || p === ledelse ? 4 : ishoejRatings[i]!)));
    const triedCard = page.getByRole('group', { name: 'Prøvet score' });
    await expect(triedCard.innerText()).resolves.toContain(`${String(tried.samlet).replace('.', ',')}`);
    await page.getByText('I projektmappen nu: 3,0 I nogen grad').waitFor();
    expect(await host(page, (h, n) => h.valueOf(n), strategi.definedName)).toBe(ISHOEJ.Strategi);
    await check(page, 'vurdering-proev');
    await page.getByRole('button', { name: 'Kassér' }).click();
    await expect(card.innerText()).resolves.toMatch(/3,0\s+Samlet/);
    expect(await host(page, (h, n) => [h.valueOf(n[0]!), h.valueOf(n[1]!)], [strategi.definedName, ledelse.definedName])).toEqual([ISHOEJ.Strategi, ISHOEJ.Ledelsesinformation]);

    // A sheet result that disagrees with the mirror is shown.
    await host(page, (h) => h.calculate({ Score_Samlet: 2.9 }));
    await page.getByText('Arket og ruden er uenige om scoren.').waitFor();
    await expect(page.getByRole('alert').innerText()).resolves.toContain('Samlet: arket 2,9, ruden 3,0');
    await check(page, 'vurdering-uenig');
    await host(page, (h, r) => h.calculate(r), excelResults(ishoejRatings));
    await page.getByText('stemmer med beregningen her').waitFor();

    // Tjek: 5 typed into a rating cell is a problem; clicking it selects the cell.
    const at = await host(page, (h, n) => h.nameTarget(n), strategi.definedName);
    await host(page, (h, a) => h.userEdit(a!.sheet, a!.ref, 5), at);
    await page.getByRole('tab', { name: /Tjek, 1 fejl/ }).waitFor();
    await page.getByRole('tab', { name: /Tjek/ }).click();
    const problem = page.getByRole('button', { name: new RegExp(`^${at!.sheet}!${at!.ref}\\s*.*5 ligger uden for skalaen`) });
    await problem.waitFor();
    // The blank Vurdering_Dato is listed with the other missing inputs (issue 21), and goes when typed.
    const date = await host(page, (h) => h.nameTarget('Vurdering_Dato'));
    const dateMissing = page.getByRole('button', { name: new RegExp(`^${date!.sheet}!${date!.ref}\\s*Mangler: vurderingens dato er ikke skrevet`) });
    await dateMissing.waitFor();
    await check(page, 'tjek');
    await problem.click();
    await page.getByText(`Cellen ${at!.sheet}!${at!.ref} er markeret i Excel.`).waitFor();
    expect(await host(page, (h) => h.selection)).toEqual({ sheet: at!.sheet, ref: at!.ref });
    // Fixed in the sheet: the problem goes.
    await host(page, (h, a) => h.userEdit(a!.sheet, a!.ref, 3), at);
    await page.getByText('Ingen fejl: alle udfyldte celler kan læses.').waitFor();
    await host(page, (h, d) => h.userEdit(d!.sheet, d!.ref, '15-12-2017'), date);
    await dateMissing.waitFor({ state: 'detached' });

    // A problem on a hidden sheet: the pane says where instead of selecting.
    await host(page, (h, a) => h.userEdit(a!.sheet, a!.ref, 'meget'), at);
    await problem.or(page.getByRole('button', { name: new RegExp(`^${at!.sheet}!${at!.ref}\\s*`) })).first().waitFor();
    await host(page, (h, a) => void (h.sheet(a!.sheet).visibility = 'Hidden'), at);
    await host(page, (h) => h.userEdit('Kommune', 'C3', 'Ishøj'));
    await page.waitForTimeout(600);
    await page.getByRole('button', { name: new RegExp(`^${at!.sheet}!${at!.ref}\\s*`) }).click();
    await page.getByText(`Cellen ${at!.ref} ligger på det skjulte ark ${at!.sheet}.`, { exact: false }).waitFor();
    await page.close();
  });

  it('on an ExcelApi 1.9 host, a chosen level costs two syncs in all and is compared at once', async () => {
    const page = await open("host.excelApi = '1.9';");
    await page.getByRole('button', { name: 'Indsæt skabelon' }).click();
    await page.getByText('Skabelonen er indsat.').waitFor({ timeout: 60_000 });
    await page.getByRole('tab', { name: 'Vurdering' }).and(page.locator(':not([disabled])')).waitFor();
    await page.getByRole('tab', { name: 'Vurdering' }).click();
    await page.getByText('Ingen parametre er vurderet').waitFor();
    // Excel calculates the change within the write's request (the fake: with these results).
    const ratings = PARAMETERS.map((_, i) => (i === 0 ? 3 : null));
    await host(page, (h, r) => void ((h as unknown as { calculator: () => unknown }).calculator = () => r), excelResults(ratings));
    await page.waitForTimeout(1500);
    const before = await host(page, (h) => h.syncCount);
    await levelButton(page, PARAMETERS[0]!, 3).click();
    await page.getByText('stemmer med beregningen her').waitFor();
    // Past the debounce and the echo window: the change and calculated events of the pane's own write brought no read.
    await page.waitForTimeout(1500);
    expect((await host(page, (h) => h.syncCount)) - before).toBe(2);
    await expect(page.getByRole('group', { name: 'Score', exact: true }).innerText()).resolves.toMatch(/mangler 9 af 10/);
  });

  it('says so instead of comparing when Excel calculates manually, and gives a lost connection in Danish', async () => {
    const page = await open();
    await page.getByRole('button', { name: 'Indsæt skabelon' }).click();
    await page.getByText('Skabelonen er indsat.').waitFor({ timeout: 60_000 });
    await page.getByRole('tab', { name: 'Vurdering' }).and(page.locator(':not([disabled])')).waitFor();
    await host(page, (h) => void (h.calculationMode = 'Manual'));
    await page.getByRole('tab', { name: 'Vurdering' }).click();
    await rate(page, PARAMETERS[0]!, 2);
    await page.getByText('Excel beregner manuelt').waitFor();
    await check(page, 'vurdering-manuel');

    await host(page, (h) => void h.failOnSync.push({ atAction: 0, code: 'ConnectionFailure' }));
    await levelButton(page, PARAMETERS[1]!, 3).click();
    await page.getByText('forbindelsen til Excel blev afbrudt', { exact: false }).waitFor();
    expect(await host(page, (h, n) => h.valueOf(n), PARAMETERS[1]!.definedName)).toBeNull();
    await page.close();
  });

  it('opens a 1.0 workbook, asks, and upgrades it with every input carried and what moved listed', async () => {
    const seed = await seedFromFile(path.join(ROOT, 'test', 'fixtures', 'v1.0', 'ishoej-demo-1.0.xlsx'));
    const page = await open(`host.load(${JSON.stringify(seed)});`);
    await page.getByRole('button', { name: 'Opgrader' }).waitFor({ timeout: 30_000 });
    await expect(page.getByRole('tab', { name: 'Vurdering' }).isDisabled()).resolves.toBe(true);
    await check(page, 'start-opgrader');
    await page.getByRole('button', { name: 'Opgrader' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.waitFor();
    await expect(dialog.innerText()).resolves.toContain('Kommune_Indbyggere: Kommune!C7 → Kommune!C9');
    // The Office adapter cannot list notes: the dialog says they do not come along.
    await expect(dialog.innerText()).resolves.toContain('Noter (kommentarer) i skabelonens ark kan tilføjelsesprogrammet ikke se, og de kommer ikke med');
    await check(page, 'opgrader-spoerg');
    await page.getByRole('button', { name: 'Opgrader nu' }).click();
    await page.getByText('Opgraderet fra skabelonversion 1.0 til 1.1.').waitFor({ timeout: 60_000 });

    const carried = await host(
      page,
      (h, names) => ({ version: h.valueOf('Template_Version'), kommune: h.valueOf('Kommune_Navn'), ratings: names.map((n) => h.valueOf(n)), dato: h.nameTarget('Vurdering_Dato'), sheets: h.state.sheets.map((s) => s.name) }),
      PARAMETERS.map((p) => p.definedName),
    );
    expect(carried.version).toBe('1.1');
    expect(carried.kommune).toBe('Ishøj');
    expect(carried.ratings).toEqual(ishoejRatings);
    expect(carried.dato).toEqual({ sheet: 'Kommune', ref: 'C7' });
    expect(carried.sheets).toEqual(['Ledelsesresumé', 'Ark1', 'Vejledning', 'Kommune', 'Indikatorer', 'Selvevaluering', 'Vurdering', 'Score', 'Data', 'Hentninger', 'Lister']);
    await page.getByRole('tab', { name: 'Vurdering' }).and(page.locator(':not([disabled])')).waitFor();
    await check(page, 'start-opgraderet');
    await page.close();
  });

  it('says that the add-in must be updated for a newer template version, and changes nothing', async () => {
    const page = await open(`host.load({ sheets: [{ name: 'Vejledning', visible: true, cells: [['C24', '2.0']] }], names: [['Template_Version', '=Vejledning!$C$24']] });`);
    await page.getByText('Tilføjelsesprogrammet skal opdateres.').waitFor({ timeout: 30_000 });
    await expect(page.getByRole('button', { name: 'Indsæt skabelon' }).count()).resolves.toBe(0);
    await expect(page.getByRole('tab', { name: 'Kommune' }).isDisabled()).resolves.toBe(true);
    await check(page, 'start-nyere');
    await page.close();
  });
});
