// The family's accent colour, with a text colour that stays readable on it
// whichever colour the admin picked.

function channel(hex: string, at: number): number {
  const v = parseInt(hex.slice(at, at + 2), 16) / 255;
  return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance of "#rrggbb" (0 black .. 1 white). */
export function luminance(hex: string): number {
  return 0.2126 * channel(hex, 1) + 0.7152 * channel(hex, 3) + 0.0722 * channel(hex, 5);
}

/** CSS custom properties for an accent colour; empty for anything that is not "#rrggbb". */
export function accentStyle(color: string): string {
  if (!/^#[0-9a-fA-F]{6}$/.test(color)) return '';
  // White text needs at least 4.5:1, which holds while the colour's luminance is below ~0.18.
  const fg = luminance(color) < 0.18 ? '#ffffff' : '#111111';
  return `--accent: ${color}; --accent-fg: ${fg};`;
}
