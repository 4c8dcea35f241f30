/** Numbers as people read them (en-GB), shared by every officer page. */

const oneDecimalFormat = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat('en-GB');

/** 12.345 → "12.3". */
export const oneDecimal = (x: number) => oneDecimalFormat.format(x);
/** 0.5983 → "59.8%". */
export const pct = (p: number) => `${oneDecimal(p * 100)}%`;
/** [0.578, 0.618] → "57.8–61.8%". */
export const ciText = (ci: [number, number]) => `${oneDecimal(ci[0] * 100)}–${oneDecimal(ci[1] * 100)}%`;
/** 2092 → "2,092". */
export const count = (n: number) => whole.format(n);
/** An ISO time → "3 Nov 2026, 14:05" (local time). */
export const dateTime = (iso: string) =>
  new Date(iso).toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
/** An ISO time or date → "3 Nov 2026". */
export const date = (iso: string) => new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
/** A stored day (the start of a UTC day: wave dates, link expiry) → "1 Sept 2026", wherever the browser is. */
export const utcDay = (iso: string) => new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
/** A byte count → "1.2 MB". */
export const bytes = (n: number) => (n < 1024 ? `${n} bytes` : n < 1024 * 1024 ? `${oneDecimal(n / 1024)} KB` : `${oneDecimal(n / 1024 / 1024)} MB`);
