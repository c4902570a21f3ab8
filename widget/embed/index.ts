/**
 * Parley's embed: one script tag defines <parley-comments>.
 *
 * <!-- README:embed -->
 * ## Embedding
 *
 * ```html
 * <script type="module" src="https://comments.example.com/embed.js"></script>
 * <parley-comments site="your-site" article="story-1234"></parley-comments>
 * ```
 *
 * | attribute | meaning |
 * |---|---|
 * | `site` | the site slug (required) |
 * | `article` | the article's key; defaults to `link[rel=canonical]`, else the page URL without `#…`. Changing it loads that thread (single-page apps) |
 * | `server` | Parley's origin; defaults to the origin `embed.js` was loaded from |
 * | `theme` | `light` or `dark`; unset follows `prefers-color-scheme` |
 * | `lang` | `en` or `hi`; unset uses the closest ancestor's `lang` (so an English article on a Hindi page gets English), then the site's locale |
 *
 * The widget lives in Shadow DOM and inherits the page's font. Style it with custom properties
 * on the element (or any ancestor). A value you set applies in light and dark alike; set it inside
 * your own `prefers-color-scheme` rule (or per `theme`) to vary it:
 *
 * | custom property | default (light / dark) |
 * |---|---|
 * | `--parley-color-text` | `#1f2328` / `#e3e3e3` (also the focus ring) |
 * | `--parley-color-bg` | `#fff` / `#17181b` (use `transparent` to show the page) |
 * | `--parley-color-muted` | `#59636e` / `#a8adb4` (times, hints) |
 * | `--parley-color-accent` | `#0b57d0` / `#8ab4f8` (links, buttons) |
 * | `--parley-color-on-accent` | `#fff` / `#0b1a33` (text on buttons) |
 * | `--parley-color-border` | `#8c959f` / `#6b7079` (fields, thread lines) |
 * | `--parley-color-error` | `#b3261e` / `#f2b8b5` |
 * | `--parley-color-note-bg` | `#fff8c5` / `#2b2a1e` (awaiting moderation, notices) |
 * | `--parley-radius` | `6px` |
 * | `--parley-padding` | `1rem` (around the whole widget) |
 * | `--parley-spacing` | `1rem` (between blocks) |
 * | `--parley-indent` | `1.5rem` (per reply level; capped on narrow widths) |
 *
 * and with `::part()`:
 *
 * | part | element |
 * |---|---|
 * | `base` | the outer `<section>` |
 * | `heading` | the "N Comments" heading (also says "Loading comments…" or that loading failed) |
 * | `sort` | the order `<select>`: oldest, newest, best, editors' picks |
 * | `thread`, `replies` | the top-level list, each nested reply list |
 * | `comment` (+ `approved`, `pending` or `removed`) | one comment's `<article>` |
 * | `author`, `author-link` | the author's name and its website link |
 * | `staff` | the "Staff" mark on a moderator's reply |
 * | `pick` | the "Editor's pick" mark |
 * | `report` | the report form under a comment |
 * | `refused` | what the publisher is told when this page's origin is not allowed |
 * | `body` | the comment text |
 * | `awaiting` | "Your comment is awaiting moderation." |
 * | `actions` | Reply, the reaction, Copy link, Report, and Edit / Delete on your own comment |
 * | `more` | "Load more comments" |
 * | `error` | a failed request's message under Load more, a reaction or a delete |
 * | `respond`, `form`, `form-heading` | the "Leave a Reply" block, its form and heading |
 * | `notice` | a server message in the form (flood, nudge, …) |
 * | `submit` | "Post Comment" |
 * | `closed` | "Comments are closed." |
 * | `draft` | the reader's unsent text, kept read-only when the article closed while they wrote |
 *
 * Example: `parley-comments { --parley-color-accent: #a50034; } parley-comments::part(heading) { font-family: Georgia, serif; }`
 * <!-- /README:embed -->
 */
import { ParleyComments } from './parley-comments.js';

// Guarded so a page that includes the script twice (hashed and stable URL) does not throw.
if (!customElements.get('parley-comments')) customElements.define('parley-comments', ParleyComments);

export { ParleyComments };

declare global {
  interface HTMLElementTagNameMap {
    'parley-comments': ParleyComments;
  }
}
