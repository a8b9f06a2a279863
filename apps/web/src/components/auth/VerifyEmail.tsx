'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useEffect, useRef } from 'react';
import { Alert } from '../Alert';
import { Loading } from '../Spinner';
import { EmailRequestForm } from './EmailRequestForm';
import { useErrorText } from '@/lib/errors';
import { trpc } from '@/lib/trpc';

/** Opens the link from the email: confirms the address once the page has loaded. */
export function VerifyEmail({ token }: { token: string }) {
  const t = useTranslations('auth.verifyEmail');
  const errorText = useErrorText();
  const verify = trpc.auth.verifyEmail.useMutation();
  const started = useRef(false);

  useEffect(() => {
    // Once per page, even when React runs effects twice in development.
    if (started.current) return;
    started.current = true;
    verify.mutate({ token });
  }, [token, verify]);

  if (verify.isError) {
    return (
      <div className="stack">
        <Alert tone="error">{errorText.message(verify.error)}</Alert>
        <p className="muted">{t('failed')}</p>
        <ResendVerificationForm />
      </div>
    );
  }
  if (!verify.data) return <Loading label={t('confirming')} />;
  if (verify.data.status === 'active') {
    return (
      <div className="stack">
        <Alert tone="success">{t('confirmed')}</Alert>
        <Link className="button button-primary button-block" href="/login">
          {t('continue')}
        </Link>
      </div>
    );
  }
  return (
    <Alert tone="success" title={t('confirmedTitle')}>
      {t('awaitingApproval')}
    </Alert>
  );
}

export function ResendVerificationForm() {
  const t = useTranslations('auth.verifyEmail');
  return (
    <EmailRequestForm
      submitLabel={t('resendSubmit')}
      mutation={trpc.auth.resendVerification.useMutation()}
      sent={(email) => <Alert tone="success">{t('resendSent', { email })}</Alert>}
    />
  );
}
