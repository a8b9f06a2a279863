import 'server-only';
import { LANGUAGE_COOKIE, requestLanguage } from '@roster/users/i18n';
import { LINK_LANGUAGE_HEADER } from './link-language';
import type { Language } from '@roster/users/schemas';
import { cookies, headers } from 'next/headers';
import { cache } from 'react';
import { getSignedInUser } from './caller';

/**
 * The language a page is shown in: the signed-in person's own choice; for anyone else the
 * language of the emailed link they opened, else the language menu's cookie, else the best match
 * of Accept-Language, else US English.
 */
export const pageLanguage = cache(async (): Promise<Language> => {
  const [cookieStore, headerStore] = await Promise.all([cookies(), headers()]);
  const me = await getSignedInUser();
  if (me) return me.preferredLanguage;
  return requestLanguage({
    link: headerStore.get(LINK_LANGUAGE_HEADER),
    cookie: cookieStore.get(LANGUAGE_COOKIE)?.value,
    acceptLanguage: headerStore.get('accept-language'),
  });
});
