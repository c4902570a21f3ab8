// Client-side token bucket at a remote scorer's rate, so bursts of comments do not burn the quota into 429s.

export interface TokenBucket {
  /**
   * Reserves the next token and returns how long (ms) to wait for it, or null (reserving nothing)
   * when that wait would exceed `maxWaitMs`. Reservations may run the bucket into debt, which
   * spaces concurrent callers at exactly the rate instead of serializing them behind a lock.
   */
  reserve(now: number, maxWaitMs: number): number | null;
}

/** A bucket refilling `ratePerSecond` tokens per second, holding at most `burst`. */
export function createTokenBucket(ratePerSecond: number, burst: number): TokenBucket {
  let tokens = burst;
  let last: number | undefined;
  return {
    reserve(now, maxWaitMs) {
      const elapsed = last === undefined ? 0 : Math.max(0, now - last);
      last = last === undefined ? now : Math.max(last, now);
      tokens = Math.min(burst, tokens + (elapsed / 1000) * ratePerSecond);
      const waitMs = tokens >= 1 ? 0 : ((1 - tokens) / ratePerSecond) * 1000;
      if (waitMs > maxWaitMs) return null;
      tokens -= 1;
      return waitMs;
    },
  };
}
