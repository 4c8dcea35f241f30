/**
 * Counts recent failures per key (an email, or a connection's address) in memory only: nothing
 * here is ever written to the database, and it is forgotten on restart. A key with `maxFailures`
 * failures inside the last `windowMs` is blocked until the oldest of them ages out.
 *
 * `reserve` counts an attempt as a failure before it is checked, in one synchronous step, so any
 * number of attempts sent at once can't all get past the limit while the first are being checked;
 * an attempt that succeeds gives its reservation back (`release`).
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

  /**
   * Counts one attempt now, unless the key is blocked: returns the seconds to wait (nothing counted),
   * or 0 and the attempt is counted until `release(key, at)` with the returned `at`.
   */
  reserve(key: string): { wait: number; at: number } {
    const wait = this.retryAfterSeconds(key);
    if (wait) return { wait, at: 0 };
    const at = this.now();
    if (!this.failures.has(key) && this.failures.size >= this.maxKeys) this.sweep();
    this.failures.set(key, [...this.recent(key), at]);
    return { wait: 0, at };
  }

  /** Gives back one attempt counted by `reserve` at `at` (an attempt that succeeded, or was never checked). */
  release(key: string, at: number): void {
    const list = this.failures.get(key);
    if (!list) return;
    const i = list.lastIndexOf(at);
    if (i >= 0) list.splice(i, 1);
    if (!list.length) this.failures.delete(key);
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
