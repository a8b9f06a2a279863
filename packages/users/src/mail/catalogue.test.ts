import { describe, expect, it } from 'vitest';
import { LANGUAGE_TAGS, LANGUAGES } from '../i18n/languages';
import { catalogueProblems, untranslatedShare } from '../testing/catalogues';
import { MAIL_CATALOGUES, mailText } from './catalogue';

const reference = MAIL_CATALOGUES.us;

describe('the email catalogues', () => {
  it.each(LANGUAGES.filter((language) => language !== 'us'))(
    '%s has every text of the English one, as valid ICU with the same placeholders',
    (language) => {
      expect(
        catalogueProblems({
          reference,
          referenceLocale: 'en-US',
          catalogue: MAIL_CATALOGUES[language],
          locale: LANGUAGE_TAGS[language],
          tags: false,
        }),
      ).toEqual([]);
      // Translated, not copied: a few texts may stay as they are (a name, a URL placeholder).
      expect(untranslatedShare(reference, MAIL_CATALOGUES[language])).toBeLessThan(0.1);
    },
  );

  it('fills placeholders and plurals in the recipient’s language', () => {
    expect(mailText('us', 'common.greeting', { name: 'Ada' })).toContain('Ada');
    expect(mailText('de', 'common.greeting', { name: 'Ada' })).not.toBe(
      mailText('us', 'common.greeting', { name: 'Ada' }),
    );
  });
});

describe('the catalogue check', () => {
  it('catches a missing key, an empty text, a lost placeholder, broken ICU, a plural without other, a lost tag', () => {
    const problems = catalogueProblems({
      reference: {
        a: { hello: 'Hello {name}', count: '{n, plural, one {# day} other {# days}}' },
        b: 'Bye',
        c: 'Fine',
        d: '<b>Bold</b> {x}',
        f: '<b>Bold</b> {x}',
      },
      referenceLocale: 'en-US',
      catalogue: {
        a: { hello: 'Hallo {nom}', count: '{n, plural, one {# Tag}}' },
        c: '{broken',
        d: '',
        f: 'Fett {x}',
        e: 'extra',
      },
      locale: 'de',
      tags: true,
    });
    expect(problems).toEqual([
      'b: missing',
      'e: not in the reference',
      'a.hello: placeholders nom, expected name',
      'a.count: not valid ICU (MISSING_OTHER_CLAUSE)',
      expect.stringMatching(/^c: not valid ICU/),
      'd: empty',
      'f: tags none, expected b',
    ]);
  });
});
