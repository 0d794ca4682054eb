/**
 * Generators for the hostile corpus: zips written byte by byte (so a directory can lie), zip
 * bombs built from repeated deflate blocks (1 GB unpacked from ~1 MB, in milliseconds), OLE2
 * compound files with a chosen directory, and edits of a real workbook's parts.
 */
import JSZip from 'jszip';
import { constants, crc32 as nodeCrc32, deflateRawSync } from 'node:zlib';

export interface RawEntry {
  name: string;
  /** The bytes as stored (deflated unless method is 0). */
  body: Uint8Array;
  method?: 0 | 8;
  /** What the directory says; lies allowed. */
  size: number;
  crc: number;
  flags?: number;
}

const crc32 = (data: Uint8Array): number => {
  // node:zlib has crc32 from Node 20.15/22.2; a small table otherwise.
  if (typeof nodeCrc32 === 'function') return nodeCrc32(data) >>> 0;
  let c = ~0;
  for (const b of data) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return ~c >>> 0;
};

/** An honest entry: deflated, with its real size and CRC. */
export function entry(name: string, content: Uint8Array | string): RawEntry {
  const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return { name, body: deflateRawSync(data), method: 8, size: data.length, crc: crc32(data) };
}

/** A zip written byte by byte: local headers, data, central directory, end record. */
export function writeZip(entries: RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.flags ?? 0, 6);
    local.writeUInt16LE(e.method ?? 8, 8);
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.body.length, 18);
    local.writeUInt32LE(e.size >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, Buffer.from(e.body));
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(e.flags ?? 0, 8);
    cd.writeUInt16LE(e.method ?? 8, 10);
    cd.writeUInt32LE(e.crc >>> 0, 16);
    cd.writeUInt32LE(e.body.length, 20);
    cd.writeUInt32LE(e.size >>> 0, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    central.push(cd, name);
    offset += 30 + name.length + e.body.length;
  }
  const cdBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cdBytes, end]);
}

/** A real workbook's entries, re-deflated, for editing. */
export async function entriesOf(xlsx: Uint8Array): Promise<RawEntry[]> {
  const zip = await JSZip.loadAsync(xlsx);
  const out: RawEntry[] = [];
  for (const name of Object.keys(zip.files)) {
    if (zip.files[name]!.dir) continue;
    out.push(entry(name, await zip.files[name]!.async('uint8array')));
  }
  return out;
}

/**
 * A deflate stream of `mib` MiB of zeros: one fully flushed 1 MiB block repeated (each copy is
 * byte-aligned and needs no earlier window), then an empty final block.
 */
export function zeroBomb(mib: number): Buffer {
  const block = deflateRawSync(Buffer.alloc(1 << 20), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const parts: Buffer[] = [];
  for (let i = 0; i < mib; i++) parts.push(block);
  parts.push(Buffer.from([0x03, 0x00]));
  return Buffer.concat(parts);
}

/** A workbook's zip with one entry replaced by a bomb of `mib` MiB whose directory says `claimed` bytes. */
export function bombZip(base: RawEntry[], mib: number, claimed: number): Buffer {
  return writeZip(base.map((e) => (e.name === 'xl/worksheets/sheet1.xml' ? { ...e, body: zeroBomb(mib), size: claimed } : e)));
}

/** A compound file (OLE2) whose directory holds the given stream names (no stream content). */
export function compoundFile(names: string[]): Buffer {
  const sector = 512;
  const header = Buffer.alloc(sector, 0);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x3e, 0x18);
  header.writeUInt16LE(3, 0x1a);
  header.writeUInt16LE(0xfffe, 0x1c);
  header.writeUInt16LE(9, 0x1e);
  header.writeUInt16LE(6, 0x20);
  header.writeUInt32LE(1, 0x2c); // FAT sectors
  header.writeUInt32LE(1, 0x30); // first directory sector
  header.writeUInt32LE(4096, 0x38);
  header.writeUInt32LE(0xfffffffe, 0x3c);
  header.writeUInt32LE(0xfffffffe, 0x44);
  for (let i = 0; i < 109; i++) header.writeUInt32LE(i === 0 ? 0 : 0xffffffff, 0x4c + i * 4);
  const fat = Buffer.alloc(sector, 0xff);
  fat.writeUInt32LE(0xfffffffd, 0);
  fat.writeUInt32LE(0xfffffffe, 4);
  const dir = Buffer.alloc(sector, 0);
  ['Root Entry', ...names].slice(0, 4).forEach((name, i) => {
    const at = i * 128;
    dir.write(name, at, 'utf16le');
    dir.writeUInt16LE((name.length + 1) * 2, at + 0x40);
    dir[at + 0x42] = i === 0 ? 5 : 2;
  });
  return Buffer.concat([header, fat, dir]);
}

/** A zip's entries with one part's text changed. */
export async function editPart(base: RawEntry[], name: string, edit: (xml: string) => string): Promise<Buffer> {
  const zip = new Map(base.map((e) => [e.name, e]));
  const old = zip.get(name)!;
  const { inflateRawSync } = await import('node:zlib');
  const xml = inflateRawSync(old.body).toString('utf8');
  const changed = edit(xml);
  if (changed === xml) throw new Error(`edit of ${name} changed nothing`);
  zip.set(name, entry(name, changed));
  return writeZip([...zip.values()]);
}
