// A tiny valid JPEG (1×1 pixel, arithmetic coded, 107 bytes): what the fake's picture URLs serve.
const HEX =
  'ffd8ffdb004300030202020202030202020303030304060404040404080606050609080a0a090809090a0c0f0c0a0b0e0b09090d110d0e0f101011100a0c12131210130f101010' +
  'ffc9000b080001000101011100ffcc000600101005ffda0008010100003f00d2cf20ffd9';

export const TINY_JPEG = new Uint8Array(Buffer.from(HEX, 'hex'));
