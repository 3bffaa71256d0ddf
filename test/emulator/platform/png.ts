/**
 * Just enough PNG decoding to read a QR code back in a test: 8-bit RGB/RGBA or indexed colour at any bit
 * depth, not interlaced, all five scanline filters. Anything else throws, so an unexpected format fails loudly.
 */
import zlib from 'node:zlib';

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface Image {
  width: number;
  height: number;
  /** RGBA of one pixel. */
  pixel(x: number, y: number): [number, number, number, number];
}

const CHANNELS: Record<number, number> = { 2: 3, 3: 1, 6: 4 };

export function decodePng(png: Buffer): Image {
  if (!png.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('not a PNG');
  let width = 0;
  let height = 0;
  let depth = 0;
  let colour = 0;
  let palette: Buffer = Buffer.alloc(0);
  let alpha: Buffer = Buffer.alloc(0);
  const idat: Buffer[] = [];
  for (let pos = 8; pos < png.length;) {
    const length = png.readUInt32BE(pos);
    const type = png.toString('latin1', pos + 4, pos + 8);
    const data = png.subarray(pos + 8, pos + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      [depth, colour] = data.subarray(8, 10);
      const interlace = data[12];
      if (!(colour in CHANNELS) || interlace !== 0 || (colour !== 3 && depth !== 8))
        throw new Error(`unsupported PNG: depth ${depth} colour ${colour}`);
    } else if (type === 'PLTE') palette = data;
    else if (type === 'tRNS') alpha = data;
    else if (type === 'IDAT') idat.push(data);
    pos += 12 + length;
  }
  const bitsPerPixel = depth * CHANNELS[colour];
  const bpp = Math.max(1, bitsPerPixel >> 3); // the filters' "previous pixel" distance, in bytes
  const stride = Math.ceil((width * bitsPerPixel) / 8);
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const out = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? out[y * stride + i - bpp] : 0;
      const b = y > 0 ? out[(y - 1) * stride + i] : 0;
      const c = y > 0 && i >= bpp ? out[(y - 1) * stride + i - bpp] : 0;
      out[y * stride + i] = (line[i] + predict(filter, a, b, c)) & 0xff;
    }
  }
  return {
    width,
    height,
    pixel(x, y) {
      if (colour === 3) {
        const bit = x * depth;
        const index = (out[y * stride + (bit >> 3)] >> (8 - depth - (bit & 7))) & ((1 << depth) - 1);
        return [palette[index * 3], palette[index * 3 + 1], palette[index * 3 + 2], index < alpha.length ? alpha[index] : 255];
      }
      const o = y * stride + x * CHANNELS[colour];
      return [out[o], out[o + 1], out[o + 2], colour === 6 ? out[o + 3] : 255];
    },
  };
}

function predict(filter: number, a: number, b: number, c: number): number {
  switch (filter) {
    case 0:
      return 0;
    case 1:
      return a;
    case 2:
      return b;
    case 3:
      return (a + b) >> 1;
    case 4: {
      const p = a + b - c;
      const pa = Math.abs(p - a);
      const pb = Math.abs(p - b);
      const pc = Math.abs(p - c);
      return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
    default:
      throw new Error(`bad PNG filter ${filter}`);
  }
}
