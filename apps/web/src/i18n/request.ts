import { LANGUAGE_TAGS } from '@roster/users/i18n';
import { getRequestConfig } from 'next-intl/server';
import { pageLanguage } from '@/server/language';
import { messagesFor } from './messages';

// next-intl's per-request configuration: no locale in the URL, the page language decides.
export default getRequestConfig(async () => {
  const language = await pageLanguage();
  return { locale: LANGUAGE_TAGS[language], messages: await messagesFor(language) };
});
