// UI strings. English is built into embed.js; Hindi (hi.ts) is a separate file that embed.js
// fetches only for a Hindi widget. {name}, {n} and {t} are filled in by fmt(); numbers and times go
// through Intl first. Keys looked up by name keep it: UPPER_CASE ones are the server's error codes,
// so an error maps to its message by lookup, and body/name/email/website are the form's fields.
// The rest are _-prefixed so the build shortens them like private members.

export const en = {
  _zero: 'No comments yet',
  _one: '{n} Comment',
  _other: '{n} Comments',
  _loading: 'Loading comments…',
  _loadFailed: 'Comments could not be loaded.',
  _retry: 'Try again',
  _sort: 'Sort',
  _oldest: 'Oldest first',
  _newest: 'Newest first',
  _more: 'Load more comments',
  _reply: 'Reply',
  _replyTo: 'Reply to {name}',
  _removed: 'This comment was removed.',
  _awaiting: 'Your comment is awaiting moderation. Only you can see it for now.',
  _edited: 'edited',
  _edit: 'Edit',
  _del: 'Delete',
  _leave: 'Leave a Reply',
  _cancelReply: 'Cancel reply',
  _requiredNote: 'Required fields are marked *',
  body: 'Comment',
  name: 'Name',
  email: 'Email',
  _emailHint: 'Your email address will not be published.',
  website: 'Website',
  _remember: 'Save my name, email, and website in this browser for the next time I comment.',
  _notify: 'Notify me of replies by email.',
  _notifyNote: 'The first time, confirm your address with the link we email you.',
  _post: 'Post Comment',
  _errBody: 'Please write a comment.',
  _errLong: 'Please shorten your comment to {n} characters.',
  _errName: 'Please enter your name.',
  _errEmail: 'Please enter a valid email address.',
  _errUrl: 'Please enter a valid web address.',
  RATE_LIMITED: 'You are posting comments too quickly. Please wait {t} and try again.',
  COMMENTS_CLOSED: 'Comments are closed.',
  _rejected: 'Your comment will not be published: it breaks this site’s rules.',
  DUPLICATE_COMMENT: 'You have already posted this comment.',
  AUTHOR_BANNED: 'You can no longer comment on this site.',
  AUTHOR_SUSPENDED: 'You cannot comment until {until}.',
  INVALID_PARENT: 'The comment you are replying to is no longer available.',
  PAYLOAD_TOO_LARGE: 'Your comment is too long.',
  SERVICE_UNAVAILABLE: 'Comments are temporarily unavailable. Please try again later.',
  _failed: 'Something went wrong. Please try again.',
  _published: 'Your comment was published.',
  _newComment: 'New comment from {name}',
  _staff: 'Staff',
  _best: 'Best first',
  _respect: 'Respect',
  _like: 'Like',
  _now: 'now',
  _pick: 'Editor’s pick',
  _noPicks: 'The editors have not picked any comments yet.',
  _copy: 'Copy link',
  _copied: 'Link copied.',
  _report: 'Report',
  _reportedMark: 'Reported',
};

export type Messages = typeof en;

export type Locale = 'en' | 'hi';

/** Maps a BCP 47 tag (from the closest lang attribute or the site) to a supported UI locale. */
export function pickLocale(tag: string | null | undefined): Locale {
  return tag?.toLowerCase().startsWith('hi') ? 'hi' : 'en';
}

/** Strings per locale: English always, Hindi once loadHindi() has fetched it. */
export const messages: Partial<Record<Locale, Messages>> = { en };

let hindi: Promise<unknown> | undefined;

/**
 * Fetches the Hindi strings, which esbuild splits out of embed.js as embed-hi.<hash>.js (served next
 * to it), so pages in English never download them. If that file cannot be fetched, Hindi readers
 * get the English strings rather than no widget.
 */
export function loadHindi(): Promise<unknown> {
  return (hindi ??= import('./hi.js').then(
    (file) => (messages.hi = file.hi),
    () => (messages.hi = en),
  ));
}

/** Fills {placeholders}; values are already formatted for the locale. */
export function fmt(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}
