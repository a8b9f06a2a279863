'use client';

import { useTranslations } from 'next-intl';
import { CopyButton as Copy } from '../CopyButton';

/** Copies a provider's redirect URI, in the words of the identity-provider pages. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const t = useTranslations('admin.copy');
  return (
    <Copy
      text={text}
      label={label}
      words={{
        copy: t('copy'),
        copied: t('copied'),
        copiedStatus: t('copiedStatus'),
        failed: t('failed'),
      }}
    />
  );
}
