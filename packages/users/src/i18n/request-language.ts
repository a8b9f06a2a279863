import { match } from '@formatjs/intl-localematcher';
import Negotiator from 'negotiator';
import type { Language } from '../schemas/enums';
import { DEFAULT_LANGUAGE, isLanguage, LANGUAGE_TAGS, LANGUAGES, languageOfTag } from './languages';

const TAGS = LANGUAGES.map((language) => LANGUAGE_TAGS[language]);

/**
 * The language to answer someone in who is not signed in: the language an emailed link names
 * (`?lang=`), else the `roster_lang` cookie the language menu sets, else the best match of the browser's Accept-Language (Chinese in Hong Kong reads
 * Traditional, British English reads English), else US English.
 */
export function requestLanguage(request: {
  link?: string | null | undefined;
  cookie?: string | null | undefined;
  acceptLanguage?: string | null | undefined;
}): Language {
  if (isLanguage(request.link)) return request.link;
  if (isLanguage(request.cookie)) return request.cookie;
  if (!request.acceptLanguage) return DEFAULT_LANGUAGE;
  const wanted = new Negotiator({
    headers: { 'accept-language': request.acceptLanguage },
  }).languages();
  try {
    return languageOfTag(match(wanted, TAGS, LANGUAGE_TAGS[DEFAULT_LANGUAGE])) ?? DEFAULT_LANGUAGE;
  } catch {
    // A tag that is not well-formed: as if none was sent.
    return DEFAULT_LANGUAGE;
  }
}
