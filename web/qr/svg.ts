import * as QRCode from 'qrcode/lib/core/qrcode.js';
import * as SvgTag from 'qrcode/lib/renderer/svg-tag.js';

/**
 * A QR code as an SVG string, drawn on the server (no script, nothing from another origin) with
 * presentation attributes only, so the pages' CSP (no inline style) shows it. Level M: a phone
 * camera reads it off another phone's screen in daylight.
 */
export function qrSvg(text: string, width = 240): string {
  const svg = SvgTag.render(QRCode.create(text, { errorCorrectionLevel: 'M' }), { margin: 2, width, color: { dark: '#000000', light: '#ffffff' } });
  return svg.replace('<svg ', '<svg role="img" aria-label="绑定二维码" ').trim();
}
