/** The shared test helpers in test/helpers/ answer what the tests that use them assume. */
import ExcelJS from 'exceljs';
import { ishoej2017 } from '../src/examples/ishoej';
import { describeWorkbook } from '../src/workbook/template';
import { writeXlsx } from '../src/xlsx/xlsx-workbook';
import { withCells } from './helpers/named-cells';
import { upTo } from './helpers/requirement-sets';

describe('upTo: a host with ExcelApi up to a version', () => {
  it.each([
    ['1.9', '1.1', true],
    ['1.9', '1.9', true],
    ['1.9', '1.10', false],
    ['1.10', '1.9', true],
    ['1.9', '2.0', false],
    ['1.9', '2.1', false],
    ['2.0', '1.9', true],
    ['2.1', '1.17', true],
    ['2.1', '2.1', true],
    ['2.1', '2.2', false],
    ['10.0', '2.1', true],
    ['2.1', '10.0', false],
  ])('a host up to %s has %s: %p', (host, asked, has) => {
    expect(upTo(host)('ExcelApi', asked)).toBe(has);
  });

  it('has no other requirement set', () => {
    expect(upTo('1.9')('WordApi', '1.1')).toBe(false);
  });
});

describe('withCells: a workbook with named cells set', () => {
  let demo: Uint8Array;
  beforeAll(async () => {
    demo = await writeXlsx(describeWorkbook(ishoej2017().assessment));
  });

  async function cellOf(bytes: Uint8Array, name: string): Promise<ExcelJS.Cell> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const m = /^'?(.*?)'?!\$?([A-Z]+)\$?(\d+)$/.exec(wb.definedNames.getRanges(name).ranges[0]!)!;
    return wb.getWorksheet(m[1]!)!.getCell(`${m[2]}${m[3]}`);
  }

  it('sets the named cell, gives a date the format asked for and no other, and runs the edit', async () => {
    const date = new Date(Date.UTC(2017, 5, 30));
    const plain = await withCells(demo, { Egen_Beredskab: 4, Kommune_Indbyggere: date });
    expect((await cellOf(plain, 'Egen_Beredskab')).value).toBe(4);
    expect((await cellOf(plain, 'Kommune_Indbyggere')).numFmt).not.toBe('dd-mm-yyyy');
    const formatted = await withCells(demo, { Kommune_Indbyggere: date }, { dateFormat: 'dd-mm-yyyy', edit: (wb) => void wb.addWorksheet('Ekstra') });
    expect((await cellOf(formatted, 'Kommune_Indbyggere')).numFmt).toBe('dd-mm-yyyy');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(formatted as unknown as ArrayBuffer);
    expect(wb.getWorksheet('Ekstra')).toBeDefined();
  });

  it('refuses a name the workbook does not have', async () => {
    await expect(withCells(demo, { Findes_Ikke: 1 })).rejects.toThrow(/Findes_Ikke/);
  });
});
