// qrcode's encoder alone (its main entry also loads the PNG and terminal
// renderers, and pngjs with them, which the server does not need).
declare module 'qrcode/lib/core/qrcode.js' {
  export interface BitMatrix {
    size: number;
    get(row: number, col: number): boolean | number;
  }
  export function create(text: string, options?: { errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H' }): { modules: BitMatrix; version: number };
}
