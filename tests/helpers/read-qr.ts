import jsQRModule from 'jsqr';
import sharp from 'sharp';

// jsqr is CommonJS with an ES-style `default` in its types.
const jsQR = ((jsQRModule as unknown as { default?: typeof jsQRModule }).default ?? jsQRModule) as unknown as typeof jsQRModule.default;

/** The text a QR decoder reads from an image (PNG screenshot, SVG, …), or null: read as a camera app would. */
export async function readQr(image: Buffer | string): Promise<string | null> {
  const input = typeof image === 'string' ? Buffer.from(image) : image;
  const svg = typeof image === 'string';
  const { data, info } = await sharp(input, svg ? { density: 300 } : {})
    .resize(svg ? { width: 400, height: 400, kernel: 'nearest' } : {})
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), info.width, info.height)?.data ?? null;
}
