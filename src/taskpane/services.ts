/**
 * What the pane's screens do in the workbook. The Office adapter and the template's description
 * are loaded when first used, so the pane's first script stays small.
 */
export interface PaneServices {
  /** Writes the empty template into the open workbook; resolves the names of the sheets written. */
  insertTemplate(): Promise<string[]>;
}

export const officeServices: PaneServices = {
  async insertTemplate() {
    const [{ OfficeWorkbook }, { insertTemplate }] = await Promise.all([import(/* webpackChunkName: "office" */ '../office/workbook'), import(/* webpackChunkName: "template" */ '../office/insert-template')]);
    return insertTemplate(new OfficeWorkbook());
  },
};
