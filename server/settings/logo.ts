/**
 * Checking an uploaded logo before it is stored: a PNG by its signature, or an SVG that can do
 * nothing but draw. The logo is shown on public pages, so an SVG with scripts, event handlers,
 * embedded HTML, entity declarations or references to other files is refused rather than cleaned:
 * a refusal the admin can act on is safer than a silently altered picture.
 */
import { PayloadTooLarge, Unprocessable, UnsupportedMediaType } from '../errors.js';
import { LOGO_TYPES, type LogoType, MAX_LOGO_BYTES } from './schemas.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Why an SVG is refused, or null when it only draws. */
function svgProblem(svg: string): string | null {
  if (!/<svg[\s>]/i.test(svg)) return 'The file is not an SVG image (no <svg> element).';
  if (/<!(DOCTYPE|ENTITY)/i.test(svg)) return 'The SVG declares a DOCTYPE or entities; save it again as plain SVG.';
  if (/<script[\s>/]/i.test(svg)) return 'The SVG contains a script; logos must be pictures only.';
  if (/<(foreignObject|iframe|embed|object|audio|video|image)[\s>/]/i.test(svg))
    return 'The SVG embeds other content (HTML, images or media); save it as shapes and text only.';
  if (/\son[a-z]+\s*=/i.test(svg)) return 'The SVG has event handlers (on… attributes); logos must be pictures only.';
  if (/javascript:/i.test(svg)) return 'The SVG contains a javascript: address; logos must be pictures only.';
  if (/\bhref\s*=\s*["']\s*(?!#)/i.test(svg)) return 'The SVG links to another file or address; it may refer only to its own parts (#id).';
  if (/url\(\s*["']?\s*(?!#)/i.test(svg) || /@import/i.test(svg))
    return 'The SVG styles load another file or address; it may refer only to its own parts (#id).';
  return null;
}

/** The bytes as a logo of `type`, or a refusal saying what to fix. */
export function checkedLogo(bytes: Buffer, type: string | undefined): { bytes: Buffer; type: LogoType } {
  const media = (type ?? '').split(';')[0].trim().toLowerCase();
  if (!(LOGO_TYPES as readonly string[]).includes(media))
    throw new UnsupportedMediaType('The logo must be a PNG (image/png) or an SVG (image/svg+xml) file. Nothing was stored.');
  if (bytes.length > MAX_LOGO_BYTES)
    throw new PayloadTooLarge(`The logo is ${Math.ceil(bytes.length / 1024)} KB; the most is ${MAX_LOGO_BYTES / 1024} KB. Nothing was stored.`);
  if (bytes.length === 0) throw new Unprocessable('The logo file is empty. Nothing was stored.');
  if (media === 'image/png') {
    if (!bytes.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Unprocessable('The file is not a PNG image. Nothing was stored.');
    return { bytes, type: 'image/png' };
  }
  const problem = svgProblem(bytes.toString('utf8'));
  if (problem) throw new Unprocessable(`${problem} Nothing was stored.`);
  return { bytes, type: 'image/svg+xml' };
}
