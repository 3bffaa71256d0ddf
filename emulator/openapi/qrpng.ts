/**
 * A QR code as a two-colour PNG (1-bit indexed: palette [background, line], transparent background when
 * asked). Written by hand rather than through qrcode's PNG renderer: pngjs's JavaScript filtering of a
 * 32-bit RGBA image takes seconds inside Jest's sandbox, while a 1-bit image is a few kilobytes for zlib.
 * Module placement follows qrcode's renderer: a margin of `margin` modules, scaled to `width` pixels.
 */
import zlib from 'node:zlib';
import QRCode from 'qrcode';

export interface QrPngOptions {
  width: number;
  margin: number;
  /** [r, g, b] of the lines. */
  line: [number, number, number];
  transparent: boolean;
}

export function qrPng(text: string, opts: QrPngOptions): Buffer {
  const modules = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
  const cells = modules.size + opts.margin * 2;
  const width = Math.max(opts.width, cells);
  const scale = width / cells;
  const rowBytes = Math.ceil(width / 8);
  const raw = Buffer.alloc((rowBytes + 1) * width); // filter byte 0 (none) before each row
  for (let y = 0; y < width; y++) {
    const row = Math.floor(y / scale) - opts.margin;
    if (row < 0 || row >= modules.size) continue;
    for (let x = 0; x < width; x++) {
      const col = Math.floor(x / scale) - opts.margin;
      if (col >= 0 && col < modules.size && modules.get(row, col)) raw[y * (rowBytes + 1) + 1 + (x >> 3)] |= 0x80 >> (x & 7);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(width, 4);
  ihdr.set([1, 3, 0, 0, 0], 8); // bit depth 1, indexed colour, deflate, no filter method variants, no interlace
  const chunks = [
    chunk('IHDR', ihdr),
    chunk('PLTE', Buffer.from([255, 255, 255, ...opts.line])),
    ...(opts.transparent ? [chunk('tRNS', Buffer.from([0, 255]))] : []),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ];
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), ...chunks]);
}

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
