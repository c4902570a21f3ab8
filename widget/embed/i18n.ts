// UI strings in English and Hindi. Hindi follows the wording readers know from WordPress's hi_IN
// comment form. {name}, {n} and {t} are filled in by fmt(); numbers and times go through Intl first.
// UPPER_CASE keys are the server's error codes, so an error maps to its message by lookup.

const en = {
  zero: 'No comments yet',
  one: '{n} Comment',
  other: '{n} Comments',
  loading: 'Loading comments…',
  loadFailed: 'Comments could not be loaded.',
  retry: 'Try again',
  sort: 'Sort',
  oldest: 'Oldest first',
  newest: 'Newest first',
  more: 'Load more comments',
  reply: 'Reply',
  replyTo: 'Reply to {name}',
  removed: 'This comment was removed.',
  awaiting: 'Your comment is awaiting moderation.',
  edited: 'edited',
  edit: 'Edit',
  del: 'Delete',
  confirmDel: 'Delete this comment?',
  yesDel: 'Yes, delete',
  save: 'Save',
  cancel: 'Cancel',
  leave: 'Leave a Reply',
  cancelReply: 'Cancel reply',
  requiredNote: 'Required fields are marked *',
  body: 'Comment',
  name: 'Name',
  email: 'Email',
  emailHint: 'Your email address will not be published.',
  website: 'Website',
  remember: 'Save my name, email, and website in this browser for the next time I comment.',
  post: 'Post Comment',
  errBody: 'Please write a comment.',
  errLong: 'Please shorten your comment to {n} characters.',
  errName: 'Please enter your name.',
  errEmail: 'Please enter a valid email address.',
  errUrl: 'Please enter a valid web address.',
  RATE_LIMITED: 'You are posting comments too quickly. Please wait {t} and try again.',
  COMMENTS_CLOSED: 'Comments are closed.',
  TOXIC_NUDGE: 'Your comment may come across as hurtful to others. Would you like to revise it?',
  revise: 'Revise',
  anyway: 'Post anyway',
  DUPLICATE_COMMENT: 'You have already posted this comment.',
  AUTHOR_BANNED: 'You can no longer comment on this site.',
  INVALID_PARENT: 'The comment you are replying to is no longer available.',
  PAYLOAD_TOO_LARGE: 'Your comment is too long.',
  SERVICE_UNAVAILABLE: 'Comments are temporarily unavailable. Please try again later.',
  failed: 'Something went wrong. Please try again.',
  EDIT_WINDOW_CLOSED: 'The time for changing this comment has passed.',
  published: 'Your comment was published.',
  deleted: 'Your comment was deleted.',
  newComment: 'New comment from {name}',
};

export type Messages = typeof en;

const hi: Messages = {
  zero: 'अभी कोई टिप्पणी नहीं',
  one: '{n} टिप्पणी',
  other: '{n} टिप्पणियाँ',
  loading: 'टिप्पणियाँ लोड हो रही हैं…',
  loadFailed: 'टिप्पणियाँ लोड नहीं हो सकीं।',
  retry: 'फिर से कोशिश करें',
  sort: 'क्रम',
  oldest: 'सबसे पुरानी पहले',
  newest: 'सबसे नई पहले',
  more: 'और टिप्पणियाँ दिखाएँ',
  reply: 'जवाब दें',
  replyTo: '{name} को जवाब दें',
  removed: 'यह टिप्पणी हटा दी गई।',
  awaiting: 'आपकी टिप्पणी मॉडरेशन की प्रतीक्षा में है।',
  edited: 'संपादित',
  edit: 'संपादित करें',
  del: 'हटाएँ',
  confirmDel: 'यह टिप्पणी हटाएँ?',
  yesDel: 'हाँ, हटाएँ',
  save: 'सहेजें',
  cancel: 'रद्द करें',
  leave: 'प्रतिक्रिया दें',
  cancelReply: 'जवाब रद्द करें',
  requiredNote: 'आवश्यक फ़ील्ड * से चिह्नित हैं',
  body: 'टिप्पणी',
  name: 'नाम',
  email: 'ईमेल',
  emailHint: 'आपका ईमेल पता प्रकाशित नहीं किया जाएगा।',
  website: 'वेबसाइट',
  remember: 'अगली बार टिप्पणी करने के लिए मेरा नाम, ईमेल और वेबसाइट इस ब्राउज़र में सहेजें।',
  post: 'टिप्पणी भेजें',
  errBody: 'कृपया टिप्पणी लिखें।',
  errLong: 'कृपया टिप्पणी को {n} अक्षरों तक छोटा करें।',
  errName: 'कृपया अपना नाम लिखें।',
  errEmail: 'कृपया सही ईमेल पता लिखें।',
  errUrl: 'कृपया सही वेब पता लिखें।',
  RATE_LIMITED: 'आप बहुत जल्दी-जल्दी टिप्पणी कर रहे हैं। कृपया {t} रुककर फिर कोशिश करें।',
  COMMENTS_CLOSED: 'टिप्पणियाँ बंद हैं।',
  TOXIC_NUDGE: 'आपकी टिप्पणी दूसरों को आहत कर सकती है। क्या आप इसे बदलना चाहेंगे?',
  revise: 'बदलें',
  anyway: 'फिर भी भेजें',
  DUPLICATE_COMMENT: 'आप यह टिप्पणी पहले ही भेज चुके हैं।',
  AUTHOR_BANNED: 'अब आप इस साइट पर टिप्पणी नहीं कर सकते।',
  INVALID_PARENT: 'जिस टिप्पणी का आप जवाब दे रहे हैं, वह अब उपलब्ध नहीं है।',
  PAYLOAD_TOO_LARGE: 'आपकी टिप्पणी बहुत लंबी है।',
  SERVICE_UNAVAILABLE: 'टिप्पणियाँ अभी उपलब्ध नहीं हैं। कृपया बाद में कोशिश करें।',
  failed: 'कुछ गड़बड़ हो गई। कृपया फिर से कोशिश करें।',
  EDIT_WINDOW_CLOSED: 'इस टिप्पणी को बदलने का समय निकल चुका है।',
  published: 'आपकी टिप्पणी प्रकाशित हो गई।',
  deleted: 'आपकी टिप्पणी हटा दी गई।',
  newComment: '{name} की नई टिप्पणी',
};

export type Locale = 'en' | 'hi';

/** Maps a BCP 47 tag (from the closest lang attribute or the site) to a supported UI locale. */
export function pickLocale(tag: string | null | undefined): Locale {
  return tag?.toLowerCase().startsWith('hi') ? 'hi' : 'en';
}

export const messages: Record<Locale, Messages> = { en, hi };

/** Fills {placeholders}; values are already formatted for the locale. */
export function fmt(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}
