/**
 * A small, strict XML tokenizer for the parts of an .xlsx the selective reader reads (worksheets,
 * shared strings, the workbook, styles, relationships): open and close tags with their attributes
 * and the text between, in one pass with indexOf, several times faster than a general SAX parser.
 * Strict where it matters: tags must nest, names must be names, and a DOCTYPE, an entity it does
 * not know (XML's five and character references) or anything unterminated is an error, so an
 * entity expansion is refused before it expands. A tag's attributes are read when a handler asks
 * for them (and checked then). Browser-safe.
 */

export interface XmlTag {
  name: string;
  /** The name without its namespace prefix ("x:c" → "c"). */
  local: string;
  /** Read when first asked for (most tags' attributes are never looked at). */
  readonly attributes: Record<string, string>;
  /** One attribute's value (all of them checked), without reading the others. */
  attribute(name: string): string | undefined;
}

/**
 * The tag being opened: its attributes are the document's text from `from` to `to`, checked and
 * located once when first asked for. One per document, reset for each tag: a handler reads what
 * it needs while it is called.
 */
class Tag implements XmlTag {
  name = '';
  local = '';
  private parsed: Record<string, string> | undefined;
  private from = 0;
  private to = 0;
  /** Per attribute its name's start and end and its value's (between the quotes); -1: not scanned yet. */
  private spans = new Int32Array(64);
  private filled = -1;
  constructor(private readonly xml: string) {}

  reset(name: string, local: string, from: number, to: number): this {
    this.name = name;
    this.local = local;
    this.from = from;
    this.to = to;
    this.parsed = undefined;
    this.filled = -1;
    return this;
  }

  get attributes(): Record<string, string> {
    if (!this.parsed) {
      const parsed: Record<string, string> = {};
      const xml = this.xml;
      const n = this.scan();
      const spans = this.spans;
      for (let k = 0; k < n; k += 4) parsed[xml.slice(spans[k]!, spans[k + 1]!)] = decodeXml(xml.slice(spans[k + 2]!, spans[k + 3]!));
      this.parsed = parsed;
    }
    return this.parsed;
  }

  attribute(name: string): string | undefined {
    if (this.parsed) return this.parsed[name];
    const xml = this.xml;
    const n = this.scan();
    const spans = this.spans;
    for (let k = 0; k < n; k += 4) {
      if (spans[k + 1]! - spans[k]! === name.length && xml.startsWith(name, spans[k]!)) return decodeXml(xml.slice(spans[k + 2]!, spans[k + 3]!));
    }
    return undefined;
  }

  /**
   * Checks the attributes and locates each one, once per tag: a name, optional spaces, =,
   * optional spaces and a quoted value (not yet decoded), apart by spaces. How many of `spans` they fill.
   */
  private scan(): number {
    if (this.filled >= 0) return this.filled;
    const body = this.xml;
    const n = this.to;
    let filled = 0;
    let i = this.from;
    for (;;) {
      while (i < n && isSpace(body.charCodeAt(i))) i++;
      if (i >= n) break;
      const start = i;
      if (!isNameStart(body.charCodeAt(i))) throw new XmlError('Malformed attribute name');
      while (i < n && isNameChar(body.charCodeAt(i))) i++;
      const end = i;
      while (i < n && isSpace(body.charCodeAt(i))) i++;
      if (i >= n || body.charCodeAt(i) !== 61 /* = */) throw new XmlError('Malformed attribute');
      i++;
      while (i < n && isSpace(body.charCodeAt(i))) i++;
      const quote = body.charCodeAt(i);
      if (quote !== 34 && quote !== 39) throw new XmlError('Unquoted attribute value');
      const close = body.indexOf(quote === 34 ? '"' : "'", i + 1);
      if (close < 0 || close >= n) throw new XmlError('Unterminated attribute value');
      if (filled + 4 > this.spans.length) {
        const grown = new Int32Array(this.spans.length * 2);
        grown.set(this.spans);
        this.spans = grown;
      }
      const spans = this.spans;
      spans[filled] = start;
      spans[filled + 1] = end;
      spans[filled + 2] = i + 1;
      spans[filled + 3] = close;
      filled += 4;
      i = close + 1;
      if (i < n && !isSpace(body.charCodeAt(i))) throw new XmlError('Attributes run together');
    }
    this.filled = filled;
    return filled;
  }
}

export interface XmlHandler {
  open(tag: XmlTag, selfClosing: boolean): void;
  close(name: string, local: string): void;
  text?(text: string): void;
}

export class XmlError extends Error {}


const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** A reference's replacement: XML's five entities, or a character by its number. */
function referenced(ref: string): string {
  if (ref.startsWith('#x') || ref.startsWith('#X')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
  if (ref.startsWith('#')) return String.fromCodePoint(Number(ref.slice(1)));
  const known = ENTITIES[ref];
  if (known === undefined) throw new XmlError(`Unknown entity &${ref};`);
  return known;
}

/**
 * Text with its entity and character references replaced. A reference is & then one to ten
 * characters (no ;, & or space) then ;; any other & is an error.
 */
export function decodeXml(text: string): string {
  let amp = text.indexOf('&');
  if (amp < 0) return text;
  let out = '';
  let at = 0;
  while (amp >= 0) {
    let end = amp + 1;
    while (end < text.length && end <= amp + 10) {
      const c = text.charCodeAt(end);
      if (c === 59 /* ; */ || c === 38 /* & */ || isSpace(c)) break;
      end++;
    }
    const ref = text.slice(amp + 1, end);
    if (ref === '' || text.charCodeAt(end) !== 59 || /\s/.test(ref)) throw new XmlError('An & that is no reference');
    out += text.slice(at, amp) + referenced(ref);
    at = end + 1;
    amp = text.indexOf('&', at);
  }
  return out + text.slice(at);
}

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;
/** A-Z, a-z, _ */
const isNameStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
/** A name's other characters: also digits, '.', ':' and '-'. */
const isNameChar = (c: number) => isNameStart(c) || (c >= 48 && c <= 58) || c === 45 || c === 46;

/** Whether the document holds only spaces from `from` to `to`. */
function blank(xml: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isSpace(xml.charCodeAt(i))) return false;
  return true;
}

/** Tokenizes a whole document, calling the handler for each tag and text; throws XmlError when it is not well-formed. */
export function parseXml(xml: string, handler: XmlHandler): void {
  const stack: string[] = [];
  /** The open tags' names without their prefixes. */
  const locals: string[] = [];
  const tag = new Tag(xml);
  let at = 0;
  let root = false;
  const n = xml.length;
  while (at < n) {
    const lt = xml.indexOf('<', at);
    const end = lt < 0 ? n : lt;
    if (end > at) {
      const text = xml.slice(at, end);
      if (stack.length > 0) handler.text?.(decodeXml(text));
      else if (text.trim() !== '') throw new XmlError('Text outside the root element');
    }
    if (lt < 0) break;
    const next = xml.charCodeAt(lt + 1);
    if (next === 63 /* ? */) {
      const close = xml.indexOf('?>', lt + 2);
      if (close < 0) throw new XmlError('Unterminated processing instruction');
      at = close + 2;
      continue;
    }
    if (next === 33 /* ! */) {
      if (xml.startsWith('<!--', lt)) {
        const close = xml.indexOf('-->', lt + 4);
        if (close < 0) throw new XmlError('Unterminated comment');
        at = close + 3;
        continue;
      }
      if (xml.startsWith('<![CDATA[', lt)) {
        const close = xml.indexOf(']]>', lt + 9);
        if (close < 0 || stack.length === 0) throw new XmlError('Unterminated or misplaced CDATA');
        handler.text?.(xml.slice(lt + 9, close));
        at = close + 3;
        continue;
      }
      throw new XmlError('A DOCTYPE or declaration is not read');
    }
    // A tag: its end is the first > outside a quoted attribute value.
    let gt = lt + 1;
    let quote = 0;
    for (; gt < n; gt++) {
      const c = xml.charCodeAt(gt);
      if (quote !== 0) {
        if (c === quote) quote = 0;
      } else if (c === 34 || c === 39) quote = c;
      else if (c === 62 /* > */) break;
      else if (c === 60 /* < */) throw new XmlError('< inside a tag');
    }
    if (gt >= n) throw new XmlError('Unterminated tag');
    if (next === 47 /* / */) {
      // </name> with optional spaces before the >: compared in place.
      const name = stack.pop();
      const local = locals.pop()!;
      if (name === undefined || !xml.startsWith(name, lt + 2) || !blank(xml, lt + 2 + name.length, gt)) throw new XmlError(`Mismatched close tag ${xml.slice(lt + 2, Math.min(gt, lt + 22))}`);
      handler.close(name, local);
    } else {
      const selfClosing = xml.charCodeAt(gt - 1) === 47;
      const to = selfClosing ? gt - 1 : gt;
      let space = lt + 1;
      let colon = -1;
      for (; space < to; space++) {
        const c = xml.charCodeAt(space);
        if (!isNameChar(c)) break;
        if (c === 58 /* : */) colon = space;
      }
      const name = xml.slice(lt + 1, space);
      const local = colon < 0 ? name : xml.slice(colon + 1, space);
      if (name === '' || !isNameStart(name.charCodeAt(0)) || (space < to && !isSpace(xml.charCodeAt(space)))) throw new XmlError(`Malformed tag name ${xml.slice(lt + 1, Math.min(to, lt + 21))}`);
      if (stack.length === 0) {
        if (root) throw new XmlError('A second root element');
        root = true;
      }
      handler.open(tag.reset(name, local, space, to), selfClosing);
      if (selfClosing) handler.close(name, local);
      else {
        stack.push(name);
        locals.push(local);
      }
    }
    at = gt + 1;
  }
  if (stack.length > 0 || !root) throw new XmlError('Unterminated document');
}
