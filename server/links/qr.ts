/**
 * QR codes of link addresses, as SVG: error correction M (a poster can take a scuff or a fold and
 * still scan) and the standard quiet zone of 4 modules, black on white.
 */
import QRCode from 'qrcode';

export const QR_OPTIONS = { type: 'svg', errorCorrectionLevel: 'M', margin: 4, color: { dark: '#000000', light: '#ffffff' } } as const;

/** An SVG document (no XML prolog, so it can also be placed inline in HTML). */
export async function qrSvg(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { ...QR_OPTIONS });
  return svg.trim();
}

/** The SVG for placing inside an HTML page, with an accessible name. */
export async function inlineQrSvg(text: string, label: string, escapeText: (s: string) => string): Promise<string> {
  const svg = await qrSvg(text);
  return svg.replace(/^<svg /, `<svg role="img" aria-label="${escapeText(label)}" class="qr" `);
}
