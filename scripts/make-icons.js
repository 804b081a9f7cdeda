#!/usr/bin/env node
'use strict';
/**
 * Draws PlanCheck's icons (assets/icon-<size>.png): a teal rounded tile with a small spreadsheet
 * grid and a white tick over it. Pure Node: shapes are sampled on a sub-pixel grid for smooth
 * edges and written as RGBA PNGs with zlib, so no image tool has to be installed.
 *
 *   node scripts/make-icons.js            # writes 16, 32, 64, 80 and 128 px into assets/
 */
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const SIZES = [16, 32, 64, 80, 128];
const OUT_DIR = path.resolve(__dirname, '..', 'assets');

// Colours (sRGB, 0..255).
const TILE_TOP = [20, 150, 130];
const TILE_BOTTOM = [9, 104, 96];
const CELL = [255, 255, 255];
const TICK = [255, 255, 255];
const TICK_EDGE = [6, 70, 64];

// ---------------------------------------------------------------------------------------------
// Geometry, all in unit coordinates (0..1 across the icon), as signed distances (< 0 is inside).

function roundedRect(x, y, left, top, right, bottom, radius) {
  const cx = (left + right) / 2;
  const cy = (top + bottom) / 2;
  const hx = (right - left) / 2 - radius;
  const hy = (bottom - top) / 2 - radius;
  const qx = Math.abs(x - cx) - hx;
  const qy = Math.abs(y - cy) - hy;
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  return outside + Math.min(Math.max(qx, qy), 0) - radius;
}

function segmentDistance(x, y, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

/** Detail depends on size: a 16 px icon gets a 2 x 2 grid and thicker strokes so it stays legible. */
function design(size) {
  const small = size <= 20;
  const px = 1 / size;
  return {
    tileInset: small ? 0 : 0.03,
    tileRadius: small ? 0.2 : 0.19,
    grid: {
      left: small ? 0.16 : 0.17,
      top: small ? 0.16 : 0.17,
      right: small ? 0.84 : 0.83,
      bottom: small ? 0.84 : 0.83,
      columns: small ? 2 : 3,
      rows: small ? 2 : 3,
      gap: Math.max(small ? 1.5 * px : 0.05, px),
      alpha: 0.34,
    },
    tick: {
      points: [
        [0.27, 0.53],
        [0.43, 0.69],
        [0.75, 0.33],
      ],
      halfWidth: Math.max(0.065, 1.1 * px),
      edge: Math.max(0.035, 0.9 * px),
    },
  };
}

/** Colour and coverage of each layer at one sample point, painted back to front. */
function sample(x, y, d) {
  const inset = d.tileInset;
  if (roundedRect(x, y, inset, inset, 1 - inset, 1 - inset, d.tileRadius) > 0) return [0, 0, 0, 0];

  const shade = (y - inset) / (1 - 2 * inset);
  let rgb = TILE_TOP.map((top, i) => top + (TILE_BOTTOM[i] - top) * shade);

  const g = d.grid;
  if (x > g.left && x < g.right && y > g.top && y < g.bottom) {
    const cw = (g.right - g.left) / g.columns;
    const ch = (g.bottom - g.top) / g.rows;
    const fx = (x - g.left) % cw;
    const fy = (y - g.top) % ch;
    const inCell = fx > g.gap / 2 && fx < cw - g.gap / 2 && fy > g.gap / 2 && fy < ch - g.gap / 2;
    // The header row of the sheet is a little brighter, as column headings are.
    const alpha = inCell ? (y - g.top < ch ? g.alpha + 0.14 : g.alpha) : 0;
    rgb = rgb.map((c, i) => c + (CELL[i] - c) * alpha);
  }

  const t = d.tick;
  let dist = Infinity;
  for (let i = 0; i + 1 < t.points.length; i++) {
    const [ax, ay] = t.points[i];
    const [bx, by] = t.points[i + 1];
    dist = Math.min(dist, segmentDistance(x, y, ax, ay, bx, by));
  }
  if (dist < t.halfWidth) rgb = TICK.slice();
  else if (dist < t.halfWidth + t.edge) rgb = rgb.map((c, i) => c + (TICK_EDGE[i] - c) * 0.55);

  return [rgb[0], rgb[1], rgb[2], 255];
}

function render(size) {
  const d = design(size);
  const ss = 8; // samples per pixel along each axis
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const [cr, cg, cb, ca] = sample((px + (sx + 0.5) / ss) / size, (py + (sy + 0.5) / ss) / size, d);
          r += cr * ca;
          g += cg * ca;
          b += cb * ca;
          a += ca;
        }
      }
      const o = (py * size + px) * 4;
      if (a > 0) {
        rgba[o] = Math.round(r / a);
        rgba[o + 1] = Math.round(g / a);
        rgba[o + 2] = Math.round(b / a);
      }
      rgba[o + 3] = Math.round(a / (ss * ss));
    }
  }
  return rgba;
}

// ---------------------------------------------------------------------------------------------
// PNG: signature, IHDR (8-bit RGBA), one IDAT of deflated rows with filter 0, IEND.

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  header[10] = 0; // compression
  header[11] = 0; // filter method
  header[12] = 0; // no interlace
  const stride = size * 4;
  const raw = Buffer.alloc((stride + 1) * size);
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function main() {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  for (const size of SIZES) {
    const file = path.join(OUT_DIR, `icon-${size}.png`);
    const png = encodePng(size, render(size));
    fs.writeFileSync(file, png);
    console.log(`${path.relative(process.cwd(), file)}  ${size}x${size}  ${png.length} bytes`);
  }
}

if (require.main === module) main();

module.exports = { encodePng, render, SIZES };
