#!/usr/bin/env node
/**
 * Draws the add-in's icons (src/taskpane/assets/icon-{16,32,64,80,128}.png): three rising bars,
 * white on the template's dark blue, in the sizes the manifest needs (16, 32, 80 for the ribbon;
 * 32 and 64 for the add-in's icon; 128 for AppSource-style listings). Plain PNG written with
 * zlib, so it runs anywhere Node does: `node scripts/make-icons.js`.
 */
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const BLUE = [0x1f, 0x4e, 0x79];
const WHITE = [0xff, 0xff, 0xff];

function crc32(buf) {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** RGBA pixels of one icon. */
function draw(size) {
  const px = Buffer.alloc(size * size * 4);
  const r = size * 0.18; // corner radius
  const inside = (x, y) => {
    const cx = Math.min(Math.max(x, r), size - r);
    const cy = Math.min(Math.max(y, r), size - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
  // Three bars, rising left to right, on a common baseline.
  const base = size * 0.8;
  const bars = [0.35, 0.5, 0.65].map((h, i) => ({ x0: size * (0.2 + i * 0.22), x1: size * (0.2 + i * 0.22 + 0.16), y0: base - size * h }));
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const o = (y * size + x) * 4;
      // Sample the pixel's centre.
      const sx = x + 0.5;
      const sy = y + 0.5;
      if (!inside(sx, sy)) continue;
      const onBar = bars.some((b) => sx >= b.x0 && sx < b.x1 && sy >= b.y0 && sy < base);
      const [R, G, B] = onBar ? WHITE : BLUE;
      px[o] = R;
      px[o + 1] = G;
      px[o + 2] = B;
      px[o + 3] = 255;
    }
  }
  return px;
}

function png(size) {
  const px = draw(size);
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) px.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

const out = path.join(__dirname, '..', 'src', 'taskpane', 'assets');
fs.mkdirSync(out, { recursive: true });
for (const size of [16, 32, 64, 80, 128]) fs.writeFileSync(path.join(out, `icon-${size}.png`), png(size));
console.log(`Icons written to ${out}`);
