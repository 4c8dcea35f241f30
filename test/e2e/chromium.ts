/**
 * How Debian's Chromium is started for the browser tests and the browser benchmark (no vitest
 * here, so bench/ can import it): headless, no sandbox, nothing fetched in the background.
 */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
