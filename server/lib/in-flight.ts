// Work in progress that shutdown waits for before closing what it uses: a request whose client left
// is still running, and closing the database pool under it would fail its next query (CONNECTION_ENDED).

export interface InFlight {
  /** Counts `work` until it settles; returns it unchanged. */
  track<T>(work: Promise<T>): Promise<T>;
  readonly size: number;
  /** Resolves true once nothing is in flight, or false after `timeoutMs` with work still running. */
  idle(timeoutMs: number): Promise<boolean>;
}

export function createInFlight(): InFlight {
  let size = 0;
  const waiters = new Set<() => void>();
  const settle = () => {
    if (--size > 0) return;
    for (const wake of waiters) wake();
    waiters.clear();
  };
  return {
    track(work) {
      size++;
      work.then(settle, settle);
      return work;
    },
    get size() {
      return size;
    },
    idle(timeoutMs) {
      if (size === 0) return Promise.resolve(true);
      return new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => {
          waiters.delete(done);
          resolve(false);
        }, Math.max(0, timeoutMs));
        const done = () => {
          clearTimeout(timer);
          resolve(true);
        };
        waiters.add(done);
      });
    },
  };
}
