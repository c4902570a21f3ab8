// Reads a /metrics answer: an independent parser of Prometheus's text format (parse-prometheus-text-format)
// checks every line and family, and the samples are looked up by name and labels.
import parsePrometheusTextFormat from 'parse-prometheus-text-format';

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Families {
  /** Family name -> its TYPE (COUNTER, GAUGE, HISTOGRAM, ...). */
  types: Map<string, string>;
  samples: Sample[];
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/** Parses the exposition, throwing on any line the format does not allow or a family without a TYPE. */
export function parseMetrics(text: string): Families {
  // Throws InvalidLineError on a malformed line. (Its labeled histograms come back merged, so values are read below.)
  const families = parsePrometheusTextFormat(text);
  const types = new Map(families.map((f) => [f.name, f.type]));
  for (const [name, type] of types) if (type === 'UNTYPED') throw new Error(`${name} has no # TYPE line`);
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = SAMPLE.exec(line);
    if (!m) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, k, v] of (m[2] ?? '').matchAll(LABEL)) labels[k!] = v!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    samples.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  checkHistograms(types, samples);
  return { types, samples };
}

/** Each histogram series: buckets cumulative in `le` order, and the +Inf bucket equal to _count. */
function checkHistograms(types: Map<string, string>, samples: Sample[]): void {
  for (const [name, type] of types) {
    if (type !== 'HISTOGRAM') continue;
    const series = new Map<string, { le: number; value: number }[]>();
    const counts = new Map<string, number>();
    const keyOf = (labels: Record<string, string>) => JSON.stringify(Object.entries(labels).filter(([k]) => k !== 'le').sort());
    for (const s of samples) {
      if (s.name === `${name}_bucket`) {
        const key = keyOf(s.labels);
        if (!series.has(key)) series.set(key, []);
        series.get(key)!.push({ le: s.labels.le === '+Inf' ? Infinity : Number(s.labels.le), value: s.value });
      } else if (s.name === `${name}_count`) counts.set(keyOf(s.labels), s.value);
    }
    for (const [key, buckets] of series) {
      buckets.sort((a, b) => a.le - b.le);
      for (let i = 1; i < buckets.length; i++) {
        if (buckets[i]!.value < buckets[i - 1]!.value) throw new Error(`${name}${key}: buckets are not cumulative`);
      }
      const inf = buckets.at(-1)!;
      if (inf.le !== Infinity || inf.value !== counts.get(key)) throw new Error(`${name}${key}: +Inf bucket is not the count`);
    }
  }
}

/**
 * The sum of a family's samples whose labels include `labels` (for a histogram: its _count samples);
 * 0 when none matches, so a counter that has not moved yet reads as 0.
 */
export function metricValue(families: Families, name: string, labels: Record<string, string> = {}): number {
  const sampleName = families.types.get(name) === 'HISTOGRAM' ? `${name}_count` : name;
  let total = 0;
  for (const s of families.samples) {
    if (s.name !== sampleName) continue;
    if (Object.entries(labels).every(([k, v]) => s.labels[k] === v)) total += s.value;
  }
  return total;
}
