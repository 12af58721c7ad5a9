import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';

// Node only (a native renderer): the Worker never imports this file; where no PNG can be made the
// chat falls back to text.

const require = createRequire(import.meta.url);

/**
 * The one font the charts are drawn with: Noto Sans SC (OFL-1.1, shipped inside the npm package
 * @expo-google-fonts/noto-sans-sc as a TTF, which resvg needs; woff2 it cannot read). No system
 * font is loaded, so a fresh machine after `npm ci` draws exactly what a developer's machine does.
 */
export const CHART_FONT_FILE = require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
export const CHART_FONT_FAMILY = 'Noto Sans SC';

/** Chat pictures are drawn at twice the SVG's size: phones show them sharp. */
export const PNG_SCALE = 2;

export type PngOptions = { scale?: number; fontFiles?: string[]; fontFamily?: string };

/** Rasterises an SVG (the dashboard's own chart SVG) to PNG bytes on a white background. */
export function svgToPng(svg: string, opts: PngOptions = {}): Uint8Array<ArrayBuffer> {
  const family = opts.fontFamily ?? CHART_FONT_FAMILY;
  const resvg = new Resvg(svg, {
    background: '#ffffff',
    fitTo: { mode: 'zoom', value: opts.scale ?? PNG_SCALE },
    font: {
      loadSystemFonts: false,
      fontFiles: opts.fontFiles ?? [CHART_FONT_FILE],
      // echarts writes font-family="sans-serif" (web/charts/echarts.ts): every generic maps to the one font.
      defaultFontFamily: family,
      sansSerifFamily: family,
      serifFamily: family,
      monospaceFamily: family,
    },
  });
  return new Uint8Array(resvg.render().asPng());
}
