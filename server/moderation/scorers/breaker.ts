// Circuit breaker for a remote scorer: after repeated failures stop calling it for a while, then let one probe through.

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface CircuitBreaker {
  /** True when a call may go out; in half-open only the single probe gets true. */
  tryAcquire(now: number): boolean;
  /** The service answered (even with a 400): closes the circuit. Returns true if it had been open. */
  recordSuccess(): boolean;
  /** A provider failure. Returns true when this failure opened the circuit from closed. */
  recordFailure(now: number): boolean;
  /** The acquired call never reached the service (e.g. local rate limit): frees the probe slot. */
  release(): void;
  state(now: number): { state: BreakerState; failures: number; retryInMs: number };
}

export function createCircuitBreaker(options: { threshold: number; cooldownMs: number }): CircuitBreaker {
  let failures = 0;
  let openedAt: number | null = null;
  let probing = false;

  const state = (now: number): BreakerState => {
    if (openedAt === null) return 'closed';
    return now - openedAt >= options.cooldownMs ? 'half-open' : 'open';
  };

  return {
    tryAcquire(now) {
      const s = state(now);
      if (s === 'closed') return true;
      if (s === 'open' || probing) return false;
      probing = true;
      return true;
    },
    recordSuccess() {
      const wasOpen = openedAt !== null;
      failures = 0;
      openedAt = null;
      probing = false;
      return wasOpen;
    },
    recordFailure(now) {
      failures++;
      const wasClosed = openedAt === null;
      if (probing || (wasClosed && failures >= options.threshold)) openedAt = now;
      probing = false;
      return wasClosed && openedAt !== null;
    },
    release() {
      probing = false;
    },
    state(now) {
      const s = state(now);
      return { state: s, failures, retryInMs: openedAt === null ? 0 : Math.max(0, openedAt + options.cooldownMs - now) };
    },
  };
}
