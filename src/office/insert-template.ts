/**
 * Inserting the template: the described sheets written through the workbook port, the same
 * descriptions the file writer renders. The adapter refuses before writing anything when a
 * sheet of the template already exists, and undoes a write that Excel refuses half-way.
 */
import { TEMPLATE_VERSION } from '../model/indicators';
import { emptyAssessment } from '../model/schema';
import type { WorkbookSpec } from '../workbook/description';
import type { WorkbookPort, WriteBatch } from '../workbook/port';
import { describeWorkbook } from '../workbook/template';

export function emptyTemplate(): WorkbookSpec {
  return describeWorkbook(emptyAssessment(TEMPLATE_VERSION));
}

/** The write that puts every sheet and range name of the template. */
export function templateWrite(spec: WorkbookSpec = emptyTemplate()): WriteBatch {
  return { putSheets: spec.sheets.map((sheet) => ({ sheet, position: 'last' as const })), names: spec.rangeNames };
}

/** Writes every sheet and range name of the template; returns the sheets' names. */
export async function insertTemplate(port: WorkbookPort, spec: WorkbookSpec = emptyTemplate()): Promise<string[]> {
  await port.write(templateWrite(spec));
  return spec.sheets.map((s) => s.name);
}
