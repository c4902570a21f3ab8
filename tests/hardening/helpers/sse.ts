// Reads a server-sent event stream over fetch and lets a test wait for a given event (bounded).

export interface SseEvent {
  event: string;
  data: string;
  id?: string;
  retry?: string;
}

export interface SseStream {
  events: SseEvent[];
  headers: Headers;
  /** Resolves once the server has ended the stream (or it was closed here). */
  ended: Promise<void>;
  /** Resolves with the first event (seen so far or later) matching `predicate`; rejects after `ms`. */
  waitFor(predicate: (e: SseEvent) => boolean, ms: number, what: string): Promise<SseEvent>;
  close(): void;
}

export async function openSse(url: string, headers: Record<string, string> = {}): Promise<SseStream> {
  const abort = new AbortController();
  const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
  if (res.status !== 200) throw new Error(`event stream answered ${res.status}: ${await res.text()}`);
  const events: SseEvent[] = [];
  const waiters = new Set<() => void>();
  let buffer = '';
  let ended = false;
  let markEnded!: () => void;
  const endedPromise = new Promise<void>((resolve) => (markEnded = resolve));
  void (async () => {
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let at: number;
        while ((at = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, at);
          buffer = buffer.slice(at + 2);
          const e: SseEvent = { event: 'message', data: '' };
          const data: string[] = [];
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) continue;
            const i = line.indexOf(':');
            const field = i < 0 ? line : line.slice(0, i);
            const value = i < 0 ? '' : line.slice(i + 1).replace(/^ /, '');
            if (field === 'event') e.event = value;
            else if (field === 'data') data.push(value);
            else if (field === 'id') e.id = value;
            else if (field === 'retry') e.retry = value;
          }
          if (block.split('\n').every((l) => l.startsWith(':') || l === '')) continue;
          e.data = data.join('\n');
          events.push(e);
          for (const w of waiters) w();
        }
      }
    } catch {
      // aborted
    } finally {
      ended = true;
      markEnded();
      for (const w of waiters) w();
    }
  })();
  return {
    events,
    headers: res.headers,
    ended: endedPromise,
    waitFor(predicate, ms, what) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const hit = events.find(predicate);
          if (hit) {
            cleanup();
            resolve(hit);
          } else if (ended) {
            cleanup();
            reject(new Error(`the stream ended before: ${what}`));
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`timed out after ${ms} ms waiting for: ${what} (got ${events.map((e) => e.event).join(', ')})`));
        }, ms);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    close: () => abort.abort(),
  };
}
