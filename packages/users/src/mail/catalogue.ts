import { IntlMessageFormat } from 'intl-messageformat';
import { LANGUAGE_TAGS } from '../i18n/languages';
import type { Language } from '../schemas/enums';
import ca from './messages/ca.json';
import cn from './messages/cn.json';
import de from './messages/de.json';
import es from './messages/es.json';
import fr from './messages/fr.json';
import gl from './messages/gl.json';
import it from './messages/it.json';
import nl from './messages/nl.json';
import pt from './messages/pt.json';
import sl from './messages/sl.json';
import sv from './messages/sv.json';
import tw from './messages/tw.json';
import us from './messages/us.json';

/** The email texts, one catalogue per language; US English is the reference. */
export type MailCatalogue = typeof us;

export const MAIL_CATALOGUES: Record<Language, MailCatalogue> = {
  ca,
  cn,
  de,
  es,
  fr,
  gl,
  it,
  nl,
  pt,
  sl,
  sv,
  tw,
  us,
};

type Section = keyof MailCatalogue;
export type MailKey = {
  [S in Section]: `${S}.${Extract<keyof MailCatalogue[S], string>}`;
}[Section];

export type MailParams = Record<string, string | number>;

const formats = new Map<string, IntlMessageFormat>();

/** One text of an email in a language, with its placeholders filled. Compiled once per text. */
export function mailText(language: Language, key: MailKey, params: MailParams = {}): string {
  const cacheKey = `${language}:${key}`;
  let format = formats.get(cacheKey);
  if (!format) {
    const [section, name] = key.split('.') as [Section, string];
    const source = (MAIL_CATALOGUES[language][section] as Record<string, string>)[name] ?? key;
    format = new IntlMessageFormat(source, LANGUAGE_TAGS[language], undefined, {
      ignoreTag: true,
    });
    formats.set(cacheKey, format);
  }
  return String(format.format(params));
}
