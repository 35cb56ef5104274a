// Renders resources/icons/icon.svg to the PNG sizes electron-builder and the window use, and packs
// icon.ico (Windows) and icon.icns (macOS) from those PNGs. Needs Debian's rsvg-convert
// (apt-get install librsvg2-bin). Run: npx tsx scripts/render-icons.ts
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const dir = path.resolve(import.meta.dirname, '../resources/icons');
const svg = path.join(dir, 'icon.svg');
const SIZES = [16, 32, 48, 64, 128, 256, 512, 1024];

const png = (size: number) => path.join(dir, `${size}x${size}.png`);

for (const size of SIZES) {
  execFileSync('rsvg-convert', ['-w', String(size), '-h', String(size), svg, '-o', png(size)]);
}

/** ICO with PNG-compressed entries (Windows Vista and later). */
function ico(sizes: number[]): Buffer {
  const images = sizes.map((s) => fs.readFileSync(png(s)));
  const header = Buffer.alloc(6 + 16 * sizes.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(sizes.length, 4);
  let offset = header.length;
  sizes.forEach((s, i) => {
    const e = 6 + 16 * i;
    header.writeUInt8(s >= 256 ? 0 : s, e); // 0 means 256
    header.writeUInt8(s >= 256 ? 0 : s, e + 1);
    header.writeUInt16LE(1, e + 4); // planes
    header.writeUInt16LE(32, e + 6); // bits per pixel
    header.writeUInt32LE(images[i].length, e + 8);
    header.writeUInt32LE(offset, e + 12);
    offset += images[i].length;
  });
  return Buffer.concat([header, ...images]);
}

/** ICNS with PNG entries; each OSType names a pixel size (the @2x types reuse the larger PNGs). */
function icns(entries: [string, number][]): Buffer {
  const chunks = entries.map(([type, size]) => {
    const data = fs.readFileSync(png(size));
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(data.length + 8, 4);
    return Buffer.concat([head, data]);
  });
  const body = Buffer.concat(chunks);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}

fs.writeFileSync(path.join(dir, 'icon.ico'), ico([16, 32, 48, 64, 128, 256]));
fs.writeFileSync(
  path.join(dir, 'icon.icns'),
  icns([
    ['icp4', 16],
    ['icp5', 32],
    ['ic11', 32],
    ['ic12', 64],
    ['ic07', 128],
    ['ic13', 256],
    ['ic08', 256],
    ['ic14', 512],
    ['ic09', 512],
    ['ic10', 1024],
  ]),
);
console.log(`Rendered ${SIZES.length} PNGs, icon.ico and icon.icns into ${path.relative(process.cwd(), dir)}`);
