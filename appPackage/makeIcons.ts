/**
 * Draws the Teams icons (`color.png` 192×192, `outline.png` 32×32 white on transparent) with the tiny PNG
 * encoder, so the package needs no image tools. Run once with `npx tsx appPackage/makeIcons.ts`; the PNGs are
 * committed.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { encodePng, type RgbaImage } from './png.js';

type Rgba = [number, number, number, number];

/** Coverage (0..1) of the Firstline glyph at a point in unit coordinates: a dot under two signal arcs. */
function glyph(x: number, y: number, stroke: number): number {
  const cx = 0.5;
  const cy = 0.66;
  const d = Math.hypot(x - cx, y - cy);
  const dot = clamp((0.085 - d) / stroke + 0.5);
  const angle = Math.atan2(y - cy, x - cx);
  const upper = angle < -Math.PI * 0.22 && angle > -Math.PI * 0.78 ? 1 : 0;
  const arc = (r: number) => upper * clamp((0.045 - Math.abs(d - r)) / stroke + 0.5);
  return Math.max(dot, arc(0.24), arc(0.4));
}

function clamp(v: number): number {
  return Math.min(1, Math.max(0, v));
}

function draw(size: number, background: Rgba | undefined, foreground: Rgba, inset: number): RgbaImage {
  const pixels = new Uint8Array(size * size * 4);
  const stroke = 1 / size;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const u = ((px + 0.5) / size - inset) / (1 - 2 * inset);
      const v = ((py + 0.5) / size - inset) / (1 - 2 * inset);
      const cover = glyph(u, v, stroke / (1 - 2 * inset));
      const base: Rgba = background ?? [foreground[0], foreground[1], foreground[2], 0];
      const out: Rgba = background
        ? ([0, 1, 2]
            .map((i) => Math.round(base[i]! * (1 - cover) + foreground[i]! * cover))
            .concat(255) as Rgba)
        : [foreground[0], foreground[1], foreground[2], Math.round(255 * cover)];
      pixels.set(out, (py * size + px) * 4);
    }
  }
  return { width: size, height: size, pixels };
}

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
writeFileSync(here('./color.png'), encodePng(draw(192, [15, 76, 92, 255], [255, 255, 255, 255], 0.12)));
writeFileSync(here('./outline.png'), encodePng(draw(32, undefined, [255, 255, 255, 255], 0.02)));
process.stdout.write('Wrote appPackage/color.png and appPackage/outline.png\n');
