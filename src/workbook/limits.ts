/**
 * Limits for reading an untrusted workbook file, in one place (the consolidation reuses them), and
 * the checks that enforce them before any library unpacks the file. Browser-safe: bytes in,
 * a verdict out; fflate for the streaming inflate.
 *
 * - `fileProblem`: what a caller can `stat` (a regular file, its size) is checked before a byte
 *   is read, so `/dev/zero`, a pipe or a folder is refused at once.
 * - `inspectZip`: the zip's central directory is a first check only (its sizes can lie). Every
 *   entry is then inflated in small slices, its bytes counted and its CRC computed, and the
 *   inflate stops at a limit per part and in total. Whatever disagrees with the directory (a size
 *   or a CRC, a local header, an entry past the end) is a damaged file. Memory stays bounded by a
 *   slice's output (at most ~1032 times the 16 KiB slice), whatever the file claims.
 * - `compoundFileKind`: what an OLE2 compound file is (a password-protected .xlsx, an old .xls),
 *   from the names in its directory.
 */
import { Inflate, inflateSync } from 'fflate';

export const LIMITS = {
  /** The file itself: the template is ~0.2 MB; a filled workbook far below this. */
  fileBytes: 32 * 1024 * 1024,
  /** One part unpacked (the template's largest is ~0.15 MB). */
  partBytes: 32 * 1024 * 1024,
  /** All parts unpacked together. */
  totalBytes: 64 * 1024 * 1024,
  /** Entries in the zip. */
  entries: 5_000,
  /**
   * Cells and rows in all sheets together (the demo has ~4,000 cells): ExcelJS holds each as an
   * object; a million cells took 16 s and 550 MB.
   */
  cells: 200_000,
  /** A sheet's used rectangle (rows times columns): a used range is read cell by cell. */
  sheetArea: 1_000_000,
  /** Cells covered by merges or data validations on one sheet (ExcelJS creates each one). */
  expandedCells: 200_000,
} as const;

const MB = (n: number) => `${Math.round(n / (1024 * 1024))} MB`;

export const TOO_BIG = `Filen er for stor til at være en parathedsvurdering (over ${MB(LIMITS.fileBytes)}). Kontrollér, at det er den rigtige fil.`;
export const EXPANDS = `Filen pakker sig ud til mere end parathed vil læse (over ${MB(LIMITS.partBytes)} i én del eller ${MB(LIMITS.totalBytes)} i alt), så den er ikke en parathedsvurdering, eller den er lavet til at fylde hukommelsen. Kontrollér, at det er den rigtige fil.`;
export const DAMAGED = 'Filen er beskadiget: den kunne ikke læses som Excel-projektmappe (.xlsx). Brug en tidligere gemt udgave, eller gem den igen fra Excel.';
export const NOT_XLSX = 'Filen er ikke en Excel-projektmappe (.xlsx). Gem den som "Excel-projektmappe (*.xlsx)" og prøv igen.';
export const ENCRYPTED = 'Projektmappen er beskyttet med en adgangskode, så den kan ikke læses. Fjern adgangskoden i Excel (Filer → Oplysninger → Beskyt projektmappe → Krypter med adgangskode, slet adgangskoden), gem, og prøv igen.';
export const OLD_XLS = 'Filen er en gammel Excel-projektmappe (.xls). Åbn den i Excel, gem den som "Excel-projektmappe (*.xlsx)", og prøv igen.';
export const ODS = 'Filen er et OpenDocument-regneark (.ods). Gem den som "Excel-projektmappe (*.xlsx)" (i LibreOffice: Filer → Gem som → Excel 2007-365), og prøv igen.';

/** What a caller knows of a file before reading it. */
export interface FileFacts {
  isFile: boolean;
  isDirectory: boolean;
  size: number;
}

/** Why a file must not be read at all, or undefined when it may be. */
export function fileProblem(facts: FileFacts): string | undefined {
  if (facts.isDirectory) return 'er en mappe, ikke en fil.';
  if (!facts.isFile) return 'er ikke en almindelig fil (fx en enhed eller et rør), så den læses ikke.';
  if (facts.size > LIMITS.fileBytes) return TOO_BIG;
  return undefined;
}

export type FileKind = 'zip' | 'ole2' | 'other';

export function sniff(data: Uint8Array): FileKind {
  if (data.length >= 4 && data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04) return 'zip';
  const ole = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  if (data.length >= 512 && ole.every((b, i) => data[i] === b)) return 'ole2';
  return 'other';
}

/** CRC-32 tables for slicing by eight (eight bytes a step): table k holds the CRC of a byte followed by k zeros. */
let crcTables: Uint32Array[] | undefined;
function crcTablesOnce(): Uint32Array[] {
  if (crcTables) return crcTables;
  const first = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    first[n] = c >>> 0;
  }
  crcTables = [first];
  for (let k = 1; k < 8; k++) {
    const prev = crcTables[k - 1]!;
    const table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) table[n] = (prev[n]! >>> 8) ^ first[prev[n]! & 0xff]!;
    crcTables.push(table);
  }
  return crcTables;
}

/** Whether this platform stores a 32-bit word's low byte first (a word read is then four bytes in order). */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** The zip's CRC-32 of a chunk, continuing from `crc`. */
export function crc32(crc: number, chunk: Uint8Array): number {
  const [t0, t1, t2, t3, t4, t5, t6, t7] = crcTablesOnce() as [Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array];
  let c = ~crc;
  let i = 0;
  const n = chunk.length;
  if (LITTLE_ENDIAN && n >= 64) {
    // Eight bytes a step as two aligned 32-bit words (one read each instead of four).
    const head = Math.min(n, (4 - (chunk.byteOffset & 3)) & 3);
    for (; i < head; i++) c = t0[(c ^ chunk[i]!) & 0xff]! ^ (c >>> 8);
    const words = new Uint32Array(chunk.buffer, chunk.byteOffset + i, (n - i) >>> 2);
    const pairs = words.length & ~1;
    for (let k = 0; k < pairs; k += 2) {
      const lo = c ^ words[k]!;
      const hi = words[k + 1]!;
      c = t7[lo & 0xff]! ^ t6[(lo >>> 8) & 0xff]! ^ t5[(lo >>> 16) & 0xff]! ^ t4[lo >>> 24]! ^ t3[hi & 0xff]! ^ t2[(hi >>> 8) & 0xff]! ^ t1[(hi >>> 16) & 0xff]! ^ t0[hi >>> 24]!;
    }
    i += pairs * 4;
  } else {
    for (; i + 8 <= n; i += 8) {
      const lo = (c ^ (chunk[i]! | (chunk[i + 1]! << 8) | (chunk[i + 2]! << 16) | (chunk[i + 3]! << 24))) >>> 0;
      c = t7[lo & 0xff]! ^ t6[(lo >>> 8) & 0xff]! ^ t5[(lo >>> 16) & 0xff]! ^ t4[lo >>> 24]! ^ t3[chunk[i + 4]!]! ^ t2[chunk[i + 5]!]! ^ t1[chunk[i + 6]!]! ^ t0[chunk[i + 7]!]!;
    }
  }
  for (; i < n; i++) c = t0[(c ^ chunk[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

export interface ZipEntry {
  name: string;
  /** Its unpacked size, as counted (as the directory says, for an entry skipped). */
  size: number;
  /** Its unpacked bytes, for an entry the caller asked to keep. */
  data?: Uint8Array;
}

export type ZipVerdict = { entries: ZipEntry[] } | { problem: string; kind: 'damaged' | 'expands' };

const damaged = (): ZipVerdict => ({ problem: DAMAGED, kind: 'damaged' });
const expands = (): ZipVerdict => ({ problem: EXPANDS, kind: 'expands' });

/** Input per push to the inflater: bounds what one push can produce. */
const SLICE = 16 * 1024;
/**
 * An entry this small (compressed) is inflated in one go into a buffer one byte larger than its
 * directory says: fflate writes no further than the buffer, and decoding it costs at most what
 * ~1032 times 64 KiB costs (a fraction of a second), so neither memory nor time can run away.
 */
const ONE_SHOT = 64 * 1024;

class Stop extends Error {}

/** Joins the chunks an inflate produced. */
function joined(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** What to do with an entry: inflate it and keep its bytes, inflate it to check it, or leave it packed. */
export type EntryUse = 'keep' | 'check' | 'skip';

/**
 * Checks a zip against its own directory and the limits, inflating every entry once (its output
 * counted and checked, and kept for the entries `use` says to keep: the parts a selective reader
 * reads). An entry `use` skips is checked as far as its directory and local header go, and never
 * unpacked (a reader that does not read it needs no more).
 */
export function inspectZip(data: Uint8Array, use: (name: string) => EntryUse = () => 'check'): ZipVerdict {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  // The end of central directory record: within the last 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 0xffff); i--) {
    if (u32(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return damaged();
  const count = u16(eocd + 10);
  const cdSize = u32(eocd + 12);
  const cdOffset = u32(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) return damaged(); // Zip64: no workbook of this size.
  if (count > LIMITS.entries) return expands();
  if (cdOffset + cdSize > eocd) return damaged();
  const entries: ZipEntry[] = [];
  let total = 0;
  let at = cdOffset;
  const decoder = new TextDecoder('utf-8');
  for (let n = 0; n < count; n++) {
    if (at + 46 > eocd || u32(at) !== 0x02014b50) return damaged();
    const flags = u16(at + 8);
    const method = u16(at + 10);
    const crc = u32(at + 16);
    const compressed = u32(at + 20);
    const size = u32(at + 24);
    const nameLength = u16(at + 28);
    const extraLength = u16(at + 30);
    const commentLength = u16(at + 32);
    const local = u32(at + 42);
    if (at + 46 + nameLength > eocd) return damaged();
    const name = decoder.decode(data.subarray(at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
    if (flags & 1) return { problem: ENCRYPTED, kind: 'damaged' };
    // The directory's sizes are a first check only.
    if (size > LIMITS.partBytes || total + size > LIMITS.totalBytes) return expands();
    if (local + 30 > data.length || u32(local) !== 0x04034b50) return damaged();
    const start = local + 30 + u16(local + 26) + u16(local + 28);
    if (start + compressed > cdOffset) return damaged();
    const how = use(name);
    if (how === 'skip') {
      entries.push({ name, size });
      continue;
    }
    const body = data.subarray(start, start + compressed);
    const kept: Uint8Array[] | undefined = how === 'keep' ? [] : undefined;
    let counted = 0;
    let check = 0;
    if (method === 0) {
      counted = body.length;
      check = crc32(0, body);
      kept?.push(body.slice());
    } else if (method === 8 && compressed <= ONE_SHOT) {
      let out: Uint8Array;
      try {
        out = inflateSync(body, { out: new Uint8Array(size + 1) });
      } catch {
        return damaged();
      }
      // A stream longer than the directory says fills the extra byte: a damaged directory.
      if (out.length > size) return damaged();
      counted = out.length;
      check = crc32(0, out);
      kept?.push(out);
    } else if (method === 8) {
      let ended = false;
      const inflater = new Inflate((chunk, final) => {
        counted += chunk.length;
        if (counted > LIMITS.partBytes || total + counted > LIMITS.totalBytes) throw new Stop();
        check = crc32(check, chunk);
        kept?.push(chunk);
        if (final) ended = true;
      });
      try {
        for (let i = 0; i < body.length; i += SLICE) inflater.push(body.subarray(i, Math.min(i + SLICE, body.length)), i + SLICE >= body.length);
        if (body.length === 0) inflater.push(new Uint8Array(0), true);
      } catch (err) {
        return err instanceof Stop ? expands() : damaged();
      }
      if (!ended) return damaged();
    } else {
      return damaged();
    }
    if (counted !== size || check !== crc) return damaged();
    total += counted;
    entries.push({ name, size: counted, ...(kept ? { data: joined(kept, counted) } : {}) });
  }
  return { entries };
}

/** What an OLE2 compound file holds, from its directory's names. */
export function compoundFileKind(data: Uint8Array): 'encrypted' | 'xls' | 'other' {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const shift = view.getUint16(0x1e, true);
  if (shift !== 9 && shift !== 12) return 'other';
  const sector = 1 << shift;
  const offset = (id: number) => (id + 1) * sector;
  // The FAT's sectors: the first 109 are listed in the header (enough for any file we read).
  const fatSectors: number[] = [];
  for (let i = 0; i < 109; i++) {
    const id = view.getUint32(0x4c + i * 4, true);
    if (id >= 0xfffffffa) break;
    fatSectors.push(id);
  }
  const next = (id: number): number => {
    const perSector = sector / 4;
    const fat = fatSectors[Math.floor(id / perSector)];
    if (fat === undefined || offset(fat) + sector > data.length) return 0xfffffffe;
    return view.getUint32(offset(fat) + (id % perSector) * 4, true);
  };
  const names = new Set<string>();
  let dir = view.getUint32(0x30, true);
  // Bounded: a chain that loops stops at the number of sectors the file can hold.
  for (let steps = 0; dir < 0xfffffffa && steps <= data.length / sector; steps++) {
    const base = offset(dir);
    if (base + sector > data.length) break;
    for (let e = 0; e < sector / 128; e++) {
      const entry = base + e * 128;
      const length = view.getUint16(entry + 0x40, true);
      if (length < 2 || length > 64) continue;
      let name = '';
      for (let c = 0; c < length / 2 - 1; c++) name += String.fromCharCode(view.getUint16(entry + c * 2, true));
      names.add(name);
    }
    dir = next(dir);
  }
  if (names.has('EncryptedPackage') || names.has('EncryptionInfo')) return 'encrypted';
  if (names.has('Workbook') || names.has('Book')) return 'xls';
  return 'other';
}
