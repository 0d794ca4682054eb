import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { INDICATORS, TEMPLATE_VERSION } from '../src/model/indicators';
import { emptyAssessment } from '../src/model/schema';
import { describeWorkbook } from '../src/workbook/template';
import { SHEETS } from '../src/workbook/layout';
import { writeXlsx } from '../src/xlsx/xlsx-workbook';
import { inputFields } from '../src/workbook/fields';

const TEMPLATE_FILE = path.join(__dirname, '..', 'templates', 'parathedsvurdering.xlsx');

/** The defined names the issue fixes as a contract for consultants' formulas and later features. */
const CONTRACT = [
  'Egen_Beredskab',
  'Egen_Indsatser',
  'Egen_InterntSamarbejde',
  'Egen_EksterntSamarbejde',
  'Egen_Kompetencer',
  'Vurd_Strategi',
  'Vurd_TvaergaaendeOrganisering',
  'Vurd_PlanBekymringshenvendelser',
  'Vurd_Registreringspraksis',
  'Vurd_Ledelsesinformation',
  'Score_Antal',
  'Score_Samlet',
  'Score_Foreloebig',
  'Score_Egen',
  'Score_Vurdering',
  'Score_Niveau',
  'Kommune_Navn',
  'Kommune_Kode',
  'Kommune_Region',
  'Kommune_Politikreds',
  'Kommune_Indbyggere',
  'Omfang_Bekymringshenvendelser',
  'Omfang_HenvendelserInfohus',
  'Omfang_SagsforloebInfohus',
  ...['Fuldtidsledige', 'DisponibelIndkomst', 'Grundskole', 'UlovligtFravaer', 'Trivsel', 'Doemte', 'Tryghedsindeks', 'UdsatteBoligomraader', 'SaerligtUdsatte', 'IkkeVestlige'].flatMap(
    (id) => ['Kommune', 'Region', 'Land', 'Periode'].map((g) => `Ind_${id}_${g}`),
  ),
  'Template_Version',
];
const RATING_NAMES = CONTRACT.filter((n) => n.startsWith('Egen_') || n.startsWith('Vurd_'));
const RESULT_NAMES = CONTRACT.filter((n) => n.startsWith('Score_'));

/** Functions that Excel 2016 and LibreOffice 7 both have, and that the template may use. */
const ALLOWED_FUNCTIONS = new Set(['IF', 'ISNUMBER', 'ISBLANK', 'AND', 'INT', 'IFERROR', 'MATCH', 'TRIM', 'SUBSTITUTE', 'INDEX', 'COUNT', 'ROUND', 'AVERAGE', 'RANK']);

let generated: Buffer;
let wb: ExcelJS.Workbook;

beforeAll(async () => {
  generated = Buffer.from(await writeXlsx(describeWorkbook(emptyAssessment(TEMPLATE_VERSION))));
  wb = new ExcelJS.Workbook();
  await wb.xlsx.load(generated as unknown as ArrayBuffer);
});

function cellOf(name: string): ExcelJS.Cell {
  const ranges = wb.definedNames.getRanges(name).ranges;
  expect(ranges).toHaveLength(1);
  const m = /^'?(.*?)'?!\$([A-Z]+)\$(\d+)$/.exec(ranges[0]!);
  expect(m).not.toBeNull();
  return wb.getWorksheet(m![1]!)!.getCell(`${m![2]}${m![3]}`);
}

describe('template', () => {
  it('the built copy under templates/ is identical to what the generator writes', async () => {
    expect(generated.equals(readFileSync(TEMPLATE_FILE))).toBe(true);
    // And the generator is deterministic.
    expect(Buffer.from(await writeXlsx(describeWorkbook(emptyAssessment(TEMPLATE_VERSION)))).equals(generated)).toBe(true);
  });

  it('has one sheet per part, in Danish', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(Object.values(SHEETS));
    expect(wb.getWorksheet(SHEETS.lister)!.state).toBe('hidden');
  });

  it('defines every contract name as one workbook-level cell', () => {
    for (const name of CONTRACT) expect(() => cellOf(name)).not.toThrow();
    expect(cellOf('Template_Version').value).toBe(TEMPLATE_VERSION);
  });

  it('gives every input cell a name, unlocked, and locks everything else on protected sheets', () => {
    const inputNames = new Set(inputFields().map((f) => f.name));
    for (const name of inputNames) expect(cellOf(name).protection?.locked).toBe(false);
    const inputAddresses = new Set([...inputNames].map((n) => `${cellOf(n).worksheet.name}!${cellOf(n).address}`));
    for (const ws of wb.worksheets) {
      const protection = (ws as unknown as { sheetProtection?: { sheet?: boolean; hashValue?: string } }).sheetProtection;
      expect(protection?.sheet).toBe(true);
      expect(protection?.hashValue).toBeUndefined();
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.isMerged && cell.master !== cell) return; // part of a merged input or label
          const isInput = inputAddresses.has(`${ws.name}!${cell.address}`);
          expect({ cell: `${ws.name}!${cell.address}`, locked: cell.protection?.locked !== false }).toEqual({ cell: `${ws.name}!${cell.address}`, locked: !isInput });
        }),
      );
    }
  });

  it('rating cells offer 1–4 from a dropdown with a Danish input message and stop alert, and show the label by formula', () => {
    for (const name of RATING_NAMES) {
      const cell = cellOf(name);
      const dv = cell.dataValidation;
      expect(dv).toMatchObject({ type: 'list', formulae: ['"1,2,3,4"'], showErrorMessage: true, showInputMessage: true, errorStyle: 'stop' });
      expect(dv.prompt).toContain('3 = I nogen grad');
      expect(dv.error).toMatch(/Vælg et helt tal fra 1 til 4/);
      const label = cell.worksheet.getCell(cell.row, Number(cell.col) + 1).value as ExcelJS.CellFormulaValue;
      expect(label.formula).toMatch(/^IF\(ISNUMBER\(Score!\$C\$\d+\),INDEX\(Skala_Etiketter/);
    }
  });

  it('results are formulas over the rating cells', () => {
    for (const name of RESULT_NAMES) expect((cellOf(name).value as ExcelJS.CellFormulaValue).formula).toBeTruthy();
    expect((cellOf('Score_Samlet').value as ExcelJS.CellFormulaValue).formula).toBe('IF(COUNT(C4:C13)=10,ROUND(AVERAGE(C4:C13),1),"")');
  });

  it('formats percentages as 7,1 % and money as 193.760 (Danish Excel renders these codes so)', () => {
    for (const ind of INDICATORS) {
      const fmt = cellOf(`Ind_${ind.id}_Kommune`).numFmt;
      if (ind.enhed === 'andel') expect(fmt).toBe('0.0 %');
      if (ind.enhed === 'kr') expect(fmt).toBe('#,##0');
    }
    expect(cellOf('Score_Samlet').numFmt).toBe('0.0');
  });

  it('uses only functions that Excel 2016 and LibreOffice 7 both have', () => {
    const used = new Set<string>();
    for (const ws of wb.worksheets) {
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          const f = (cell.value as ExcelJS.CellFormulaValue | null)?.formula;
          if (f) for (const m of f.replace(/"[^"]*"/g, '').matchAll(/([A-Z][A-Z0-9.]*)\(/g)) used.add(m[1]!);
        }),
      );
    }
    expect([...used].filter((f) => !ALLOWED_FUNCTIONS.has(f))).toEqual([]);
    expect(used.size).toBeGreaterThan(5);
  });
});
