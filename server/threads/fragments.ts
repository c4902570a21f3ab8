// Each public comment's serialized JSON, kept per article, so a new version of a thread page is
// assembled from the comments it already had plus the few that changed (assemble.ts) instead of
// reading and serializing every comment again.
//
// Invariant: a comment's public form is a function of its row, and every change to that form goes
// through parley_bump_article with the comment's id (or the insert that publishes it), which records
// the article version on the comment (comments.article_version, migrations 0007-0008). So a fragment
// is valid exactly for its (comment id, article_version): the page query names the fragments this
// process holds and the database sends rows only for the others.

export interface Fragment {
  /** The comment's article_version when the fragment was made (null: never bumped, e.g. imported). */
  version: number | null;
  json: Buffer;
}

export interface FragmentStore {
  /** The article's fragments, as [ids, versions] for the page query, and the map to read them from. */
  known(articleId: number): { ids: number[]; versions: (number | null)[]; fragments: ReadonlyMap<number, Fragment> };
  set(articleId: number, commentId: number, fragment: Fragment): void;
  clear(): void;
  /** Bytes held (JSON only), for tests and metrics. */
  readonly bytes: number;
}

const EMPTY: ReadonlyMap<number, Fragment> = new Map();

/**
 * `maxBytes` bounds the JSON kept across articles; the articles read least recently go first (a
 * dropped article's next page is built from the database, as a cold one is).
 */
export function createFragmentStore(maxBytes = 32 * 2 ** 20): FragmentStore {
  const articles = new Map<number, { fragments: Map<number, Fragment>; bytes: number }>();
  let total = 0;

  const evict = () => {
    for (const [id, entry] of articles) {
      if (total <= maxBytes) return;
      articles.delete(id);
      total -= entry.bytes;
    }
  };

  return {
    known(articleId) {
      const entry = articles.get(articleId);
      if (!entry) return { ids: [], versions: [], fragments: EMPTY };
      // Map order is recency: re-inserting makes this article the newest.
      articles.delete(articleId);
      articles.set(articleId, entry);
      const ids: number[] = [];
      const versions: (number | null)[] = [];
      for (const [id, f] of entry.fragments) {
        ids.push(id);
        versions.push(f.version);
      }
      return { ids, versions, fragments: entry.fragments };
    },
    set(articleId, commentId, fragment) {
      if (maxBytes === 0) return;
      let entry = articles.get(articleId);
      if (!entry) articles.set(articleId, (entry = { fragments: new Map(), bytes: 0 }));
      const old = entry.fragments.get(commentId);
      const delta = fragment.json.length - (old?.json.length ?? 0);
      entry.fragments.set(commentId, fragment);
      entry.bytes += delta;
      total += delta;
      if (total > maxBytes) evict();
    },
    clear() {
      articles.clear();
      total = 0;
    },
    get bytes() {
      return total;
    },
  };
}
