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
  /** Read when first asked for (most tags' attributes are never looked at). */
  readonly attributes: Record<string, string>;
}

/** A tag whose attributes are the document's text from `from` to `to`, read on demand. */
class Tag implements XmlTag {
  private parsed: Record<string, string> | undefined;
  constructor(
    readonly name: string,
    private readonly xml: string,
    private readonly from: number,
    private readonly to: number,
  ) {}

  get attributes(): Record<string, string> {
    this.parsed ??= attributesOf(this.xml, this.from, this.to);
    return this.parsed;
  }
}

export interface XmlHandler {
  open(tag: XmlTag, selfClosing: boolean): void;
  close(name: string): void;
  text?(text: string): void;
}

export class XmlError extends Error {}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const NAME = /^[A-Za-z_][\w.:-]*$/;

/** Text with its entity and character references replaced. */
export function decodeXml(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(?:([^;&\s]{1,10});)?/g, (_, ref: string | undefined) => {
    if (ref === undefined) throw new XmlError('An & that is no reference');
    if (ref.startsWith('#x') || ref.startsWith('#X')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(Number(ref.slice(1)));
    const known = ENTITIES[ref];
    if (known === undefined) throw new XmlError(`Unknown entity &${ref};`);
    return known;
  });
}

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;
/** A-Z, a-z, _ */
const isNameStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
/** A name's other characters: also digits, '.', ':' and '-'. */
const isNameChar = (c: number) => isNameStart(c) || (c >= 48 && c <= 58) || c === 45 || c === 46;

/** Reads a tag's attributes from the document's text between `at` (after its name) and `n`. */
function attributesOf(body: string, at: number, n: number): Record<string, string> {
  const attributes: Record<string, string> = {};
  let i = at;
  for (;;) {
    while (i < n && isSpace(body.charCodeAt(i))) i++;
    if (i >= n) return attributes;
    const eq = body.indexOf('=', i);
    if (eq < 0 || eq >= n) throw new XmlError('Malformed attribute');
    const name = body.slice(i, eq).trimEnd();
    if (!NAME.test(name)) throw new XmlError('Malformed attribute name');
    let j = eq + 1;
    while (j < n && isSpace(body.charCodeAt(j))) j++;
    const quote = body.charCodeAt(j);
    if (quote !== 34 && quote !== 39) throw new XmlError('Unquoted attribute value');
    const close = body.indexOf(quote === 34 ? '"' : "'", j + 1);
    if (close < 0 || close >= n) throw new XmlError('Unterminated attribute value');
    attributes[name] = decodeXml(body.slice(j + 1, close));
    i = close + 1;
    if (i < n && !isSpace(body.charCodeAt(i))) throw new XmlError('Attributes run together');
  }
}

/** Tokenizes a whole document, calling the handler for each tag and text; throws XmlError when it is not well-formed. */
export function parseXml(xml: string, handler: XmlHandler): void {
  const stack: string[] = [];
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
      const name = xml.slice(lt + 2, gt).trim();
      if (stack.pop() !== name) throw new XmlError(`Mismatched close tag ${name}`);
      handler.close(name);
    } else {
      const selfClosing = xml.charCodeAt(gt - 1) === 47;
      const to = selfClosing ? gt - 1 : gt;
      let space = lt + 1;
      while (space < to && isNameChar(xml.charCodeAt(space))) space++;
      const name = xml.slice(lt + 1, space);
      if (name === '' || !isNameStart(name.charCodeAt(0)) || (space < to && !isSpace(xml.charCodeAt(space)))) throw new XmlError(`Malformed tag name ${xml.slice(lt + 1, Math.min(to, lt + 21))}`);
      if (stack.length === 0) {
        if (root) throw new XmlError('A second root element');
        root = true;
      }
      handler.open(new Tag(name, xml, space, to), selfClosing);
      if (selfClosing) handler.close(name);
      else stack.push(name);
    }
    at = gt + 1;
  }
  if (stack.length > 0 || !root) throw new XmlError('Unterminated document');
}
