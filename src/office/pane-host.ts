/// <reference types="office-js" />
/**
 * What the task pane needs from Excel besides the workbook port: the calculation mode (read in
 * the same sync as the port's read, so a refresh stays one sync), the change and calculation
 * events, and selecting a cell. The port itself is `OfficeWorkbook`, which also reads Excel's
 * calculation state where the host has it (ExcelApi 1.9).
 *
 * Events: a change to any cell of a sheet (`Worksheet.onChanged`, ExcelApi 1.7; the workbook's
 * `WorksheetCollection.onChanged` where the host has ExcelApi 1.9) and a finished calculation
 * (`WorksheetCollection.onCalculated`, ExcelApi 1.8).
 */
import { nativeFeatures } from './charts';
import { OfficeWorkbook, type ExcelRun } from './workbook';

export type CalculationMode = 'automatic' | 'manual' | 'unknown';

export interface PaneEvents {
  /** Cells changed; `address` is the changed range on its sheet ("C5"), when Excel says it. */
  changed(change: { address?: string }): void;
  calculated(): void;
}

export class OfficePaneHost {
  readonly port: OfficeWorkbook;
  private mode: CalculationMode = 'unknown';
  private readonly run: ExcelRun;
  private readonly watchedSheets = new Set<string>();
  private workbookWatched = false;
  private calculatedWatched = false;

  constructor(
    run: ExcelRun = (batch) => Excel.run(batch),
    private readonly isSetSupported: (name: string, version: string) => boolean = (n, v) => Office.context.requirements.isSetSupported(n, v),
  ) {
    this.run = run;
    // Every run of the port also loads the calculation mode: it travels in the port's first sync.
    const withMode: ExcelRun = (batch) =>
      run(async (ctx) => {
        const app = ctx.workbook.application.load('calculationMode');
        const result = await batch(ctx);
        try {
          this.mode = /^manual$/i.test(String(app.calculationMode)) ? 'manual' : 'automatic';
        } catch {
          this.mode = 'unknown';
        }
        return result;
      });
    // Excel's calculation state (ExcelApi 1.9) tells whether the results a read sees are calculated.
    // Native charts and print setup of a put sheet (the summary), as far as the host has them.
    this.port = new OfficeWorkbook({ run: withMode, calculationState: isSetSupported('ExcelApi', '1.9'), native: nativeFeatures(isSetSupported) });
  }

  /** Excel's calculation mode as of the last read. */
  get calculationMode(): CalculationMode {
    return this.mode;
  }

  /** Whether the host tells the pane when Excel has calculated. */
  get hasCalculatedEvent(): boolean {
    return this.isSetSupported('ExcelApi', '1.8');
  }

  /**
   * Listens for changes on the given sheets (or the whole workbook where the host can) and for
   * calculations. Call again after sheets were added: sheets already listened to are skipped.
   * One sync, or none when there is nothing new to listen to.
   */
  async watch(sheets: readonly string[], events: PaneEvents): Promise<void> {
    const wholeWorkbook = this.isSetSupported('ExcelApi', '1.9');
    const calc = this.hasCalculatedEvent && !this.calculatedWatched;
    const onChanged = (e: { address?: string }) => events.changed(typeof e?.address === 'string' ? { address: e.address } : {});
    const onCalculated = () => events.calculated();
    await this.run(async (ctx) => {
      let queued = false;
      if (wholeWorkbook && !this.workbookWatched) {
        ctx.workbook.worksheets.onChanged.add(async (e) => onChanged(e));
        queued = true;
      }
      const ids: { name: string; sheet: Excel.Worksheet }[] = [];
      if (!wholeWorkbook) {
        for (const name of sheets) {
          const sheet = ctx.workbook.worksheets.getItem(name);
          sheet.load('id');
          ids.push({ name, sheet });
        }
        if (ids.length) {
          await ctx.sync();
          for (const { sheet } of ids) {
            if (this.watchedSheets.has(sheet.id)) continue;
            sheet.onChanged.add(async (e) => onChanged(e));
            this.watchedSheets.add(sheet.id);
            queued = true;
          }
        }
      }
      if (calc) {
        ctx.workbook.worksheets.onCalculated.add(async () => onCalculated());
        queued = true;
      }
      if (queued) await ctx.sync();
    });
    if (wholeWorkbook) this.workbookWatched = true;
    if (calc) this.calculatedWatched = true;
  }

  /** Shows and selects one cell. One sync. */
  async select(sheet: string, cell: string): Promise<void> {
    await this.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(sheet);
      ws.activate();
      ws.getRange(cell).select();
      await ctx.sync();
    });
  }
}
