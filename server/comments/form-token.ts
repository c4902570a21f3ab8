// Form tokens: signed proof of when the comment form was shown, so bots that post instantly stand out.
import type { Hasher } from '../lib/crypto.js';
import type { Site } from '../sites/store.js';

type Deps = { hasher: Hasher; now: () => Date };

export function issueFormToken(deps: Deps, site: Site): string {
  const issued = String(deps.now().getTime());
  return `${issued}.${deps.hasher.sign(`form|${site.id}|${issued}`)}`;
}

/** Milliseconds since the token was issued, or null when it is missing, forged or for another site. */
export function formTokenAge(deps: Pick<Deps, 'hasher'>, site: Site, token: string | undefined, now: Date): number | null {
  if (!token) return null;
  const [issued, signature] = token.split('.');
  if (!issued || !signature || !/^\d{1,15}$/.test(issued)) return null;
  if (!deps.hasher.verify(`form|${site.id}|${issued}`, signature)) return null;
  return now.getTime() - Number(issued);
}
