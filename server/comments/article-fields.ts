// An article's title and link as readers send them with a comment (the first commenter's fill in a
// missing one) and as moderators correct them: the one set of rules for both (issue 12, finding 4:
// the first commenter could point the public thread and every admin card at evil.example).
import type { FieldError } from '../errors.js';
import { originAllowed } from '../lib/middleware.js';
import { normalizeArticleKey, normalizeArticleUrl } from './article-key.js';
import { charLength, cleanLine } from './dto.js';

export const MAX_ARTICLE_TITLE = 300;

/** One line (cleanLine: control and bidi-override characters removed), at most MAX_ARTICLE_TITLE characters; null when empty. */
export function checkArticleTitle(raw: string, field = 'article.title'): { title: string | null } | { error: FieldError } {
  const title = cleanLine(raw);
  if (charLength(title) > MAX_ARTICLE_TITLE) {
    return { error: { field, code: 'too_long', message: `A title can be at most ${MAX_ARTICLE_TITLE} characters.` } };
  }
  return { title: title.length === 0 ? null : title };
}

/**
 * An article URL: http(s), on one of the site's allowed origins, and the article's key itself when
 * the key is a URL (normalized alike, so tracking parameters and fragments do not matter).
 */
export function checkArticleUrl(
  raw: string,
  article: { key: string; allowedOrigins: readonly string[] },
  field = 'article.url',
): { url: string } | { error: FieldError } {
  const url = normalizeArticleUrl(raw.trim());
  if (!url) return { error: { field, code: 'invalid', message: 'The article URL must be http or https.' } };
  if (!originAllowed(new URL(url).origin, article.allowedOrigins)) {
    return { error: { field, code: 'origin_not_allowed', message: "The article URL must be on one of the site's allowed origins." } };
  }
  if (/^https?:\/\//i.test(article.key) && normalizeArticleKey(url) !== article.key) {
    return { error: { field, code: 'not_the_article', message: 'The article URL must be the address the article is known by.' } };
  }
  return { url };
}
