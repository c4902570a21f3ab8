// The reason catalogue: every code a verdict or a moderator action records, its parameters, and its
// wording in each language the admin view speaks. Reasons are stored as data ({code, message,
// ...params}); `message` is the English sentence, kept for the API and older clients. The admin view
// renders code and parameters in the moderator's language and shows `message` only for a code it
// does not know or parameters it cannot read (rows older than their parameters).
//
// Pure and dependency-free: the admin bundle imports this module too, so a new code is added here
// once (its parameters, English and Hindi) and both sides know it.

export type ReasonLocale = 'en' | 'hi';

/** The words of a comment that drove a score (see ScoreEvidence in scorers/scorer.ts). */
export interface Evidence {
  attribute: string;
  text: string;
}

/** A reason as stored with a comment or an audit entry. */
export interface StoredReason {
  code: string;
  message: string;
  [param: string]: unknown;
}

/** A reason as the admin API sends it: parameters (when the code is known and they are valid) apart. */
export interface ReasonData {
  code: string;
  message?: string;
  params?: Record<string, unknown>;
}

// Each parameter's kind; a trailing '?' makes it optional.
type Kind = 'number' | 'string' | 'strings' | 'evidence' | 'band';
type Spec = Readonly<Record<string, Kind | `${Kind}?`>>;
interface KindTypes {
  number: number;
  string: string;
  strings: string[];
  evidence: Evidence[];
  band: 'hold' | 'reject';
}

const SPECS = {
  // The scorer: the worst attribute, its score, the threshold it reached (hold or reject band), the
  // scorer that gave that score, and the words that drove it (scorers that can tell).
  toxicity: { attribute: 'string', score: 'number', threshold: 'number', band: 'band', provider: 'string', evidence: 'evidence?' },
  unscored: { scorer: 'string', failure: 'string' },
  // Spam signals.
  links: { count: 'number', limit: 'number' },
  honeypot: {},
  form_token: {},
  too_fast: { seconds: 'number', min: 'number' },
  // The site's word lists.
  hold_words: { words: 'strings' },
  block_words: { words: 'strings' },
  // Trust and policy.
  moderator: {},
  trusted: { approved: 'number' },
  premoderation: {},
  first_comment: {},
  // The moderation desk's decisions about an author or a story.
  author_held: {},
  author_trusted: {},
  story_premoderation: {},
  // Readers' reports.
  reported: { reports: 'number' },
  report_spam: {},
  report_abusive: {},
  'report_off-topic': {},
  report_other: {},
  // Moderators' actions.
  'reports-dismissed': { reports: 'number' },
  banned: {},
  'ban-email': { value: 'string', expiresAt: 'string?' },
  'ban-domain': { value: 'string', expiresAt: 'string?' },
  'ban-ip': { value: 'string', expiresAt: 'string?' },
} as const satisfies Record<string, Spec>;

export type ReasonCode = keyof typeof SPECS;

type Required<S> = { [K in keyof S as S[K] extends `${string}?` ? never : K]: KindTypes[S[K] & Kind] };
type Optional<S> = { [K in keyof S as S[K] extends `${string}?` ? K : never]?: S[K] extends `${infer B}?` ? KindTypes[B & Kind] : never };
export type ReasonParams<C extends ReasonCode> = Required<(typeof SPECS)[C]> & Optional<(typeof SPECS)[C]>;

export const REASON_CODES = Object.keys(SPECS) as ReasonCode[];

/** Perspective's attribute names (every scorer reports under them), as moderators read them. */
const ATTRIBUTE_LABELS: Record<ReasonLocale, Record<string, string>> = {
  en: {
    TOXICITY: 'toxicity',
    SEVERE_TOXICITY: 'severe toxicity',
    INSULT: 'insult',
    THREAT: 'threat',
    IDENTITY_ATTACK: 'identity attack',
    PROFANITY: 'profanity',
  },
  hi: {
    TOXICITY: 'विषाक्तता',
    SEVERE_TOXICITY: 'गंभीर विषाक्तता',
    INSULT: 'अपमान',
    THREAT: 'धमकी',
    IDENTITY_ATTACK: 'पहचान पर हमला',
    PROFANITY: 'गाली-गलौज',
  },
};

/** Why a scorer gave no score (ScoreResult.reason), as moderators read it. */
const FAILURE_LABELS: Record<ReasonLocale, Record<string, string>> = {
  en: {
    timeout: 'no answer in time',
    rate_limited: 'over its rate limit',
    unavailable: 'unavailable',
    bad_response: 'answered something unreadable',
    unsupported_language: 'does not support the language',
    circuit_open: 'paused after repeated failures',
    error: 'refused the request',
    disabled: 'switched off',
  },
  hi: {
    timeout: 'समय पर जवाब नहीं',
    rate_limited: 'अनुरोधों की सीमा पार',
    unavailable: 'उपलब्ध नहीं',
    bad_response: 'जवाब पढ़ा नहीं जा सका',
    unsupported_language: 'यह भाषा समर्थित नहीं',
    circuit_open: 'लगातार विफलताओं के बाद रुका हुआ',
    error: 'अनुरोध अस्वीकार किया',
    disabled: 'बंद है',
  },
};

/** A score attribute's name in `locale` ("IDENTITY_ATTACK" -> "identity attack" / "पहचान पर हमला"). */
export function attributeLabel(attribute: string, locale: ReasonLocale): string {
  return ATTRIBUTE_LABELS[locale][attribute] ?? attribute.toLowerCase().replace(/_/g, ' ');
}

/** A scorer failure reason in `locale`. */
export function failureLabel(reason: string, locale: ReasonLocale): string {
  return FAILURE_LABELS[locale][reason] ?? reason;
}

interface Formatters {
  locale: ReasonLocale;
  /** A score or threshold: two decimals. */
  score(n: number): string;
  count(n: number): string;
  /** The singular or plural word for n, as Intl.PluralRules picks it. */
  plural(n: number, one: string, other: string): string;
  date(iso: string): string;
  attribute(name: string): string;
  /** Quoted words, with the main attribute's first and the others labelled. */
  evidence(main: string, items: Evidence[] | undefined): string;
}

type Wording = { [C in ReasonCode]: (p: ReasonParams<C>, f: Formatters) => string };

const quote = (s: string) => `“${s}”`;

const en: Wording = {
  toxicity: (p, f) => `${f.attribute(p.attribute)} ${f.score(p.score)} at or above ${f.score(p.threshold)} (${p.provider})${f.evidence(p.attribute, p.evidence)}`,
  // The English sentence keeps the failure code itself: log searches and older clients rely on it.
  unscored: (p) => `scorer unavailable: ${p.failure}`,
  links: (p, f) => `${f.count(p.count)} links, more than ${f.count(p.limit)}`,
  honeypot: () => 'the hidden honeypot field was filled in',
  form_token: () => 'sent without a valid form token',
  too_fast: (p) => `form sent ${p.seconds.toFixed(1)} s after it was shown, under ${p.min} s`,
  hold_words: (p) => `hold words: ${p.words.join(', ')}`,
  block_words: (p) => `block words: ${p.words.join(', ')}`,
  moderator: () => 'written by a moderator',
  trusted: (p, f) => `trusted author: ${f.count(p.approved)} approved comments`,
  premoderation: () => 'the site holds every comment for review',
  first_comment: () => 'first comment from this email',
  author_held: () => 'a moderator holds every comment by this author',
  author_trusted: () => 'a moderator trusts this author',
  story_premoderation: () => 'this story holds every comment for review',
  reported: (p, f) => `reported by ${f.count(p.reports)} ${f.plural(p.reports, 'reader', 'readers')}`,
  report_spam: () => 'reported as spam',
  report_abusive: () => 'reported as abusive',
  'report_off-topic': () => 'reported as off-topic',
  report_other: () => 'reported as other',
  'reports-dismissed': (p, f) => `${f.count(p.reports)} ${f.plural(p.reports, 'report', 'reports')} dismissed`,
  banned: () => 'the author was banned',
  'ban-email': (p, f) => `email ${p.value}${p.expiresAt ? ` until ${f.date(p.expiresAt)}` : ''}`,
  'ban-domain': (p, f) => `domain ${p.value}${p.expiresAt ? ` until ${f.date(p.expiresAt)}` : ''}`,
  'ban-ip': (p, f) => `ip ${p.value}${p.expiresAt ? ` until ${f.date(p.expiresAt)}` : ''}`,
};

// Reviewed for newsroom Hindi: the comment's author is टिप्पणीकार (लेखक is the article's writer).
const hi: Wording = {
  toxicity: (p, f) =>
    `${f.attribute(p.attribute)}: स्कोर ${f.score(p.score)}, ${p.band === 'reject' ? 'अस्वीकार' : 'समीक्षा'} की सीमा ${f.score(p.threshold)} (${p.provider})${f.evidence(p.attribute, p.evidence)}`,
  unscored: (p) => `स्कोर नहीं हो सका: ${p.scorer} — ${failureLabel(p.failure, 'hi')}`,
  links: (p, f) => `${f.count(p.count)} लिंक, सीमा ${f.count(p.limit)}`,
  honeypot: () => 'छिपा हुआ फ़ील्ड भरा गया (बॉट का संकेत)',
  form_token: () => 'मान्य फ़ॉर्म टोकन के बिना भेजी गई',
  too_fast: (p, f) => `फ़ॉर्म दिखने के ${f.count(p.seconds)} सेकंड बाद भेजा गया, ${f.count(p.min)} सेकंड से पहले`,
  hold_words: (p) => `रोकने वाले शब्द: ${p.words.join(', ')}`,
  block_words: (p) => `प्रतिबंधित शब्द: ${p.words.join(', ')}`,
  moderator: () => 'मॉडरेटर ने लिखी',
  trusted: (p, f) => `भरोसेमंद टिप्पणीकार: ${f.count(p.approved)} स्वीकृत टिप्पणियाँ`,
  premoderation: () => 'यह साइट हर टिप्पणी समीक्षा के लिए रोकती है',
  first_comment: () => 'इस ईमेल से पहली टिप्पणी',
  author_held: () => 'मॉडरेटर ने इस टिप्पणीकार की हर टिप्पणी समीक्षा के लिए रोकी है',
  author_trusted: () => 'मॉडरेटर ने इस टिप्पणीकार को भरोसेमंद माना है',
  story_premoderation: () => 'इस ख़बर पर हर टिप्पणी समीक्षा के लिए रुकती है',
  reported: (p, f) => `${f.count(p.reports)} पाठकों ने रिपोर्ट की`,
  report_spam: () => 'स्पैम के रूप में रिपोर्ट',
  report_abusive: () => 'अपमानजनक के रूप में रिपोर्ट',
  'report_off-topic': () => 'विषय से हटकर के रूप में रिपोर्ट',
  report_other: () => 'अन्य कारण से रिपोर्ट',
  'reports-dismissed': (p, f) => `${f.count(p.reports)} रिपोर्ट ख़ारिज`,
  banned: () => 'टिप्पणीकार पर रोक लगाई गई',
  'ban-email': (p, f) => `ईमेल ${p.value}${p.expiresAt ? `, ${f.date(p.expiresAt)} तक` : ''}`,
  'ban-domain': (p, f) => `डोमेन ${p.value}${p.expiresAt ? `, ${f.date(p.expiresAt)} तक` : ''}`,
  'ban-ip': (p, f) => `IP पता ${p.value}${p.expiresAt ? `, ${f.date(p.expiresAt)} तक` : ''}`,
};

const WORDING: Record<ReasonLocale, Wording> = { en, hi };

function formatters(locale: ReasonLocale): Formatters {
  const tag = locale === 'hi' ? 'hi-IN' : 'en';
  const scores = new Intl.NumberFormat(tag, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const counts = new Intl.NumberFormat(tag, { maximumFractionDigits: 1 });
  const plurals = new Intl.PluralRules(tag);
  const attribute = (name: string) => attributeLabel(name, locale);
  return {
    locale,
    score: (n) => scores.format(n),
    count: (n) => counts.format(n),
    plural: (n, one, other) => (plurals.select(n) === 'one' ? one : other),
    date: (iso) => {
      const d = new Date(iso);
      return Number.isNaN(d.getTime()) ? iso : new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(d);
    },
    attribute,
    evidence(main, items) {
      if (!items?.length) return '';
      const groups = new Map<string, string[]>();
      for (const e of items) groups.set(e.attribute, [...(groups.get(e.attribute) ?? []), quote(e.text)]);
      const first = groups.get(main);
      groups.delete(main);
      const rest = [...groups].map(([name, quotes]) => `${attribute(name)}: ${quotes.join(', ')}`);
      return `: ${[first?.join(', '), ...rest].filter(Boolean).join('; ')}`;
    },
  };
}

function matches(kind: string, value: unknown): boolean {
  switch (kind.replace('?', '')) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'string':
      return typeof value === 'string';
    case 'strings':
      return Array.isArray(value) && value.every((v) => typeof v === 'string');
    case 'band':
      return value === 'hold' || value === 'reject';
    case 'evidence':
      return Array.isArray(value) && value.every((e) => typeof e === 'object' && e !== null && typeof e.attribute === 'string' && typeof e.text === 'string');
  }
  return false;
}

function isCode(code: string): code is ReasonCode {
  return Object.prototype.hasOwnProperty.call(SPECS, code);
}

/**
 * The known, well-formed parameters of a reason (read from a stored reason's own fields), or null
 * when its code is not in the catalogue or a parameter is missing or of the wrong kind.
 */
export function readReasonParams(reason: { code: string; [param: string]: unknown }): Record<string, unknown> | null {
  if (!isCode(reason.code)) return null;
  const out: Record<string, unknown> = {};
  for (const [name, kind] of Object.entries(SPECS[reason.code] as Spec)) {
    const value = reason[name];
    if (value === undefined && kind.endsWith('?')) continue;
    if (!matches(kind, value)) return null;
    out[name] = value;
  }
  return out;
}

/** The reason in `locale` from its code and parameters; its stored message (or code) when they cannot be read. */
export function describeReason(reason: ReasonData, locale: ReasonLocale): string {
  const params = reason.params && readReasonParams({ ...reason.params, code: reason.code });
  if (!params || !isCode(reason.code)) return reason.message || reason.code;
  const say = WORDING[locale][reason.code] as (p: Record<string, unknown>, f: Formatters) => string;
  return say(params, formatters(locale));
}

/** A reason to store: its code, its parameters, and its English sentence. */
export function makeReason<C extends ReasonCode>(code: C, params: ReasonParams<C>): StoredReason {
  const say = WORDING.en[code] as (p: Record<string, unknown>, f: Formatters) => string;
  const fields = params as Record<string, unknown>;
  return { code, message: say(fields, formatters('en')), ...fields };
}

/** A stored reason as the admin API sends it: code, English message, and its parameters when readable. */
export function toReasonData(reason: { code: unknown; message?: unknown; [param: string]: unknown }): ReasonData {
  const code = String(reason.code);
  const params = readReasonParams({ ...reason, code });
  return { code, message: String(reason.message ?? ''), ...(params ? { params } : {}) };
}
