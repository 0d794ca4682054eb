/**
 * A fake Excel host: a declared test double of the part of Office.js the add-in uses, for jest
 * and for the pane in headless Chromium (this file has no imports, so it is also bundled as a
 * plain script and injected before the pane's scripts).
 *
 * It behaves like Excel where the adapter's correctness depends on it:
 * - proxies queue their changes, and `context.sync()` applies them in order; a change that fails
 *   stops the batch there (what came before stays applied, as in Excel: batches are not
 *   transactional) and rejects the sync with an error that has Office.js's `code`;
 * - a request larger than `maxRequestBytes` is refused whole (Excel on the web's 5 MB limit);
 * - a property read that was not loaded and synced throws `PropertyNotLoaded`;
 * - `getItemOrNullObject` answers null objects; a method called on a null object, or `getItem`
 *   of something missing, fails the sync with `ItemNotFound`;
 * - locked cells of a protected sheet refuse values, formulas and formats (`AccessDenied`);
 * - text written to a cell formatted "@" stays text; any other string is parsed as Excel does
 *   ("=…" a formula, "12" a number, "TRUE" a truth value);
 * - change events fire after a sync that changed cells, and on `userEdit` (to the workbook's
 *   handlers and to the changed sheet's own); calculated events fire on `calculate`, which sets
 *   formula results as Excel's calculation would, or within the request when the test gives a
 *   `calculator` (as Excel calculates a change before the request's later loads);
 * - `application.calculationMode` is "Automatic" unless a test sets `calculationMode`, and
 *   `application.calculationState` is "Pending" from a change until it is calculated;
 * - `range.select()` activates the sheet and records the selection (refused on a hidden sheet);
 * - `hold()` keeps every sync waiting until `release()`, as a slow Excel on the web keeps a request.
 * It has no formula engine: a formula's result is whatever the test sets with `setResult`.
 */

export type Scalar = number | string | boolean;

export interface FakeFormat {
  font: { name?: string; size?: number; bold?: boolean; italic?: boolean; color?: string };
  fill?: string;
  borders: Record<string, { style?: string; weight?: string; color?: string }>;
  wrapText?: boolean;
  verticalAlignment?: string;
}

export interface FakeCell {
  /** A constant, or the result a test set for a formula. */
  value: Scalar | null;
  /** Formula text with "=". */
  formula?: string;
  numberFormat: string;
  locked: boolean;
  format: FakeFormat;
}

export interface FakeValidation {
  rule?: unknown;
  prompt?: unknown;
  errorAlert?: unknown;
  ignoreBlanks?: boolean;
}

export interface FakeSheet {
  id: string;
  name: string;
  visibility: 'Visible' | 'Hidden' | 'VeryHidden';
  tabColor: string;
  cells: Map<string, FakeCell>;
  protection: { protected: boolean; options: Record<string, unknown> };
  merges: string[];
  validations: Map<string, FakeValidation>;
  conditionalFormats: { range: string; type: string; settings: Record<string, unknown> }[];
  columnWidths: Map<number, number>;
  rowHeights: Map<number, number>;
  frozenRows: number;
  /** Sheet-scoped names. */
  names: Map<string, FakeName>;
  /**
   * The record of what was asked of the sheet's charts (`charts.add(…)`, `…title.text="…"`) and
   * its print setup (`pageLayout.paperSize="A4"`): the fake draws nothing, it writes down.
   */
  native: string[];
}

export interface FakeName {
  name: string;
  /** "=Sheet!$A$1", as Excel gives NamedItem.formula. */
  formula: string;
}

export interface ChangeEvent {
  worksheetId: string;
  address: string;
  changeType: 'RangeEdited';
  source: 'Local' | 'Remote';
  type: 'WorksheetChanged';
}

/** A workbook for `load`: each cell as [ref, value, formula?, numberFormat?]. */
export interface FakeSeed {
  sheets: { name: string; visible: boolean; cells: [string, Scalar | null, string?, string?][] }[];
  names: [string, string][];
}

export interface CalculatedEvent {
  worksheetId: string;
  type: 'WorksheetCalculated';
}

export class FakeOfficeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'RichApi.Error';
  }
}

// ------------------------------------------------------------------------- addresses

function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}
function colLetters(n: number): string {
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
interface Box {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}
const MAX_ROW = 1048576;
const MAX_COL = 16384;
function parseBox(address: string): Box {
  const a = address.replace(/\$/g, '').toUpperCase();
  const parts = a.split(':');
  const one = (p: string, end: boolean): { r: number; c: number } => {
    let m = /^([A-Z]+)(\d+)$/.exec(p);
    if (m) return { c: colIndex(m[1]!), r: Number(m[2]) };
    m = /^([A-Z]+)$/.exec(p);
    if (m) return { c: colIndex(m[1]!), r: end ? MAX_ROW : 1 };
    m = /^(\d+)$/.exec(p);
    if (m) return { r: Number(m[1]), c: end ? MAX_COL : 1 };
    throw new FakeOfficeError('InvalidArgument', `The argument is invalid or missing: ${address}`);
  };
  if (parts.length > 2) throw new FakeOfficeError('InvalidArgument', `Not a range: ${address}`);
  const from = one(parts[0]!, false);
  const to = one(parts[1] ?? parts[0]!, true);
  const single = parts.length === 1 && /^[A-Z]+\d+$/.test(parts[0]!);
  const t = single ? from : to;
  return { r1: Math.min(from.r, t.r), c1: Math.min(from.c, t.c), r2: Math.max(from.r, t.r), c2: Math.max(from.c, t.c) };
}
function boxAddress(b: Box): string {
  const a = `${colLetters(b.c1)}${b.r1}`;
  const z = `${colLetters(b.c2)}${b.r2}`;
  return a === z ? a : `${a}:${z}`;
}
function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}
function absolute(b: Box): string {
  const a = `$${colLetters(b.c1)}$${b.r1}`;
  const z = `$${colLetters(b.c2)}$${b.r2}`;
  return a === z ? a : `${a}:${z}`;
}

// ------------------------------------------------------------------------- the workbook state

export class FakeWorkbookState {
  sheets: FakeSheet[] = [];
  names = new Map<string, FakeName>();
  activeSheet?: string;
  private nextId = 1;

  addSheet(name: string): FakeSheet {
    if (this.sheet(name)) throw new FakeOfficeError('ItemAlreadyExists', `A worksheet named ${name} already exists.`);
    if (!name || name.length > 31 || /[\\/?*[\]:]/.test(name)) throw new FakeOfficeError('InvalidArgument', `Invalid worksheet name ${name}.`);
    const sheet: FakeSheet = {
      id: `{sheet-${this.nextId++}}`,
      name,
      visibility: 'Visible',
      tabColor: '',
      cells: new Map(),
      protection: { protected: false, options: {} },
      merges: [],
      validations: new Map(),
      conditionalFormats: [],
      native: [],
      columnWidths: new Map(),
      rowHeights: new Map(),
      frozenRows: 0,
      names: new Map(),
    };
    this.sheets.push(sheet);
    return sheet;
  }

  sheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase() || s.id === name);
  }

  deleteSheet(sheet: FakeSheet): void {
    if (this.sheets.filter((s) => s.visibility === 'Visible' && s !== sheet).length === 0) {
      throw new FakeOfficeError('InvalidOperation', 'A workbook must contain at least one visible worksheet.');
    }
    this.sheets = this.sheets.filter((s) => s !== sheet);
    // Names that pointed there now point at #REF!, as in Excel.
    const quoted = quoteSheet(sheet.name);
    for (const n of this.names.values()) if (n.formula.startsWith(`=${quoted}!`)) n.formula = '=#REF!';
  }

  /** Renames a sheet; names that point there follow it, as in Excel. */
  renameSheet(sheet: FakeSheet, name: string): void {
    if (!name || name.length > 31 || /[:\\/?*[\]]/.test(name)) throw new FakeOfficeError('InvalidArgument', `Invalid sheet name ${name}.`);
    if (this.sheets.some((s) => s !== sheet && s.name.toLowerCase() === name.toLowerCase())) throw new FakeOfficeError('ItemAlreadyExists', `A sheet named ${name} already exists.`);
    const from = `=${quoteSheet(sheet.name)}!`;
    for (const n of this.names.values()) if (n.formula.startsWith(from)) n.formula = `=${quoteSheet(name)}!${n.formula.slice(from.length)}`;
    sheet.name = name;
  }

  /** Where a workbook-level name points, if at a range on an existing sheet. */
  resolveName(name: string): { sheet: FakeSheet; box: Box } | undefined {
    const n = this.names.get(name.toLowerCase());
    if (!n) return undefined;
    const m = /^=(?:'((?:[^']|'')+)'|([^'!]+))!(\$?[A-Z]+\$?\d+(?::\$?[A-Z]+\$?\d+)?)$/.exec(n.formula);
    if (!m) return undefined;
    const sheet = this.sheet(m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2]!);
    return sheet ? { sheet, box: parseBox(m[3]!) } : undefined;
  }

  cell(sheet: FakeSheet, ref: string): FakeCell | undefined {
    return sheet.cells.get(ref);
  }

  /** The cell, made when missing. */
  cellAt(sheet: FakeSheet, row: number, col: number): FakeCell {
    const ref = `${colLetters(col)}${row}`;
    let c = sheet.cells.get(ref);
    if (!c) {
      c = { value: null, numberFormat: 'General', locked: true, format: { font: {}, borders: {} } };
      sheet.cells.set(ref, c);
    }
    return c;
  }
}

// ------------------------------------------------------------------------- requests and proxies

interface Action {
  payload: unknown;
  run(): void;
}


class Request {
  actions: Action[] = [];
  constructor(readonly host: FakeExcelHost) {}
}

/** Base of every proxy: loaded properties, and the request it queues on. */
class FakeObject {
  protected loaded = new Map<string, unknown>();
  protected pendingLoads = new Set<string>();
  constructor(
    protected readonly req: RequestRef,
    protected readonly path: string,
  ) {}

  protected get state(): FakeWorkbookState {
    return this.req.host.state;
  }

  protected queue(member: string, args: unknown, run: () => void): void {
    this.req.current.actions.push({ payload: [this.path, member, args], run });
  }

  protected prop<T>(name: string): T {
    if (!this.loaded.has(name)) {
      throw new FakeOfficeError('PropertyNotLoaded', `The property '${name}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`);
    }
    return this.loaded.get(name) as T;
  }

  /** Queues a load of the given properties ("a,b,c/d"). */
  load(spec?: string | string[] | { select?: string }): this {
    const list = typeof spec === 'string' ? spec.split(',') : Array.isArray(spec) ? spec : spec?.select ? spec.select.split(',') : ['*'];
    const props = list.map((p) => p.trim()).filter(Boolean);
    this.queue('load', props, () => this.snapshot(props));
    return this;
  }

  /** Copies the named properties from the state (at sync, in order). */
  snapshot(props: string[]): void {
    const direct = props.filter((p) => !p.includes('/'));
    const nested = new Map<string, string[]>();
    for (const p of props.filter((x) => x.includes('/'))) {
      const [head, ...rest] = p.split('/');
      nested.set(head!, [...(nested.get(head!) ?? []), rest.join('/')]);
    }
    for (const p of direct) this.loaded.set(p, this.read(p === '*' ? '*' : p));
    for (const [head, rest] of nested) {
      const child = (this as unknown as Record<string, unknown>)[head];
      if (child instanceof FakeObject) child.snapshot(rest);
      else throw new FakeOfficeError('InvalidArgument', `Cannot load ${head}/${rest.join(',')}`);
    }
  }

  /** The current value of a scalar property in the state. */
  protected read(prop: string): unknown {
    throw new FakeOfficeError('InvalidArgument', `The property '${prop}' cannot be loaded on ${this.path}.`);
  }

  toJSON(): unknown {
    return Object.fromEntries(this.loaded);
  }
}

interface RequestRef {
  host: FakeExcelHost;
  current: Request;
}

class FakeContext {
  readonly workbook: FakeWorkbook;
  private readonly ref: RequestRef;
  constructor(readonly host: FakeExcelHost) {
    this.ref = { host, current: new Request(host) };
    this.workbook = new FakeWorkbook(this.ref, 'workbook');
  }

  get pendingActions(): number {
    return this.ref.current.actions.length;
  }

  async sync(): Promise<void> {
    while (this.host.held) {
      this.host.waiting++;
      try {
        await this.host.held;
      } finally {
        this.host.waiting--;
      }
    }
    const req = this.ref.current;
    this.ref.current = new Request(this.host);
    this.host.syncCount++;
    const size = JSON.stringify(req.actions.map((a) => a.payload)).length;
    this.host.requestSizes.push(size);
    if (size > this.host.maxRequestBytes) {
      throw new FakeOfficeError('RequestPayloadSizeLimitExceeded', `The request payload size has exceeded the limit (${size} > ${this.host.maxRequestBytes} bytes).`);
    }
    const fail = this.host.failOnSync.shift();
    const calculated = new Set<FakeSheet>();
    try {
      req.actions.forEach((a, i) => {
        if (fail !== undefined && i === fail.atAction) throw new FakeOfficeError(fail.code, 'Injected failure.');
        const before = this.host.pendingChanges.length;
        a.run();
        // Excel calculates within the request: a load queued after a change sees its results.
        if (this.host.pendingChanges.length > before) for (const sheet of this.host.recalculate()) calculated.add(sheet);
      });
    } finally {
      const changed = this.host.pendingChanges;
      this.host.pendingChanges = [];
      this.host.fireChanges(changed);
      this.host.fireCalculated([...calculated]);
    }
    await Promise.resolve();
  }
}

class FakeWorkbook extends FakeObject {
  readonly worksheets: FakeWorksheetCollection;
  readonly names: FakeNamedItemCollection;
  readonly application: FakeApplication;
  constructor(req: RequestRef, path: string) {
    super(req, path);
    this.worksheets = new FakeWorksheetCollection(req, `${path}.worksheets`);
    this.names = new FakeNamedItemCollection(req, `${path}.names`, () => this.state.names, null);
    this.application = new FakeApplication(req, `${path}.application`);
  }
}

class FakeApplication extends FakeObject {
  protected override read(prop: string): unknown {
    if (prop === 'calculationMode') return this.req.host.calculationMode;
    if (prop === 'calculationState') return this.req.host.calculationState;
    return super.read(prop);
  }
  get calculationMode(): string {
    return this.prop('calculationMode');
  }
  get calculationState(): string {
    return this.prop('calculationState');
  }
}

type SheetResolver = () => FakeSheet | null;

class FakeWorksheetCollection extends FakeObject {
  private itemsList?: FakeWorksheet[];
  readonly onChanged = {
    add: (handler: (e: ChangeEvent) => unknown) => {
      this.req.host.handlers.push(handler);
      return { remove: () => void (this.req.host.handlers = this.req.host.handlers.filter((h) => h !== handler)) };
    },
  };
  readonly onCalculated = {
    add: (handler: (e: CalculatedEvent) => unknown) => {
      this.req.host.calculatedHandlers.push(handler);
      return { remove: () => void (this.req.host.calculatedHandlers = this.req.host.calculatedHandlers.filter((h) => h !== handler)) };
    },
  };

  get items(): FakeWorksheet[] {
    if (!this.itemsList) throw new FakeOfficeError('PropertyNotLoaded', "The property 'items' is not available: load the collection and sync first.");
    return this.itemsList;
  }

  override snapshot(props: string[]): void {
    const itemProps = props.filter((p) => p.startsWith('items/')).map((p) => p.slice(6));
    this.itemsList = this.state.sheets.map((s) => {
      const ws = new FakeWorksheet(this.req, `${this.path}[${s.id}]`, () => s, false);
      ws.snapshot(itemProps.length ? itemProps : ['name', 'visibility', 'position', 'id']);
      return ws;
    });
  }

  getItem(key: string): FakeWorksheet {
    const resolve: SheetResolver = () => {
      const s = this.state.sheet(key);
      if (!s) throw new FakeOfficeError('ItemNotFound', `The requested resource doesn't exist: worksheet ${key}.`);
      return s;
    };
    return new FakeWorksheet(this.req, `${this.path}('${key}')`, resolve, false);
  }

  getItemOrNullObject(key: string): FakeWorksheet {
    return new FakeWorksheet(this.req, `${this.path}('${key}')?`, () => this.state.sheet(key) ?? null, true);
  }

  add(name: string): FakeWorksheet {
    let created: FakeSheet | undefined;
    this.queue('add', [name], () => {
      created = this.state.addSheet(name);
    });
    return new FakeWorksheet(this.req, `${this.path}.add('${name}')`, () => {
      if (!created) throw new FakeOfficeError('ItemNotFound', 'The worksheet was not added.');
      return created;
    }, false);
  }

  getActiveWorksheet(): FakeWorksheet {
    return new FakeWorksheet(this.req, `${this.path}.active`, () => this.state.sheet(this.state.activeSheet ?? '') ?? this.state.sheets[0] ?? null, false);
  }
}

class FakeWorksheet extends FakeObject {
  readonly protection: FakeProtection;
  readonly freezePanes: { freezeRows: (n: number) => void };
  readonly names: FakeNamedItemCollection;

  constructor(
    req: RequestRef,
    path: string,
    readonly resolve: SheetResolver,
    private readonly nullable: boolean,
  ) {
    super(req, path);
    this.protection = new FakeProtection(req, `${path}.protection`, () => this.sheet());
    this.freezePanes = {
      freezeRows: (n: number) => this.queue('freezeRows', [n], () => void (this.sheet().frozenRows = n)),
    };
    this.names = new FakeNamedItemCollection(req, `${path}.names`, () => this.sheet().names, () => this.sheet());
  }

  /** The sheet's charts (ExcelApi 1.7): every property set and call recorded in `native`. */
  get charts(): unknown {
    return recorder((m, a, run) => this.queue(m, a, run), () => this.sheet(), 'charts');
  }

  /** The sheet's tables (ExcelApi 1.1): recorded in `native`. */
  get tables(): unknown {
    return recorder((m, a, run) => this.queue(m, a, run), () => this.sheet(), 'tables');
  }

  /** The sheet's print setup (ExcelApi 1.9): recorded in `native`. */
  get pageLayout(): unknown {
    return recorder((m, a, run) => this.queue(m, a, run), () => this.sheet(), 'pageLayout');
  }

  /** The sheet's own change events (ExcelApi 1.7): registered at once, for the sheet this proxy resolves to now. */
  get onChanged() {
    return {
      add: (handler: (e: ChangeEvent) => unknown) => {
        const id = this.sheet().id;
        const entry = { sheetId: id, handler };
        this.req.host.sheetHandlers.push(entry);
        return { remove: () => void (this.req.host.sheetHandlers = this.req.host.sheetHandlers.filter((h) => h !== entry)) };
      },
    };
  }

  /** The sheet, or ItemNotFound when this is a null object or a missing sheet. */
  sheet(): FakeSheet {
    const s = this.resolve();
    if (!s) throw new FakeOfficeError('ItemNotFound', `The requested resource doesn't exist (${this.path}).`);
    return s;
  }

  protected override read(prop: string): unknown {
    if (prop === 'isNullObject') return this.nullable ? !this.resolve() : false;
    const s = this.nullable ? this.resolve() : this.sheet();
    if (!s) return null;
    switch (prop) {
      case 'name':
        return s.name;
      case 'id':
        return s.id;
      case 'visibility':
        return s.visibility;
      case 'tabColor':
        return s.tabColor;
      case 'position':
        return this.state.sheets.indexOf(s);
      default:
        return super.read(prop);
    }
  }

  override load(spec?: string | string[] | { select?: string }): this {
    if (this.nullable) {
      // A null object knows it is one after the sync.
      this.queue('load', ['isNullObject'], () => this.loaded.set('isNullObject', !this.resolve()));
      if (spec === undefined) return this;
    }
    return super.load(spec ?? ['name', 'visibility', 'position', 'id', 'tabColor']);
  }

  get isNullObject(): boolean {
    return this.prop('isNullObject');
  }
  get name(): string {
    return this.prop('name');
  }
  set name(v: string) {
    this.queue('name', v, () => this.req.host.state.renameSheet(this.sheet(), v));
  }
  get id(): string {
    return this.prop('id');
  }
  get visibility(): string {
    return this.prop('visibility');
  }
  set visibility(v: string) {
    this.queue('visibility', v, () => void (this.sheet().visibility = v as FakeSheet['visibility']));
  }
  get tabColor(): string {
    return this.prop('tabColor');
  }
  set tabColor(v: string) {
    this.queue('tabColor', v, () => void (this.sheet().tabColor = v));
  }
  get position(): number {
    return this.prop('position');
  }
  set position(v: number) {
    this.queue('position', v, () => {
      const s = this.sheet();
      const list = this.state.sheets.filter((x) => x !== s);
      list.splice(Math.max(0, Math.min(v, list.length)), 0, s);
      this.state.sheets = list;
    });
  }

  delete(): void {
    this.queue('delete', [], () => this.state.deleteSheet(this.sheet()));
  }

  activate(): void {
    this.queue('activate', [], () => {
      const s = this.sheet();
      if (s.visibility !== 'Visible') throw new FakeOfficeError('InvalidOperation', 'A hidden sheet cannot be activated.');
      this.state.activeSheet = s.name;
    });
  }

  getRange(address?: string): FakeRange {
    return new FakeRange(this.req, `${this.path}.getRange('${address ?? ''}')`, () => ({ sheet: this.sheet(), box: parseBox(address ?? 'A1:XFD1048576') }));
  }

  getUsedRange(valuesOnly?: boolean): FakeRange {
    return new FakeRange(this.req, `${this.path}.getUsedRange(${valuesOnly ? 'true' : ''})`, () => {
      const sheet = this.sheet();
      let box: Box | undefined;
      for (const [ref, c] of sheet.cells) {
        if (valuesOnly && c.value === null && c.formula === undefined) continue;
        const b = parseBox(ref);
        box = box ? { r1: Math.min(box.r1, b.r1), c1: Math.min(box.c1, b.c1), r2: Math.max(box.r2, b.r2), c2: Math.max(box.c2, b.c2) } : b;
      }
      return { sheet, box: box ?? parseBox('A1') };
    });
  }
}

class FakeProtection extends FakeObject {
  constructor(
    req: RequestRef,
    path: string,
    private readonly sheet: () => FakeSheet,
  ) {
    super(req, path);
  }
  protected override read(prop: string): unknown {
    const p = this.sheet().protection;
    if (prop === 'protected') return p.protected;
    if (prop === 'options') return { ...p.options };
    return super.read(prop);
  }
  get protected(): boolean {
    return this.prop('protected');
  }
  get options(): Record<string, unknown> {
    return this.prop('options');
  }
  protect(options?: Record<string, unknown>, password?: string): void {
    this.queue('protect', [options ?? {}, password ? '***' : undefined], () => {
      const p = this.sheet().protection;
      if (p.protected) throw new FakeOfficeError('InvalidOperation', 'The worksheet is already protected.');
      p.protected = true;
      p.options = { ...(options ?? {}) };
    });
  }
  unprotect(): void {
    this.queue('unprotect', [], () => {
      this.sheet().protection.protected = false;
    });
  }
}

class FakeNamedItemCollection extends FakeObject {
  private itemsList?: FakeNamedItem[];
  constructor(
    req: RequestRef,
    path: string,
    private readonly map: () => Map<string, FakeName>,
    private readonly scopeSheet: (() => FakeSheet) | null,
  ) {
    super(req, path);
  }
  get items(): FakeNamedItem[] {
    if (!this.itemsList) throw new FakeOfficeError('PropertyNotLoaded', "The property 'items' is not available: load the collection and sync first.");
    return this.itemsList;
  }
  override snapshot(props: string[]): void {
    const itemProps = props.filter((p) => p.startsWith('items/')).map((p) => p.slice(6));
    this.itemsList = [...this.map().values()].map((n) => {
      const item = new FakeNamedItem(this.req, `${this.path}('${n.name}')`, () => n, false, this.map);
      item.snapshot(itemProps.length ? itemProps : ['name', 'type', 'formula']);
      return item;
    });
  }
  getItem(name: string): FakeNamedItem {
    return new FakeNamedItem(this.req, `${this.path}('${name}')`, () => {
      const n = this.map().get(name.toLowerCase());
      if (!n) throw new FakeOfficeError('ItemNotFound', `The requested resource doesn't exist: name ${name}.`);
      return n;
    }, false, this.map);
  }
  getItemOrNullObject(name: string): FakeNamedItem {
    return new FakeNamedItem(this.req, `${this.path}('${name}')?`, () => this.map().get(name.toLowerCase()) ?? null, true, this.map);
  }
  add(name: string, reference: FakeRange | string): FakeNamedItem {
    const payload = [name, typeof reference === 'string' ? reference : reference.pathOf()];
    let created: FakeName | undefined;
    this.queue('add', payload, () => {
      if (!/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name)) throw new FakeOfficeError('InvalidArgument', `Invalid name ${name}.`);
      const map = this.map();
      if (map.has(name.toLowerCase())) throw new FakeOfficeError('ItemAlreadyExists', `The name ${name} already exists.`);
      let formula: string;
      if (typeof reference === 'string') formula = reference.startsWith('=') ? reference : `=${reference}`;
      else {
        const { sheet, box } = reference.target();
        formula = `=${quoteSheet(sheet.name)}!${absolute(box)}`;
      }
      if (this.scopeSheet) this.scopeSheet();
      created = { name, formula };
      map.set(name.toLowerCase(), created);
    });
    return new FakeNamedItem(this.req, `${this.path}.add('${name}')`, () => created ?? null, false, this.map);
  }
}

class FakeNamedItem extends FakeObject {
  constructor(
    req: RequestRef,
    path: string,
    private readonly resolve: () => FakeName | null,
    private readonly nullable: boolean,
    private readonly map: () => Map<string, FakeName>,
  ) {
    super(req, path);
  }
  private item(): FakeName {
    const n = this.resolve();
    if (!n) throw new FakeOfficeError('ItemNotFound', `The requested resource doesn't exist (${this.path}).`);
    return n;
  }
  protected override read(prop: string): unknown {
    if (prop === 'isNullObject') return this.nullable ? !this.resolve() : false;
    const n = this.nullable ? this.resolve() : this.item();
    if (!n) return null;
    switch (prop) {
      case 'name':
        return n.name;
      case 'formula':
        return n.formula;
      case 'value':
        return n.formula.replace(/^=/, '');
      case 'type':
        return /^=#REF!/.test(n.formula) ? 'Error' : /!\$?[A-Z]+\$?\d+/.test(n.formula) ? 'Range' : 'String';
      case 'visible':
        return true;
      default:
        return super.read(prop);
    }
  }
  override load(spec?: string | string[] | { select?: string }): this {
    if (this.nullable) this.queue('load', ['isNullObject'], () => this.loaded.set('isNullObject', !this.resolve()));
    return super.load(spec ?? ['name', 'type', 'formula']);
  }
  get isNullObject(): boolean {
    return this.prop('isNullObject');
  }
  get name(): string {
    return this.prop('name');
  }
  get type(): string {
    return this.prop('type');
  }
  get formula(): string {
    return this.prop('formula');
  }
  get value(): string {
    return this.prop('value');
  }
  delete(): void {
    this.queue('delete', [], () => {
      const n = this.item();
      this.map().delete(n.name.toLowerCase());
    });
  }
  getRange(): FakeRange {
    return new FakeRange(this.req, `${this.path}.getRange()`, () => {
      const n = this.item();
      const at = this.state.resolveName(n.name);
      if (!at) throw new FakeOfficeError('InvalidOperation', `The name ${n.name} does not refer to a range.`);
      return at;
    });
  }
}

class FakeRange extends FakeObject {
  readonly format: FakeRangeFormat;
  readonly dataValidation: FakeDataValidation;
  readonly conditionalFormats: { add: (type: string) => FakeConditionalFormat };

  constructor(
    req: RequestRef,
    path: string,
    readonly target: () => { sheet: FakeSheet; box: Box },
  ) {
    super(req, path);
    this.format = new FakeRangeFormat(req, `${path}.format`, this);
    this.dataValidation = new FakeDataValidation(req, `${path}.dataValidation`, this);
    this.conditionalFormats = {
      add: (type: string) => {
        const settings: Record<string, unknown> = {};
        this.queue('conditionalFormats.add', [type], () => {
          const { sheet, box } = this.target();
          sheet.conditionalFormats.push({ range: boxAddress(box), type, settings });
        });
        return new FakeConditionalFormat(settings);
      },
    };
  }

  pathOf(): string {
    return this.path;
  }

  /** Each cell of the range (made when missing), row by row. */
  eachCell(fn: (cell: FakeCell, r: number, c: number, row: number, col: number) => void): void {
    const { sheet, box } = this.target();
    for (let row = box.r1; row <= box.r2; row++) for (let col = box.c1; col <= box.c2; col++) fn(this.state.cellAt(sheet, row, col), row - box.r1, col - box.c1, row, col);
  }

  /** Refuses a change to a locked cell of a protected sheet. */
  guard(kind: 'content' | 'format' | 'columns' | 'rows'): void {
    const { sheet, box } = this.target();
    const p = sheet.protection;
    if (!p.protected) return;
    if (kind === 'columns' && p.options.allowFormatColumns) return;
    if (kind === 'rows' && p.options.allowFormatRows) return;
    if (kind === 'format' && p.options.allowFormatCells) return;
    for (let row = box.r1; row <= Math.min(box.r2, box.r1 + 2000); row++) {
      for (let col = box.c1; col <= Math.min(box.c2, box.c1 + 100); col++) {
        const c = sheet.cells.get(`${colLetters(col)}${row}`);
        if (!c || c.locked) throw new FakeOfficeError('AccessDenied', `The cell you're trying to change is on a protected sheet (${sheet.name}!${colLetters(col)}${row}).`);
      }
    }
  }

  private changed(): void {
    this.req.host.pendingChanges.push(this.target());
  }

  protected override read(prop: string): unknown {
    const { sheet, box } = this.target();
    const grid = <T>(fn: (c: FakeCell | undefined) => T): T[][] => {
      const rows: T[][] = [];
      for (let row = box.r1; row <= box.r2; row++) {
        const line: T[] = [];
        for (let col = box.c1; col <= box.c2; col++) line.push(fn(sheet.cells.get(`${colLetters(col)}${row}`)));
        rows.push(line);
      }
      return rows;
    };
    switch (prop) {
      case 'address':
        return `${quoteSheet(sheet.name)}!${boxAddress(box)}`;
      case 'rowCount':
        return box.r2 - box.r1 + 1;
      case 'columnCount':
        return box.c2 - box.c1 + 1;
      case 'values':
        return grid((c) => (c?.value ?? ''));
      case 'formulas':
        return grid((c) => (c?.formula ?? c?.value ?? ''));
      case 'numberFormat':
        return grid((c) => c?.numberFormat ?? 'General');
      case 'valueTypes':
        return grid((c) => {
          const v = c?.value;
          if (v === null || v === undefined || v === '') return 'Empty';
          if (typeof v === 'number') return 'Double';
          if (typeof v === 'boolean') return 'Boolean';
          return /^#(N\/A|REF!|VALUE!|DIV\/0!|NAME\?|NUM!|NULL!)$/.test(v) ? 'Error' : 'String';
        });
      default:
        return super.read(prop);
    }
  }

  get address(): string {
    return this.prop('address');
  }
  get values(): unknown[][] {
    return this.prop('values');
  }
  set values(v: unknown[][]) {
    this.queue('values', v, () => this.setContents(v));
  }
  get formulas(): unknown[][] {
    return this.prop('formulas');
  }
  set formulas(v: unknown[][]) {
    this.queue('formulas', v, () => this.setContents(v));
  }
  get numberFormat(): unknown[][] {
    return this.prop('numberFormat');
  }
  set numberFormat(v: unknown[][]) {
    this.queue('numberFormat', v, () => {
      this.guard('format');
      this.eachCell((cell, r, c) => {
        cell.numberFormat = String(pick(v, r, c));
      });
    });
  }
  get valueTypes(): string[][] {
    return this.prop('valueTypes');
  }

  private setContents(v: unknown[][]): void {
    this.guard('content');
    const { box } = this.target();
    const rows = box.r2 - box.r1 + 1;
    const cols = box.c2 - box.c1 + 1;
    if (!(v.length === rows && v.every((line) => line.length === cols)) && !(v.length === 1 && v[0]!.length === 1)) {
      throw new FakeOfficeError('InvalidArgument', `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${rows}×${cols}).`);
    }
    this.eachCell((cell, r, c) => setCell(cell, pick(v, r, c)));
    this.changed();
  }

  clear(applyTo?: string): void {
    this.queue('clear', [applyTo ?? 'All'], () => {
      this.guard('content');
      this.eachCell((cell) => {
        cell.value = null;
        delete cell.formula;
        if (applyTo !== 'Contents') cell.numberFormat = 'General';
      });
      this.changed();
    });
  }

  /** Selects the range: its sheet becomes the active one (a hidden sheet cannot be). */
  select(): void {
    this.queue('select', [], () => {
      const { sheet, box } = this.target();
      if (sheet.visibility !== 'Visible') throw new FakeOfficeError('InvalidOperation', 'A range on a hidden sheet cannot be selected.');
      this.state.activeSheet = sheet.name;
      this.req.host.selection = { sheet: sheet.name, ref: boxAddress(box) };
    });
  }

  merge(across?: boolean): void {
    this.queue('merge', [!!across], () => {
      this.guard('format');
      const { sheet, box } = this.target();
      sheet.merges.push(boxAddress(box));
    });
  }
}

function pick(v: unknown[][], r: number, c: number): unknown {
  // A single value is applied to every cell, as Office.js does.
  if (v.length === 1 && v[0]!.length === 1) return v[0]![0];
  return v[r]![c];
}

/** Stores what was typed, as Excel would: "@" keeps text; else "=…" is a formula, "12" a number. */
function setCell(cell: FakeCell, input: unknown): void {
  delete cell.formula;
  if (input === null || input === undefined || input === '') {
    cell.value = null;
    return;
  }
  if (typeof input === 'number' || typeof input === 'boolean') {
    cell.value = cell.numberFormat === '@' ? String(input).toUpperCase() : input;
    return;
  }
  const text = String(input);
  if (cell.numberFormat === '@') {
    cell.value = text;
    return;
  }
  if (text.startsWith('=') && text.length > 1) {
    cell.formula = text;
    cell.value = null; // no formula engine: a test sets the result
    return;
  }
  const t = text.trim();
  if (/^[+-]?(\d+([.,]\d+)?|\.\d+)(e[+-]?\d+)?$/i.test(t)) cell.value = Number(t.replace(',', '.'));
  else if (/^[+-]?\d+([.,]\d+)?\s*%$/.test(t)) cell.value = Number(t.replace('%', '').replace(',', '.').trim()) / 100;
  else if (/^(true|false)$/i.test(t)) cell.value = /^true$/i.test(t);
  else cell.value = text;
}

class FakeRangeFormat extends FakeObject {
  readonly font: Record<string, unknown>;
  readonly fill: Record<string, unknown>;
  readonly protection: Record<string, unknown>;
  readonly borders: { getItem: (edge: string) => Record<string, unknown> };

  constructor(req: RequestRef, path: string, range: FakeRange) {
    super(req, path);
    const setter = (member: string, apply: (cell: FakeCell, value: unknown, r: number, c: number) => void, kind: 'format' | 'columns' | 'rows' = 'format') =>
      (value: unknown) =>
        this.queue(member, value, () => {
          range.guard(kind);
          range.eachCell((cell, r, c) => apply(cell, value, r, c));
        });
    const object = (prefix: string, props: Record<string, (cell: FakeCell, value: unknown) => void>) => {
      const o: Record<string, unknown> = {};
      for (const [name, apply] of Object.entries(props)) {
        Object.defineProperty(o, name, {
          set: setter(`${prefix}.${name}`, apply),
          get: () => {
            throw new FakeOfficeError('PropertyNotLoaded', `The property '${prefix}.${name}' is not available.`);
          },
        });
      }
      return o;
    };
    this.font = object('font', {
      name: (c, v) => void (c.format.font.name = v as string),
      size: (c, v) => void (c.format.font.size = v as number),
      bold: (c, v) => void (c.format.font.bold = v as boolean),
      italic: (c, v) => void (c.format.font.italic = v as boolean),
      color: (c, v) => void (c.format.font.color = v as string),
    });
    this.fill = object('fill', { color: (c, v) => void (c.format.fill = v as string) });
    // Locking a cell is allowed only while the sheet is unprotected.
    this.protection = {};
    Object.defineProperty(this.protection, 'locked', {
      set: (v: unknown) =>
        this.queue('protection.locked', v, () => {
          const { sheet } = range.target();
          if (sheet.protection.protected) throw new FakeOfficeError('AccessDenied', `The sheet ${sheet.name} is protected.`);
          range.eachCell((cell) => void (cell.locked = !!v));
        }),
    });
    this.borders = {
      getItem: (edge: string) => {
        const o: Record<string, unknown> = {};
        for (const prop of ['style', 'weight', 'color']) {
          Object.defineProperty(o, prop, {
            set: setter(`borders('${edge}').${prop}`, (cell, value) => {
              const b = (cell.format.borders[edge] ??= {});
              (b as Record<string, unknown>)[prop] = value;
            }),
          });
        }
        return o;
      },
    };
    Object.defineProperty(this, 'wrapText', { set: setter('wrapText', (c, v) => void (c.format.wrapText = v as boolean)) });
    Object.defineProperty(this, 'verticalAlignment', { set: setter('verticalAlignment', (c, v) => void (c.format.verticalAlignment = v as string)) });
    Object.defineProperty(this, 'columnWidth', {
      set: (v: number) =>
        this.queue('columnWidth', v, () => {
          range.guard('columns');
          const { sheet, box } = range.target();
          for (let col = box.c1; col <= box.c2; col++) sheet.columnWidths.set(col, v);
        }),
    });
    Object.defineProperty(this, 'rowHeight', {
      set: (v: number) =>
        this.queue('rowHeight', v, () => {
          range.guard('rows');
          const { sheet, box } = range.target();
          for (let row = box.r1; row <= Math.min(box.r2, box.r1 + 10000); row++) sheet.rowHeights.set(row, v);
        }),
    });
  }
}

class FakeDataValidation extends FakeObject {
  constructor(
    req: RequestRef,
    path: string,
    private readonly range: FakeRange,
  ) {
    super(req, path);
    for (const prop of ['rule', 'prompt', 'errorAlert', 'ignoreBlanks'] as const) {
      Object.defineProperty(this, prop, {
        set: (v: unknown) =>
          this.queue(prop, v, () => {
            this.range.guard('format');
            const { sheet, box } = this.range.target();
            const key = boxAddress(box);
            const dv = sheet.validations.get(key) ?? {};
            (dv as Record<string, unknown>)[prop] = v;
            sheet.validations.set(key, dv);
          }),
      });
    }
  }
  clear(): void {
    this.queue('clear', [], () => {
      this.range.guard('format');
      const { sheet, box } = this.range.target();
      sheet.validations.delete(boxAddress(box));
    });
  }
}

/** Records whatever is set on it (custom.rule.formula, dataBar.lowerBoundRule, ...) into the sheet's list at sync. */
class FakeConditionalFormat {
  constructor(settings: Record<string, unknown>) {
    const recorder = (prefix: string): unknown =>
      new globalThis.Proxy(
        {},
        {
          get: (_t, key) => (typeof key === 'string' ? recorder(`${prefix}${key}.`) : undefined),
          set: (_t, key, value) => {
            settings[`${prefix}${String(key)}`] = value;
            return true;
          },
        },
      );
    return recorder('') as FakeConditionalFormat;
  }
}

// ------------------------------------------------------------------------- the host

export interface FakeExcelOptions {
  /** Requests larger than this are refused (Excel on the web: 5 MB). */
  maxRequestBytes?: number;
  /** Requirement sets the host has ("ExcelApi 1.8" and below by default). */
  excelApi?: string;
}

export class FakeExcelHost {
  readonly state = new FakeWorkbookState();
  maxRequestBytes: number;
  excelApi: string;
  syncCount = 0;
  runCount = 0;
  requestSizes: number[] = [];
  handlers: ((e: ChangeEvent) => unknown)[] = [];
  sheetHandlers: { sheetId: string; handler: (e: ChangeEvent) => unknown }[] = [];
  calculatedHandlers: ((e: CalculatedEvent) => unknown)[] = [];
  /** What `application.calculationMode` answers. */
  calculationMode: 'Automatic' | 'AutomaticExceptTables' | 'Manual' = 'Automatic';
  /** What `application.calculationState` answers (ExcelApi 1.9): "Pending" after a change until Excel has calculated. */
  calculationState: 'Done' | 'Calculating' | 'Pending' = 'Done';
  /**
   * Excel's calculation, as the test gives it (there is no formula engine): the results of
   * formula cells (by defined name or "Sheet!A1") for the workbook as it stands. With one, and
   * in automatic mode, every change is calculated at once, as Excel does; without one, a change
   * leaves the calculation pending until the test calls `calculate`.
   */
  calculator?: (host: FakeExcelHost) => Record<string, Scalar | null>;
  /** The last range selected with `range.select()`. */
  selection?: { sheet: string; ref: string };
  /** Ranges changed by the sync being applied. */
  pendingChanges: { sheet: FakeSheet; box: Box }[] = [];
  events: ChangeEvent[] = [];
  /** Failures to inject: the next sync fails at action `atAction` with `code`. */
  failOnSync: { atAction: number; code: string }[] = [];
  /** While held (`hold`), every sync waits until `release`: Excel busy for as long as a test needs. */
  held?: Promise<void>;
  private releaseHeld?: () => void;
  /** Syncs waiting on a hold. */
  waiting = 0;

  /** Holds every sync from now until `release` (as a slow Excel on the web would keep a request). */
  hold(): void {
    if (this.held) return;
    this.held = new Promise((resolve) => (this.releaseHeld = resolve));
  }

  release(): void {
    const go = this.releaseHeld;
    this.held = undefined;
    this.releaseHeld = undefined;
    go?.();
  }

  constructor(options: FakeExcelOptions = {}) {
    this.maxRequestBytes = options.maxRequestBytes ?? 5 * 1024 * 1024;
    this.excelApi = options.excelApi ?? '1.8';
  }

  /** The `Excel` global the add-in sees. */
  get Excel() {
    const host = this;
    return {
      run: async <T>(batch: (context: FakeContext) => Promise<T>): Promise<T> => {
        host.runCount++;
        const ctx = new FakeContext(host);
        const result = await batch(ctx);
        // Excel.run sends what is still queued when the batch function returns.
        if (ctx.pendingActions) await ctx.sync();
        return result;
      },
      RequestContext: FakeContext,
    };
  }

  /** The `Office` global the add-in sees. */
  get Office() {
    const host = this;
    const info = { host: 'Excel', platform: 'OfficeOnline' };
    return {
      HostType: { Excel: 'Excel' },
      PlatformType: { OfficeOnline: 'OfficeOnline' },
      onReady: (callback?: (i: typeof info) => void) => {
        callback?.(info);
        return Promise.resolve(info);
      },
      context: {
        requirements: {
          isSetSupported: (name: string, version?: string) => name === 'ExcelApi' && compareVersions(version ?? '1.1', host.excelApi) <= 0,
        },
        displayLanguage: 'da-DK',
      },
    };
  }

  fireChanges(changed: { sheet: FakeSheet; box: Box }[], source: 'Local' | 'Remote' = 'Local'): void {
    for (const { sheet, box } of changed) {
      const e: ChangeEvent = { worksheetId: sheet.id, address: boxAddress(box), changeType: 'RangeEdited', source, type: 'WorksheetChanged' };
      this.events.push(e);
      for (const h of this.handlers) void h(e);
      for (const h of this.sheetHandlers) if (h.sheetId === sheet.id) void h.handler(e);
    }
  }

  // Test helpers: the workbook as a test arranges and inspects it.

  sheet(name: string): FakeSheet {
    const s = this.state.sheet(name);
    if (!s) throw new Error(`No sheet ${name} in the fake workbook`);
    return s;
  }

  addSheet(name: string): FakeSheet {
    return this.state.addSheet(name);
  }

  /** What a user types into a cell (no protection check: tests arrange with it); fires a change event (and a calculated one, as `recalculate` says). */
  userEdit(sheetName: string, ref: string, input: Scalar | null): void {
    const sheet = this.sheet(sheetName);
    const box = parseBox(ref);
    setCell(this.state.cellAt(sheet, box.r1, box.c1), input);
    const calculated = this.recalculate();
    this.fireChanges([{ sheet, box }]);
    this.fireCalculated(calculated);
  }

  /** After a change: calculates with the test's calculator in automatic mode, else leaves the calculation pending. The sheets calculated. */
  recalculate(): FakeSheet[] {
    if (!this.calculator || this.calculationMode === 'Manual') {
      this.calculationState = 'Pending';
      return [];
    }
    this.calculationState = 'Done';
    return this.setResults(this.calculator(this), true);
  }

  fireCalculated(sheets: FakeSheet[]): void {
    for (const sheet of sheets) for (const h of this.calculatedHandlers) void h({ worksheetId: sheet.id, type: 'WorksheetCalculated' });
  }

  /** The result a formula shows (there is no formula engine). */
  setResult(sheetName: string, ref: string, value: Scalar | null): void {
    const cell = this.sheet(sheetName).cells.get(ref);
    if (!cell?.formula) throw new Error(`${sheetName}!${ref} holds no formula`);
    cell.value = value;
  }

  cell(sheetName: string, ref: string): FakeCell | undefined {
    return this.sheet(sheetName).cells.get(ref);
  }

  /**
   * What Excel's calculation would do, as the test says it: sets the results of formula cells
   * given by defined name or "Sheet!A1", then fires the calculated event for each sheet touched.
   */
  calculate(results: Record<string, Scalar | null>): void {
    this.calculationState = 'Done';
    this.fireCalculated(this.setResults(results));
  }

  /** Sets formula results (by defined name or "Sheet!A1"); the sheets touched. `lenient`: skips cells that are not (yet) formulas. */
  private setResults(results: Record<string, Scalar | null>, lenient = false): FakeSheet[] {
    const touched: FakeSheet[] = [];
    for (const [key, value] of Object.entries(results)) {
      if (lenient) {
        const r = key.includes('!') ? undefined : this.state.resolveName(key);
        const cell = r ? this.state.cell(r.sheet, boxAddress(r.box)) : key.includes('!') ? this.state.sheet(key.slice(0, key.lastIndexOf('!')))?.cells.get(key.slice(key.lastIndexOf('!') + 1)) : undefined;
        if (!cell?.formula) continue;
      }
      const at = key.includes('!') ? { sheet: this.sheet(key.slice(0, key.lastIndexOf('!'))), ref: key.slice(key.lastIndexOf('!') + 1) } : (() => {
        const r = this.state.resolveName(key);
        if (!r) throw new Error(`No name ${key} in the fake workbook`);
        return { sheet: r.sheet, ref: boxAddress(r.box) };
      })();
      this.setResult(at.sheet.name, at.ref, value);
      if (!touched.includes(at.sheet)) touched.push(at.sheet);
    }
    return touched;
  }

  /**
   * Arranges a whole workbook at once (a test reads a real file and hands its content over):
   * sheets with their visibility and cells (value, formula with "=", number format), and
   * workbook-level names ("=Sheet!$A$1").
   */
  load(seed: FakeSeed): void {
    for (const sh of seed.sheets) {
      const sheet = this.state.sheet(sh.name) ?? this.state.addSheet(sh.name);
      sheet.visibility = sh.visible ? 'Visible' : 'Hidden';
      for (const [ref, value, formula, numberFormat] of sh.cells) {
        const b = parseBox(ref);
        const cell = this.state.cellAt(sheet, b.r1, b.c1);
        cell.value = value;
        if (formula) cell.formula = formula;
        if (numberFormat) cell.numberFormat = numberFormat;
      }
    }
    for (const [name, formula] of seed.names) this.addName(name, formula);
  }

  /** The value a workbook-level name's cell holds (a formula's result as set). */
  valueOf(name: string): Scalar | null | undefined {
    const at = this.state.resolveName(name);
    return at ? this.state.cell(at.sheet, boxAddress(at.box))?.value : undefined;
  }

  /** A workbook-level name's target as "Sheet!A1". */
  nameTarget(name: string): { sheet: string; ref: string } | undefined {
    const at = this.state.resolveName(name);
    return at ? { sheet: at.sheet.name, ref: boxAddress(at.box) } : undefined;
  }

  addName(name: string, formula: string): void {
    this.state.names.set(name.toLowerCase(), { name, formula });
  }

  protect(sheetName: string, options: Record<string, unknown> = {}): void {
    const p = this.sheet(sheetName).protection;
    p.protected = true;
    p.options = options;
  }
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

/** A value as the record shows it: a range as "Sheet!A1:B2", anything else as JSON. */
function recorded(v: unknown): string {
  if (v instanceof FakeRange) {
    const { sheet, box } = v.target();
    return `${sheet.name}!${boxAddress(box)}`;
  }
  return JSON.stringify(v);
}

/** A proxy that queues every property set and call under `path` and, at sync, writes it into the sheet's `native` record. */
function recorder(queue: (member: string, args: unknown, run: () => void) => void, sheet: () => FakeSheet, path: string): unknown {
  return new Proxy(function () {}, {
    get: (_t, key) => (key === 'then' ? undefined : recorder(queue, sheet, `${path}.${String(key)}`)),
    // Written down when the request runs: a range may be on a sheet the same request adds.
    set: (_t, key, value) => {
      queue(`${path}.${String(key)}`, value instanceof FakeRange ? '(range)' : value, () => void sheet().native.push(`${path}.${String(key)}=${recorded(value)}`));
      return true;
    },
    apply: (_t, _this, args: unknown[]) => {
      queue(path, args.map((a) => (a instanceof FakeRange ? '(range)' : a)), () => void sheet().native.push(`${path}(${args.map(recorded).join(',')})`));
      return recorder(queue, sheet, `${path}()`);
    },
  });
}

export function createFakeExcel(options: FakeExcelOptions = {}): FakeExcelHost {
  return new FakeExcelHost(options);
}
