/**
 * Counts recent failures per key (an email, or a connection's address) in memory only: nothing
 * here is ever written to the database, and it is forgotten on restart. A key with `maxFailures`
 * failures inside the last `windowMs` is blocked until the oldest of them ages out.
 */
export interface FailureCounterOptions {
  maxFailures: number;
  windowMs: number;
  /** Injected in tests. */
  now?: () => number;
  /** Beyond this many keys, stale ones are swept; bounds memory under a spray of addresses. */
  maxKeys?: number;
}

export class FailureCounter {
  private readonly failures = new Map<string, number[]>();
  private readonly now: () => number;
  private readonly maxKeys: number;

  constructor(private readonly options: FailureCounterOptions) {
    this.now = options.now ?? Date.now;
    this.maxKeys = options.maxKeys ?? 10_000;
  }

  /** Seconds until `key` may try again (0 when it may now). */
  retryAfterSeconds(key: string): number {
    const recent = this.recent(key);
    if (recent.length < this.options.maxFailures) return 0;
    const unblockAt = recent[recent.length - this.options.maxFailures] + this.options.windowMs;
    return Math.max(1, Math.ceil((unblockAt - this.now()) / 1000));
  }

  fail(key: string): void {
    if (!this.failures.has(key) && this.failures.size >= this.maxKeys) this.sweep();
    this.failures.set(key, [...this.recent(key), this.now()]);
  }

  reset(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string): number[] {
    const since = this.now() - this.options.windowMs;
    return (this.failures.get(key) ?? []).filter((t) => t > since);
  }

  private sweep(): void {
    for (const key of [...this.failures.keys()]) {
      if (this.recent(key).length === 0) this.failures.delete(key);
    }
    // Still full of live keys (an attack from many addresses): drop the oldest entries.
    const excess = this.failures.size - Math.floor(this.maxKeys / 2);
    if (excess > 0) [...this.failures.keys()].slice(0, excess).forEach((k) => this.failures.delete(k));
  }
}
