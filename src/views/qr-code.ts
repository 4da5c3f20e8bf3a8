import { create } from 'qrcode/lib/core/qrcode.js';

// A QR code drawn by the server as SVG (no script, no CDN), so a tablet on the
// wall or a child's phone opens a link by camera.

/** The quiet zone around the code, in modules: the four the standard asks for. */
const QUIET = 4;

const escapeAttr = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * An SVG of `text` as a QR code: its dark modules as one path on white, dark
 * on light even in dark mode (cameras need that). Error correction M (15%)
 * leaves room for a smudged or glare-struck screen.
 */
export function qrSvg(text: string, label: string): string {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  const side = n + 2 * QUIET;
  let d = '';
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      // Runs of dark modules in a row become one rectangle: a shorter path.
      if (!modules.get(row, col)) continue;
      let run = 1;
      while (col + run < n && modules.get(row, col + run)) run++;
      d += `M${col + QUIET} ${row + QUIET}h${run}v1h-${run}z`;
      col += run - 1;
    }
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side}" shape-rendering="crispEdges" role="img" aria-label="${escapeAttr(label)}">` +
    `<rect width="${side}" height="${side}" fill="#fff"/><path fill="#000" d="${d}"/></svg>`
  );
}
