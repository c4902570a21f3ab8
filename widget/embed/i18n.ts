// UI strings in English and Hindi. Hindi follows the wording readers know from WordPress's hi_IN
// comment form. {name}, {n} and {t} are filled in by fmt(); numbers and times go through Intl first.
// Keys looked up by name keep it: UPPER_CASE ones are the server's error codes, so an error maps to
// its message by lookup, and body/name/email/website are the form's fields. The rest are _-prefixed
// so the build shortens them like private members.

const en = {
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
  _awaiting: 'Your comment is awaiting moderation.',
  _edited: 'edited',
  _edit: 'Edit',
  _del: 'Delete',
  _confirmDel: 'Delete this comment?',
  _yesDel: 'Yes, delete',
  _save: 'Save',
  _cancel: 'Cancel',
  _leave: 'Leave a Reply',
  _cancelReply: 'Cancel reply',
  _requiredNote: 'Required fields are marked *',
  body: 'Comment',
  name: 'Name',
  email: 'Email',
  _emailHint: 'Your email address will not be published.',
  website: 'Website',
  _remember: 'Save my name, email, and website in this browser for the next time I comment.',
  _post: 'Post Comment',
  _errBody: 'Please write a comment.',
  _errLong: 'Please shorten your comment to {n} characters.',
  _errName: 'Please enter your name.',
  _errEmail: 'Please enter a valid email address.',
  _errUrl: 'Please enter a valid web address.',
  RATE_LIMITED: 'You are posting comments too quickly. Please wait {t} and try again.',
  COMMENTS_CLOSED: 'Comments are closed.',
  TOXIC_NUDGE: 'Your comment may come across as hurtful to others. Would you like to revise it?',
  _revise: 'Revise',
  _anyway: 'Post anyway',
  DUPLICATE_COMMENT: 'You have already posted this comment.',
  AUTHOR_BANNED: 'You can no longer comment on this site.',
  INVALID_PARENT: 'The comment you are replying to is no longer available.',
  PAYLOAD_TOO_LARGE: 'Your comment is too long.',
  SERVICE_UNAVAILABLE: 'Comments are temporarily unavailable. Please try again later.',
  _failed: 'Something went wrong. Please try again.',
  EDIT_WINDOW_CLOSED: 'The time for changing this comment has passed.',
  _published: 'Your comment was published.',
  _deleted: 'Your comment was deleted.',
  _newComment: 'New comment from {name}',
};

export type Messages = typeof en;

const hi: Messages = {
  _zero: 'अभी कोई टिप्पणी नहीं',
  _one: '{n} टिप्पणी',
  _other: '{n} टिप्पणियाँ',
  _loading: 'टिप्पणियाँ लोड हो रही हैं…',
  _loadFailed: 'टिप्पणियाँ लोड नहीं हो सकीं।',
  _retry: 'फिर से कोशिश करें',
  _sort: 'क्रम',
  _oldest: 'सबसे पुरानी पहले',
  _newest: 'सबसे नई पहले',
  _more: 'और टिप्पणियाँ दिखाएँ',
  _reply: 'जवाब दें',
  _replyTo: '{name} को जवाब दें',
  _removed: 'यह टिप्पणी हटा दी गई।',
  _awaiting: 'आपकी टिप्पणी मॉडरेशन की प्रतीक्षा में है।',
  _edited: 'संपादित',
  _edit: 'संपादित करें',
  _del: 'हटाएँ',
  _confirmDel: 'यह टिप्पणी हटाएँ?',
  _yesDel: 'हाँ, हटाएँ',
  _save: 'सहेजें',
  _cancel: 'रद्द करें',
  _leave: 'प्रतिक्रिया दें',
  _cancelReply: 'जवाब रद्द करें',
  _requiredNote: 'आवश्यक फ़ील्ड * से चिह्नित हैं',
  body: 'टिप्पणी',
  name: 'नाम',
  email: 'ईमेल',
  _emailHint: 'आपका ईमेल पता प्रकाशित नहीं किया जाएगा।',
  website: 'वेबसाइट',
  _remember: 'अगली बार टिप्पणी करने के लिए मेरा नाम, ईमेल और वेबसाइट इस ब्राउज़र में सहेजें।',
  _post: 'टिप्पणी भेजें',
  _errBody: 'कृपया टिप्पणी लिखें।',
  _errLong: 'कृपया टिप्पणी को {n} अक्षरों तक छोटा करें।',
  _errName: 'कृपया अपना नाम लिखें।',
  _errEmail: 'कृपया सही ईमेल पता लिखें।',
  _errUrl: 'कृपया सही वेब पता लिखें।',
  RATE_LIMITED: 'आप बहुत जल्दी-जल्दी टिप्पणी कर रहे हैं। कृपया {t} रुककर फिर कोशिश करें।',
  COMMENTS_CLOSED: 'टिप्पणियाँ बंद हैं।',
  TOXIC_NUDGE: 'आपकी टिप्पणी दूसरों को आहत कर सकती है। क्या आप इसे बदलना चाहेंगे?',
  _revise: 'बदलें',
  _anyway: 'फिर भी भेजें',
  DUPLICATE_COMMENT: 'आप यह टिप्पणी पहले ही भेज चुके हैं।',
  AUTHOR_BANNED: 'अब आप इस साइट पर टिप्पणी नहीं कर सकते।',
  INVALID_PARENT: 'जिस टिप्पणी का आप जवाब दे रहे हैं, वह अब उपलब्ध नहीं है।',
  PAYLOAD_TOO_LARGE: 'आपकी टिप्पणी बहुत लंबी है।',
  SERVICE_UNAVAILABLE: 'टिप्पणियाँ अभी उपलब्ध नहीं हैं। कृपया बाद में कोशिश करें।',
  _failed: 'कुछ गड़बड़ हो गई। कृपया फिर से कोशिश करें।',
  EDIT_WINDOW_CLOSED: 'इस टिप्पणी को बदलने का समय निकल चुका है।',
  _published: 'आपकी टिप्पणी प्रकाशित हो गई।',
  _deleted: 'आपकी टिप्पणी हटा दी गई।',
  _newComment: '{name} की नई टिप्पणी',
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
