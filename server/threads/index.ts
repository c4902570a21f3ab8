// Thread reads: the public page of an article's comments, its cache, the edge that answers repeated
// reads from memory, and the invalidation that keeps them current. Everything that decides what a
// reader's GET of a thread returns lives in this folder:
//
//   read.ts          getThread (the app's path: site, article, page or private view), peekThread (the edge's)
//   store.ts         the page query (display order, removed placeholders) and the author's own comments
//   cache.ts         per-process pages by article version, article rows by key, validated request targets
//   response.ts      the bytes and headers of a public page, shared by the route and the edge
//   route.ts         GET /sites/:site/articles/:article/comments
//   edge.ts          the node:http listener in front of the app
//   invalidation.ts  events (NOTIFY, this process's own writes, reconnects) -> cache
//
// Invariants:
// - A public page is cached under its article's id and version and the request's variant (sort,
//   limit, cursor), and served only while that version is the article's current one as this process
//   knows it. Every change visible in the public thread bumps the version in its transaction.
// - An article row is trusted for at most 5 s without an event, so a lost LISTEN connection cannot
//   keep a stale thread; a reconnect of the listening session drops every entry. This process's own
//   writes drop the entry before their transaction commits; other processes' arrive through NOTIFY.
//   A build that reads a version older than one this process announced waits (at most 100 ms) for
//   that version's NOTIFY, which means it committed, and reads again: one build per write, not one
//   per reader until the commit lands.
// - The edge answers only a request target the app has validated and answered publicly before, with
//   the site (its allowed origins), the current article row and its page all in memory; it checks and
//   never loads. It never answers an author's private view (X-Parley-Author-Token) or an origin the
//   site does not allow, and it sends the app's bytes and headers (response.ts), its request id and
//   its log line.
// - A private view (author token) is built from the database on every request and never cached.
export { createThreadCache, type CachedPage, type ThreadCache } from './cache.js';
export { createThreadEdge } from './edge.js';
export { subscribeThreadCaches } from './invalidation.js';
export { getThread, peekThread } from './read.js';
export { createThreadRouter } from './route.js';
