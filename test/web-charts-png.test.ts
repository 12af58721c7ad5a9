import { describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { chartPng } from '../bot/adapters/chart-png.js';
import { PNG_SCALE, svgToPng } from '../web/charts/png.js';
import { completionByPlace } from '../web/charts/dashboard-charts.js';

const decode = (bytes: Uint8Array) => PNG.sync.read(Buffer.from(bytes));

/** Share of pixels that are not white: ink on the page. */
function ink(png: PNG): number {
  let n = 0;
  for (let i = 0; i < png.data.length; i += 4) if (png.data[i] < 200 || png.data[i + 1] < 200 || png.data[i + 2] < 200) n += 1;
  return n / (png.width * png.height);
}

/** One character alone, drawn with the chart font (no system font is loaded). */
const glyph = (ch: string, fontFiles?: string[]) => decode(svgToPng(
  `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><text x="4" y="32" font-family="sans-serif" font-size="32" fill="#000">${ch}</text></svg>`,
  { scale: 1, ...(fontFiles ? { fontFiles } : {}) },
));

describe('chart pictures (SVG → PNG with the bundled CJK font)', () => {
  it('draws the dashboard chart as a PNG of the expected size that is not blank', () => {
    const rows = [{ name: '横林镇', rate: 0.42 }, { name: '湖塘镇', rate: 0.9 }, { name: '牛塘镇', rate: 0.05 }];
    const svg = completionByPlace(rows, '镇', '全区 · 2026年11月');
    const [, w, h] = /<svg[^>]*width="(\d+)"[^>]*height="(\d+)"/.exec(svg)!.map(Number);
    const png = decode(chartPng({ chart: 'completion', subtitle: '全区 · 2026年11月', by: '镇', rows }));
    expect([png.width, png.height]).toEqual([w * PNG_SCALE, h * PNG_SCALE]);
    // Bars, axes and labels: a few percent of the page carries ink, far from blank and from all-ink.
    const share = ink(png);
    expect(share).toBeGreaterThan(0.05);
    expect(share).toBeLessThan(0.6);
    // The bars are the dashboard's blue (#1456f0).
    let blue = 0;
    for (let i = 0; i < png.data.length; i += 4) if (png.data[i] === 0x14 && png.data[i + 1] === 0x56 && png.data[i + 2] === 0xf0) blue += 1;
    expect(blue).toBeGreaterThan(1000);
  });

  it('draws Chinese labels with real glyphs, not boxes or nothing', () => {
    const chars = [...'横林镇巡查完成率'];
    const drawn = chars.map((c) => glyph(c));
    // A code point the font lacks (private use area) shows what a missing glyph looks like.
    const missing = glyph('\ue000');
    for (const [i, g] of drawn.entries()) {
      expect(ink(g), chars[i]).toBeGreaterThan(0.02);
      expect(g.data.equals(missing.data), chars[i]).toBe(false);
    }
    // Tofu would be one box for every character: each character's bitmap is its own.
    const distinct = new Set(drawn.map((g) => g.data.toString('base64')));
    expect(distinct.size).toBe(chars.length);
    // Without the bundled font (no system font either) nothing at all is drawn: the font is what draws.
    expect(ink(glyph('横', []))).toBe(0);
  });

  // How long a picture takes is a benchmark's question, not a test's: a wall-clock bound failed on a busy
  // 2-core machine (3.2 s) while nothing was wrong. What a chat reply needs is a picture of every row.
  it('draws a town\'s twenty grids into one picture a chat reply can carry', () => {
    const rows = Array.from({ length: 20 }, (_, i) => ({ name: `第${i + 1}网格`, rate: i / 20 }));
    const few = decode(chartPng({ chart: 'completion', subtitle: '横林镇 · 本月', by: '网格', rows: rows.slice(0, 2) }));
    const all = decode(chartPng({ chart: 'completion', subtitle: '横林镇 · 本月', by: '网格', rows }));
    // More rows, more bars drawn: the picture holds them all, not the first few.
    expect(ink(all)).toBeGreaterThan(ink(few));
  });
});
