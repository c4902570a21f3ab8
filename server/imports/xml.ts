// Streaming XML for the importers: sax (strict) underneath, small element trees on top. The reader
// keeps only the element being collected, never the document: memory stays flat whatever the file's
// size. It refuses DTDs outright (so no external entity or entity expansion can ever be resolved),
// knows only XML's five named entities, and reports malformed input with its line.
import sax from 'sax';
import { ImportFormatError } from './types.js';

/** An element collected whole: its attributes, its text (CDATA included) and its child elements. */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: XmlElement[];
  /** 1-based line of its start tag. */
  line: number;
}

/**
 * What to do with an element as it opens, given the names of its open ancestors: 'collect' builds it
 * (with its subtree) into one XmlElement handed to onElement when it closes; 'skip' drops its subtree;
 * 'walk' goes into it without keeping it. Inside a collected element, 'collect' starts a separate
 * element (delivered on its own with the element it sits in, not as a child) and 'walk' keeps it as a child.
 */
export type XmlSelect = (path: readonly string[], name: string) => 'collect' | 'skip' | 'walk';

export interface XmlLimits {
  /** Longest text kept for one element; longer text is cut and the element marked. */
  maxText: number;
  /** Deepest nesting accepted. */
  maxDepth: number;
  /** Most child elements one collected element may have. */
  maxChildren: number;
}

export const XML_LIMITS: XmlLimits = { maxText: 1_000_000, maxDepth: 64, maxChildren: 10_000 };

/** Marks an element whose text was cut at maxText. */
export const TRUNCATED = Symbol('truncated');

interface Frame {
  /** The element being built, or null when walking or skipping. */
  el: XmlElement | null;
  /** A separately collected element's root: deliver when it closes. */
  root: boolean;
  skip: boolean;
}

/**
 * Reads XML from a byte stream, calling onElement for every collected element in document order.
 * onElement may be async: the next chunk is parsed only after the elements of the previous chunk were
 * handled, so a slow writer slows the reading instead of piling elements up. Returns the byte count.
 */
export async function readXml(
  source: AsyncIterable<Uint8Array | string>,
  select: XmlSelect,
  onElement: (el: XmlElement, path: readonly string[], within: XmlElement | null) => void | Promise<void>,
  options: { limits?: Partial<XmlLimits>; onBytes?: (bytes: number) => void } = {},
): Promise<{ bytes: number; root: string | null }> {
  const limits = { ...XML_LIMITS, ...options.limits };
  // strictEntities: only amp, lt, gt, quot, apos and numeric references; anything else is an error.
  const parser = sax.parser(true, { position: true, strictEntities: true } as sax.SAXOptions);
  const path: string[] = [];
  const frames: Frame[] = [];
  let ready: Array<{ el: XmlElement; path: string[]; within: XmlElement | null }> = [];
  let failure: ImportFormatError | null = null;
  let root: string | null = null;
  let skipDepth = 0;

  const fail = (reason: string) => {
    failure ??= new ImportFormatError(reason, parser.line + 1, parser.column + 1);
  };
  const current = (): XmlElement | null => frames[frames.length - 1]?.el ?? null;
  const addText = (text: string) => {
    if (skipDepth > 0) return;
    const el = current();
    if (!el) {
      if (text.trim() !== '' && path.length > 0) return; // text between records: ignored
      return;
    }
    if (el.text.length >= limits.maxText) return;
    if (el.text.length + text.length > limits.maxText) {
      el.text += text.slice(0, limits.maxText - el.text.length);
      (el as XmlElement & { [TRUNCATED]?: boolean })[TRUNCATED] = true;
    } else el.text += text;
  };

  parser.onerror = (err) => {
    // sax's message carries "Line: n Column: n Char: c"; the position is reported separately.
    fail(String(err.message).split('\n')[0] ?? 'malformed XML');
    parser.error = null as never;
  };
  parser.ondoctype = () => fail('a DOCTYPE (DTD) is not allowed in an import file; entities and external references are never resolved');
  parser.onopentag = (tag) => {
    const name = tag.name;
    if (root === null) root = name;
    if (path.length >= limits.maxDepth) fail(`elements nested deeper than ${limits.maxDepth} levels`);
    if (skipDepth > 0) {
      skipDepth++;
      path.push(name);
      return;
    }
    const choice = select(path, name);
    const attrs = tag.attributes as Record<string, string>;
    const parent = current();
    if (choice === 'skip') {
      skipDepth = 1;
      frames.push({ el: null, root: false, skip: true });
    } else if (choice === 'collect' || (choice === 'walk' && parent)) {
      const el: XmlElement = { name, attrs: { ...attrs }, text: '', children: [], line: parser.line + 1 };
      const separate = choice === 'collect';
      if (!separate && parent) {
        if (parent.children.length >= limits.maxChildren) fail(`more than ${limits.maxChildren} child elements in <${parent.name}>`);
        parent.children.push(el);
      }
      frames.push({ el, root: separate, skip: false });
    } else {
      frames.push({ el: null, root: false, skip: false });
    }
    path.push(name);
  };
  parser.onclosetag = () => {
    path.pop();
    if (skipDepth > 1) {
      skipDepth--;
      return;
    }
    const frame = frames.pop();
    if (skipDepth === 1) skipDepth = 0;
    if (frame?.root && frame.el) {
      // The collected element it sits in (a WordPress comment's item), which may still be open.
      let within: XmlElement | null = null;
      for (let i = frames.length - 1; i >= 0 && !within; i--) if (frames[i]!.root) within = frames[i]!.el;
      ready.push({ el: frame.el, path: [...path], within });
    }
  };
  parser.ontext = addText;
  parser.oncdata = addText;

  const decoder = new TextDecoder('utf-8');
  let bytes = 0;
  let first = true;
  const flush = async () => {
    if (failure) throw failure;
    const batch = ready;
    ready = [];
    for (const item of batch) await onElement(item.el, item.path, item.within);
  };
  for await (const chunk of source) {
    let text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    parser.write(text);
    await flush();
    options.onBytes?.(bytes);
  }
  parser.write(decoder.decode());
  if (!failure && root === null) fail('the file is empty or holds no XML element');
  if (!failure) parser.close();
  // close() reports an unclosed root (a truncated file) through onerror.
  if (!failure && path.length > 0) fail(`the file ends inside <${path[path.length - 1]}>: it is truncated`);
  await flush();
  return { bytes, root };
}

/** The text of the first child named `name` (trimmed), or null when there is none. */
export function childText(el: XmlElement, name: string): string | null {
  for (const c of el.children) if (c.name === name) return c.text.trim();
  return null;
}

/** The first child named `name`, or null. */
export function child(el: XmlElement, name: string): XmlElement | null {
  for (const c of el.children) if (c.name === name) return c;
  return null;
}

/** true / false from an XML boolean ("true", "1"); null when absent. */
export function childBool(el: XmlElement, name: string): boolean | null {
  const v = childText(el, name);
  if (v === null || v === '') return null;
  return v === 'true' || v === '1';
}
