// Text preparation for Perspective, whose limit is 20,480 UTF-8 bytes (the package counts UTF-16 units).

export const PERSPECTIVE_MAX_BYTES = 20_480;

/** Cuts `text` to at most `maxBytes` UTF-8 bytes without splitting a code point. */
export function truncateUtf8(text: string, maxBytes = PERSPECTIVE_MAX_BYTES): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  const bytes = Buffer.from(text, 'utf8');
  let cut = maxBytes;
  // Back off while the first dropped byte is a continuation byte (10xxxxxx): we are mid code point.
  while (cut > 0 && (bytes[cut]! & 0xc0) === 0x80) cut--;
  return bytes.subarray(0, cut).toString('utf8');
}
