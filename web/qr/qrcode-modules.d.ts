// The two pure modules of `qrcode` (MIT) that the pages use: the encoder and the SVG renderer. The
// package's main entry also loads its PNG and file writers (pngjs, fs), which neither the pages nor
// the Worker need, so they are imported directly; @types/qrcode only describes the main entry.
declare module 'qrcode/lib/core/qrcode.js' {
  export type QrData = { modules: { size: number; data: Uint8Array } };
  export function create(text: string, options?: { errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H' }): QrData;
}
declare module 'qrcode/lib/renderer/svg-tag.js' {
  import type { QrData } from 'qrcode/lib/core/qrcode.js';
  export function render(qr: QrData, options?: { margin?: number; width?: number; color?: { dark?: string; light?: string } }): string;
}
