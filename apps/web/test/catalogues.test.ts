import fs from 'node:fs';
import path from 'node:path';
import { LANGUAGE_TAGS, LANGUAGES, ROSTER_CODE_LIST } from '@roster/users/schemas';
import {
  catalogueProblems,
  type Catalogue,
  untranslatedShare,
} from '@roster/users/testing/catalogues';
import { describe, expect, it } from 'vitest';
import { NAMESPACES } from '../src/i18n/catalogue';

const MESSAGES = path.resolve(import.meta.dirname, '../messages');

function read(language: string, namespace: string): Catalogue {
  return JSON.parse(
    fs.readFileSync(path.join(MESSAGES, language, `${namespace}.json`), 'utf8'),
  ) as Catalogue;
}

const reference = Object.fromEntries(
  NAMESPACES.map((namespace) => [namespace, read('us', namespace)]),
) as Catalogue;

describe('the page catalogues', () => {
  it('hold one folder per language of the Language enum, each with every area', () => {
    const folders = fs.readdirSync(MESSAGES).sort();
    expect(folders).toEqual([...LANGUAGES].sort());
    for (const language of LANGUAGES) {
      expect(fs.readdirSync(path.join(MESSAGES, language)).sort()).toEqual(
        NAMESPACES.map((namespace) => `${namespace}.json`).sort(),
      );
    }
  });

  it.each(LANGUAGES.filter((language) => language !== 'us'))(
    '%s has every key of the English one, as valid ICU with the same placeholders and tags',
    (language) => {
      const catalogue = Object.fromEntries(
        NAMESPACES.map((namespace) => [namespace, read(language, namespace)]),
      ) as Catalogue;
      expect(
        catalogueProblems({
          reference,
          referenceLocale: 'en-US',
          catalogue,
          locale: LANGUAGE_TAGS[language],
          tags: true,
        }),
      ).toEqual([]);
      // Translated, not copied: some words stay as they are (the product's name, "Email" …).
      expect(untranslatedShare(reference, catalogue)).toBeLessThan(0.15);
    },
  );

  it('English itself is valid ICU and words every error code', () => {
    expect(
      catalogueProblems({
        reference,
        referenceLocale: 'en-US',
        catalogue: reference,
        locale: 'en-US',
        tags: true,
      }),
    ).toEqual([]);
    const codes = (reference.errors as { codes: Record<string, string> }).codes;
    expect(Object.keys(codes).sort()).toEqual([...ROSTER_CODE_LIST].sort());
  });
});
