'use client';

import { useTranslations } from 'next-intl';
import { useEffect } from 'react';
import { Button } from '@/components/Button';
import { AuthCard } from '@/components/auth/AuthCard';

/** A page that failed to render: said plainly, with a retry; the details stay in the server log. */
export default function ErrorPage({ error, reset }: { error: Error; reset: () => void }) {
  const t = useTranslations('common.errorPage');
  useEffect(() => {
    // The digest ties this to the server's log line without showing the cause.
    console.warn('Page failed to render', (error as Error & { digest?: string }).digest ?? '');
  }, [error]);
  return (
    <main id="main" className="auth-shell">
      <AuthCard title={t('title')}>
        <p>{t('body')}</p>
        <Button onClick={reset}>{t('retry')}</Button>
      </AuthCard>
    </main>
  );
}
