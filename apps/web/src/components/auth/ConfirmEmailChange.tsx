'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useEffect, useRef } from 'react';
import { Alert } from '../Alert';
import { Loading } from '../Spinner';
import { rosterCode, useErrorText } from '@/lib/errors';
import { trpc } from '@/lib/trpc';

/** Opens the link sent to a new address: the account takes it once the page has loaded. */
export function ConfirmEmailChange({ token }: { token: string }) {
  const t = useTranslations('auth.confirmEmail');
  const errorText = useErrorText();
  const confirm = trpc.auth.confirmEmailChange.useMutation();
  const started = useRef(false);

  useEffect(() => {
    // Once per page, even when React runs effects twice in development.
    if (started.current) return;
    started.current = true;
    confirm.mutate({ token });
  }, [token, confirm]);

  if (confirm.isError) {
    const taken = rosterCode(confirm.error) === 'EMAIL_TAKEN';
    return (
      <div className="stack">
        <Alert tone="error">{taken ? t('taken') : errorText.message(confirm.error)}</Alert>
        <p className="muted">
          {t.rich('askAgain', {
            link: (chunks) => <Link href="/settings/profile">{chunks}</Link>,
          })}
        </p>
      </div>
    );
  }
  if (!confirm.data) return <Loading label={t('changing')} />;
  return (
    <div className="stack">
      <Alert tone="success">{t('done')}</Alert>
      <Link className="button button-primary button-block" href="/settings/profile">
        {t('continue')}
      </Link>
    </div>
  );
}
