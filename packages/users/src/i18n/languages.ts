import type { Language } from '../schemas/enums';

/** The BCP 47 tag each language of the `Language` enum is written and formatted in. */
export const LANGUAGE_TAGS: Record<Language, string> = {
  ca: 'ca',
  cn: 'zh-CN',
  tw: 'zh-TW',
  de: 'de',
  fr: 'fr',
  gl: 'gl',
  it: 'it',
  nl: 'nl',
  pt: 'pt-PT',
  sl: 'sl',
  sv: 'sv',
  es: 'es',
  us: 'en-US',
};

/** Each language under its own name, so a person finds theirs whatever the page's language. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  ca: 'Català',
  cn: '中文 (简体)',
  tw: '中文 (繁體)',
  de: 'Deutsch',
  fr: 'Français',
  gl: 'Galego',
  it: 'Italiano',
  nl: 'Nederlands',
  pt: 'Português',
  sl: 'Slovenščina',
  sv: 'Svenska',
  es: 'Español',
  us: 'English (US)',
};

export const DEFAULT_LANGUAGE: Language = 'us';

/** The cookie the language menu of the public pages sets. */
export const LANGUAGE_COOKIE = 'roster_lang';

/** The query parameter an emailed link carries: its page opens in the email's language. */
export const LINK_LANGUAGE_PARAM = 'lang';

export const LANGUAGES = Object.keys(LANGUAGE_TAGS) as Language[];

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && Object.hasOwn(LANGUAGE_TAGS, value);
}

/** The language of a BCP 47 tag this app serves exactly (`zh-TW` → `tw`), or null. */
export function languageOfTag(tag: string): Language | null {
  const lower = tag.toLowerCase();
  return LANGUAGES.find((language) => LANGUAGE_TAGS[language].toLowerCase() === lower) ?? null;
}
