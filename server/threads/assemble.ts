// A thread page's bytes from its parts: the envelope (article, cursor, total: whatever the Thread
// DTO carries besides its comments) and each comment's serialized JSON (fragments.ts). The result is
// byte for byte JSON.stringify of the same Thread object (tests/threads/assemble.test.ts), so the
// DTO can grow fields (reaction counts, a featured flag, another sort) without touching this file.

const OPEN = Buffer.from('[');
const COMMA = Buffer.from(',');
const CLOSE = Buffer.from(']');

/**
 * JSON of `envelope` with the value of its `listKey` property (which must be present, as an array,
 * in its place in the key order) replaced by the array of the given serialized items.
 */
export function assembleJson(envelope: Record<string, unknown>, listKey: string, items: readonly Buffer[]): Buffer {
  const parts: Buffer[] = [];
  let head = '{';
  let first = true;
  for (const [key, value] of Object.entries(envelope)) {
    // JSON.stringify leaves out undefined members and functions; so does this.
    if (key !== listKey && (value === undefined || typeof value === 'function')) continue;
    head += `${first ? '' : ','}${JSON.stringify(key)}:`;
    first = false;
    if (key !== listKey) {
      head += JSON.stringify(value);
      continue;
    }
    parts.push(Buffer.from(head), OPEN);
    head = '';
    items.forEach((item, i) => {
      if (i > 0) parts.push(COMMA);
      parts.push(item);
    });
    parts.push(CLOSE);
  }
  parts.push(Buffer.from(`${head}}`));
  return Buffer.concat(parts);
}
