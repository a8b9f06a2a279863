import { isLanguage, LINK_LANGUAGE_PARAM } from '@roster/users/i18n';
import type { Language } from '@roster/users/schemas';

/**
 * The Node server reads an emailed link's `?lang=` and hands it to the pages in this header
 * (pages read headers, not the URL); always overwritten, so a client cannot set it directly.
 */
export const LINK_LANGUAGE_HEADER = 'x-roster-link-language';

/** The language a request's URL names, if any. */
export function linkLanguage(requestUrl: string | undefined): Language | null {
  const query = (requestUrl ?? '').split('?')[1];
  if (!query) return null;
  const named = new URLSearchParams(query).get(LINK_LANGUAGE_PARAM);
  return isLanguage(named) ? named : null;
}
