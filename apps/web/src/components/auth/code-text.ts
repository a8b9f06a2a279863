'use client';

import { ROSTER_CODE_LIST } from '@roster/users/schemas';
import { useTranslations } from 'next-intl';
import { useCallback } from 'react';
import type { ErrorTranslator } from '@/lib/errors';

const KNOWN_CODES = new Set<string>(ROSTER_CODE_LIST);

/**
 * The wording of a rosterCode that came back in the address (`?error=SIGN_IN_CANCELLED`, from a
 * sign-in or a link through an identity provider): the catalogue's `errors.codes.*`, or the general
 * "something went wrong" for anything else. The address's own text is never shown.
 */
export function useCodeText(): (code: string | null | undefined) => string | null {
  const t = useTranslations('errors') as unknown as ErrorTranslator;
  return useCallback(
    (code) => {
      if (!code) return null;
      if (!KNOWN_CODES.has(code)) return t('unknown');
      // The few messages that take facts get their neutral ones: the address carries none.
      return t(`codes.${code}`, { ended: 'false', part: 'password', action: 'other' });
    },
    [t],
  );
}
