'use client';

import {
  LANGUAGE_COOKIE,
  LANGUAGE_NAMES,
  LANGUAGE_TAGS,
  LANGUAGES,
  isLanguage,
  LINK_LANGUAGE_PARAM,
} from '@roster/users/schemas';
import { useRouter } from 'next/navigation';
import { useEffect, useId, useTransition } from 'react';
import { useTranslations } from 'next-intl';
import type { Language } from '@roster/users/schemas';
import './language-menu.css';

const ONE_YEAR = 60 * 60 * 24 * 365;

function remember(language: Language) {
  const secure = window.location.protocol === 'https:' ? '; secure' : '';
  document.cookie = `${LANGUAGE_COOKIE}=${language}; path=/; max-age=${ONE_YEAR}; samesite=lax${secure}`;
}

/**
 * The language of the public pages for someone not signed in: a cookie the server reads, then
 * the page renders again in that language. Each language is named in itself.
 */
export function LanguageMenu({ current }: { current: Language }) {
  const t = useTranslations('common.languageMenu');
  const router = useRouter();
  const id = useId();
  const [switching, startSwitch] = useTransition();
  // A page opened from an emailed link is in the email's language (`?lang=`): the pages that
  // follow (sign in after confirming) stay in it.
  useEffect(() => {
    if (new URLSearchParams(window.location.search).get(LINK_LANGUAGE_PARAM) === current) {
      remember(current);
    }
  }, [current]);
  return (
    <div className="language-menu">
      <label htmlFor={id}>{t('label')}</label>
      <select
        id={id}
        className="select"
        value={current}
        aria-busy={switching || undefined}
        onChange={(event) => {
          const chosen = event.target.value;
          if (!isLanguage(chosen)) return;
          remember(chosen);
          startSwitch(() => {
            router.refresh();
          });
        }}
      >
        {LANGUAGES.map((language) => (
          <option key={language} value={language} lang={LANGUAGE_TAGS[language]}>
            {LANGUAGE_NAMES[language]}
          </option>
        ))}
      </select>
    </div>
  );
}
