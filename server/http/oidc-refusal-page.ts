/**
 * The page an officer sees when single sign-on does not sign them in (no account for their
 * address, a reply that does not belong to this browser, the provider unavailable): plain HTML from
 * the server, with what happened, what to do and the way back to the sign-in page.
 */
import { escapeHtml } from '../formats/html.js';

const STYLE = `
body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; line-height: 1.5; color: #161616; background: #fff; }
main { max-width: 40rem; margin: 0 auto; padding: 1rem 1rem 3rem; }
h1 { font-size: 1.9rem; line-height: 1.2; }
a { color: #1a56c4; }
a:focus-visible { outline: 3px solid #1a56c4; outline-offset: 2px; }
`;

export function oidcRefusalHtml(title: string, message: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} – community safety surveys</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
<p id="sign-in-refused">${escapeHtml(message)}</p>
<p><a href="/officer/sign-in">Back to the sign-in page</a></p>
<p><a href="/accessibility">Accessibility statement</a></p>
</main>
</body>
</html>`;
}
