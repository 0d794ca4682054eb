/**
 * A small, strict XML tokenizer for the parts of an .xlsx the selective reader reads (worksheets,
 * shared strings, the workbook, styles, relationships): open and close tags with their attributes
 * and the text between, in one pass with indexOf, several times faster than a general SAX parser.
 * Strict where it matters: tags must nest, names must be names, every tag's attributes must be
 * name="value", and a DOCTYPE, an entity it does not know (XML's five and character references)
 * or anything unterminated is an error, wherever it is, so an entity expansion is refused before
 * it expands. An attribute's value is decoded when a handler asks for it. Browser-safe.
 */

export interface XmlTag {
  name: string;
  /** The name without its namespace prefix ("x:c" → "c"). */
  local: string;
  /** Read when first asked for (most tags' attributes are never looked at). */
  readonly attributes: Record<string, string>;
  /** One attribute's value, decoded; undefined when the tag has none of that name. */
  attribute(name: string): string | undefined;
}

/**
 * The tag being opened: its attributes located in the document's text (name and value spans),
 * decoded only when asked for. One per document, reset for each tag: a handler reads what it
 * needs while it is called.
 */
export class Tag implements XmlTag {
  name = '';
  local = '';
  private parsed: Record<string, string> | undefined;
  /** Per attribute its name's start and end and its value's (between the quotes). */
  spans = new Int32Array(64);
  /** How many of `spans` this tag fills (four per attribute). */
  filled = 0;
  /** Where the tag ends: just after its >. */
  end = 0;
  /**
   * Set by a handler that read the element's content and close tag itself (checked as strictly
   * as the tokenizer would: see `checkText`): where they end. The tokenizer goes on from there,
   * and calls no close. -1: not set.
   */
  resume = -1;
  constructor(readonly xml: string) {}

  get attributes(): Record<string, string> {
    if (!this.parsed) {
      const parsed: Record<string, string> = {};
      const { xml, spans } = this;
      for (let k = 0; k < this.filled; k += 4) parsed[xml.slice(spans[k]!, spans[k + 1]!)] = decodeXml(xml.slice(spans[k + 2]!, spans[k + 3]!));
      this.parsed = parsed;
    }
    return this.parsed;
  }

  attribute(name: string): string | undefined {
    const k = this.find(name);
    return k < 0 ? undefined : decodeXml(this.xml.slice(this.spans[k + 2]!, this.spans[k + 3]!));
  }

  /** Where an attribute's spans start in `spans` (its value is from spans[k + 2] to spans[k + 3], not decoded); -1 when none. */
  find(name: string): number {
    const { xml, spans } = this;
    for (let k = 0; k < this.filled; k += 4) {
      if (spans[k + 1]! - spans[k]! === name.length && xml.startsWith(name, spans[k]!)) return k;
    }
    return -1;
  }

  /** Starts a new tag; its attributes are added as they are scanned. */
  begin(name: string, local: string): void {
    this.name = name;
    this.local = local;
    this.parsed = undefined;
    this.filled = 0;
  }

  add(nameFrom: number, nameTo: number, valueFrom: number, valueTo: number): void {
    if (this.filled + 4 > this.spans.length) {
      const grown = new Int32Array(this.spans.length * 2);
      grown.set(this.spans);
      this.spans = grown;
    }
    const spans = this.spans;
    const k = this.filled;
    spans[k] = nameFrom;
    spans[k + 1] = nameTo;
    spans[k + 2] = valueFrom;
    spans[k + 3] = valueTo;
    this.filled = k + 4;
  }
}

export interface XmlHandler {
  /** The tag is this document's one Tag, reset for the next: read it while called (see also Tag.resume). */
  open(tag: Tag, selfClosing: boolean): void;
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

/** XML's five entities as a reference spells them after its &, and what each stands for. */
const NAMED = ['amp;', 'lt;', 'gt;', 'quot;', 'apos;'];
const NAMED_CHARS = ['&', '<', '>', '"', "'"];

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
    // The five entities first, compared in place (they are what a workbook holds).
    let k = 0;
    while (k < NAMED.length && !text.startsWith(NAMED[k]!, amp + 1)) k++;
    if (k < NAMED.length) {
      out += text.slice(at, amp) + NAMED_CHARS[k]!;
      at = amp + 1 + NAMED[k]!.length;
      amp = text.indexOf('&', at);
      continue;
    }
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

/**
 * Checks text between tags (from `from` to `to`, no < in it) as the tokenizer checks it: every &
 * must start a reference decodeXml reads. For a handler that reads an element's content itself.
 */
export function checkText(xml: string, from: number, to: number): void {
  for (let i = from; i < to; i++) {
    if (xml.charCodeAt(i) === 38 /* & */) {
      decodeXml(xml.slice(from, to));
      return;
    }
  }
}

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;
/** Per ASCII character: 1 when a name may start with it (A-Z, a-z, _), 2 when it may only follow (digits, '.', ':' and '-'). */
const NAME_CHARS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95) NAME_CHARS[c] = 1;
  else if ((c >= 48 && c <= 58) || c === 45 || c === 46) NAME_CHARS[c] = 2;
}
/** A-Z, a-z, _ */
const isNameStart = (c: number) => c < 128 && NAME_CHARS[c] === 1;
/** A name's characters: also digits, '.', ':' and '-'. */
const isNameChar = (c: number) => c < 128 && NAME_CHARS[c] !== 0;

/** Whether the document holds only spaces from `from` to `to`. */
function blank(xml: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isSpace(xml.charCodeAt(i))) return false;
  return true;
}

/** Slots of the table of tag names seen (a power of two). */
const NAME_SLOTS = 256;

/**
 * The tag names a document uses, each string made once (a document uses a few dozen names many
 * thousand times), by a hash of its characters; a slot holds the name seen last with its hash.
 */
class Names {
  private readonly names: (string | undefined)[] = new Array<string | undefined>(NAME_SLOTS).fill(undefined);
  private readonly locals: string[] = new Array<string>(NAME_SLOTS).fill('');
  /** The local name of the name `get` returned last. */
  local = '';
  constructor(private readonly xml: string) {}

  /** The name from `from` to `to` (its prefix ending at `colon`, or -1). */
  get(from: number, to: number, colon: number, hash: number): string {
    const slot = hash & (NAME_SLOTS - 1);
    const known = this.names[slot];
    if (known !== undefined && known.length === to - from && this.xml.startsWith(known, from)) {
      this.local = this.locals[slot]!;
      return known;
    }
    const name = this.xml.slice(from, to);
    const local = colon < 0 ? name : this.xml.slice(colon + 1, to);
    this.names[slot] = name;
    this.locals[slot] = local;
    this.local = local;
    return name;
  }
}

/** Tokenizes a whole document, calling the handler for each tag and text; throws XmlError when it is not well-formed. */
export function parseXml(xml: string, handler: XmlHandler): void {
  const stack: string[] = [];
  /** The open tags' names without their prefixes. */
  const locals: string[] = [];
  const tag = new Tag(xml);
  const names = new Names(xml);
  let at = 0;
  let root = false;
  /** The next & (-1: none left): text and attribute values are checked for references only when they hold one. */
  let amp = -2;
  const n = xml.length;
  while (at < n) {
    // Tags mostly follow one another.
    const lt = xml.charCodeAt(at) === 60 /* < */ ? at : xml.indexOf('<', at);
    const end = lt < 0 ? n : lt;
    if (end > at) {
      if (stack.length > 0) {
        if (amp !== -1 && amp < at) amp = xml.indexOf('&', at);
        if (handler.text) handler.text(amp >= 0 && amp < end ? decodeXml(xml.slice(at, end)) : xml.slice(at, end));
        else if (amp >= 0 && amp < end) decodeXml(xml.slice(at, end));
      } else if (!blank(xml, at, end)) throw new XmlError('Text outside the root element');
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
    if (next === 47 /* / */) {
      // </name> with optional spaces before the >: compared in place.
      const name = stack.pop();
      const local = locals.pop()!;
      let gt = lt + 2 + (name?.length ?? 0);
      while (gt < n && isSpace(xml.charCodeAt(gt))) gt++;
      if (name === undefined || !xml.startsWith(name, lt + 2) || xml.charCodeAt(gt) !== 62 /* > */) {
        throw new XmlError(`Mismatched close tag ${xml.slice(lt + 2, Math.min(n, lt + 22))}`);
      }
      handler.close(name, local);
      at = gt + 1;
      continue;
    }
    // An open tag: its name, then its attributes one by one up to > or />.
    let i = lt + 1;
    let colon = -1;
    let hash = 0;
    if (!isNameStart(next)) throw new XmlError(`Malformed tag name ${xml.slice(lt + 1, Math.min(n, lt + 21))}`);
    for (; i < n; i++) {
      const c = xml.charCodeAt(i);
      if (!isNameChar(c)) break;
      if (c === 58 /* : */) colon = i;
      hash = (hash * 31 + c) | 0;
    }
    const name = names.get(lt + 1, i, colon, hash);
    tag.begin(name, names.local);
    let selfClosing = false;
    for (;;) {
      const c = xml.charCodeAt(i);
      if (c === 62 /* > */) break;
      if (c === 47 /* / */ && xml.charCodeAt(i + 1) === 62) {
        selfClosing = true;
        i++;
        break;
      }
      if (!isSpace(c)) throw new XmlError(i >= n ? 'Unterminated tag' : `Malformed tag ${xml.slice(lt + 1, Math.min(n, lt + 21))}`);
      while (isSpace(xml.charCodeAt(i))) i++;
      const a = xml.charCodeAt(i);
      if (a === 62 || a === 47) continue;
      // An attribute: a name, optional spaces, =, optional spaces and a quoted value.
      if (!isNameStart(a)) throw new XmlError(i >= n ? 'Unterminated tag' : 'Malformed attribute name');
      const start = i;
      while (isNameChar(xml.charCodeAt(i))) i++;
      const nameEnd = i;
      while (isSpace(xml.charCodeAt(i))) i++;
      if (xml.charCodeAt(i) !== 61 /* = */) throw new XmlError(i >= n ? 'Unterminated tag' : 'Malformed attribute');
      i++;
      while (isSpace(xml.charCodeAt(i))) i++;
      const quote = xml.charCodeAt(i);
      if (quote !== 34 && quote !== 39) throw new XmlError(i >= n ? 'Unterminated tag' : 'Unquoted attribute value');
      // Values are short: a loop is quicker than indexOf's call.
      let close = i + 1;
      while (close < n && xml.charCodeAt(close) !== quote) close++;
      if (close >= n) throw new XmlError('Unterminated attribute value');
      // Its references are checked here (it is decoded when a handler asks for it).
      if (amp !== -1 && amp <= i) amp = xml.indexOf('&', i + 1);
      if (amp >= 0 && amp < close) decodeXml(xml.slice(i + 1, close));
      tag.add(start, nameEnd, i + 1, close);
      i = close + 1;
    }
    if (stack.length === 0) {
      if (root) throw new XmlError('A second root element');
      root = true;
    }
    const local = tag.local;
    tag.end = i + 1;
    tag.resume = -1;
    handler.open(tag, selfClosing);
    if (tag.resume >= 0 && !selfClosing) {
      at = tag.resume;
      continue;
    }
    if (selfClosing) handler.close(name, local);
    else {
      stack.push(name);
      locals.push(local);
    }
    at = i + 1;
  }
  if (stack.length > 0 || !root) throw new XmlError('Unterminated document');
}
