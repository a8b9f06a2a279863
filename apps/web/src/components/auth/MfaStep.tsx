'use client';

import type { LoginResult } from '@roster/users/schemas';
import { startAuthentication } from '@simplewebauthn/browser';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { z } from 'zod';
import { Alert } from '../Alert';
import { Button } from '../Button';
import { TextField } from '../Field';
import { type PasskeyNotice, passkeyNotice, requestOptions, useWebAuthnSupport } from './passkey';
import { errorDetail, rosterCode, useErrorText } from '@/lib/errors';
import { formText } from '@/lib/forms';
import { trpc } from '@/lib/trpc';
import { useForm } from '@/lib/use-form';

const Code = z.object({
  code: z.string().trim().min(1),
});

/** What the second step of this sign-in accepts, as `auth.login` answered it. */
export type MfaMethods = Extract<LoginResult, { status: 'mfa_required' }>['methods'];

/** The pending sign-in is over (expired, or that was the fifth wrong answer): start again. */
function signInEnded(error: unknown): boolean {
  return rosterCode(error) === 'SIGN_IN_EXPIRED' || errorDetail(error, 'signInEnded') === true;
}

/**
 * The second step of a sign-in: a code from the authenticator app, or a backup code; or one of
 * the account's passkeys when it has any.
 */
export function MfaStep({
  methods,
  onDone,
  onRestart,
}: {
  /** From `auth.login`; null when unknown (back from an identity provider): passkeys offered. */
  methods: MfaMethods | null;
  onDone: () => Promise<void>;
  onRestart: () => void;
}) {
  const t = useTranslations('auth.mfa');
  const errorText = useErrorText();
  const supported = useWebAuthnSupport();
  const passkeyOptions = trpc.auth.mfaPasskeyOptions.useMutation();
  const passkeyAnswer = trpc.auth.verifyMfa.useMutation();
  const [passkeyPending, setPasskeyPending] = useState(false);
  const [notice, setNotice] = useState<PasskeyNotice | null>(null);
  const [ended, setEnded] = useState<string | null>(null);
  const form = useForm({
    mutation: trpc.auth.verifyMfa.useMutation(),
    schema: Code,
    labels: { code: t('code') },
    fields: ['code'],
    onSuccess: onDone,
  });

  const answerWithPasskey = async () => {
    form.reset();
    setNotice(null);
    setPasskeyPending(true);
    try {
      const optionsJSON = requestOptions(await passkeyOptions.mutateAsync());
      const response = await startAuthentication({ optionsJSON });
      await passkeyAnswer.mutateAsync({ passkey: response });
      await onDone();
    } catch (error) {
      if (signInEnded(error)) {
        setEnded(errorText.message(error));
      } else if (rosterCode(error) === 'WRONG_CODE') {
        // The count of wrong answers is shared with the codes; this one was a passkey.
        setNotice({ tone: 'error', text: t('passkeyRefused') });
      } else {
        setNotice(
          passkeyNotice(error, errorText, {
            cancelled: t('passkeyCancelled'),
            browser: t('passkeyBrowserFailed'),
          }),
        );
      }
    } finally {
      setPasskeyPending(false);
    }
  };

  if (ended !== null || signInEnded(form.error)) {
    return (
      <div className="stack">
        <Alert tone="error">{ended ?? form.fields.code ?? form.formError}</Alert>
        <Button block onClick={onRestart}>
          {t('restart')}
        </Button>
      </div>
    );
  }

  const offerPasskey = supported === true && (methods === null || methods.includes('passkey'));
  const alert = form.formError ? { tone: 'error' as const, text: form.formError } : notice;

  return (
    <form
      className="form"
      onSubmit={(event) => {
        setNotice(null);
        form.onSubmit((data) => ({ code: formText(data, 'code') }))(event);
      }}
      noValidate
    >
      <p className="muted">{t('intro')}</p>
      <TextField
        label={t('code')}
        name="code"
        inputMode="text"
        autoComplete="one-time-code"
        autoCapitalize="characters"
        spellCheck={false}
        autoFocus
        required
        maxLength={32}
        hint={t('codeHint')}
        error={form.fields.code}
      />
      {alert ? <Alert tone={alert.tone}>{alert.text}</Alert> : null}
      <Button type="submit" block loading={form.pending} disabled={passkeyPending}>
        {t('submit')}
      </Button>
      {offerPasskey ? (
        <Button
          variant="secondary"
          block
          loading={passkeyPending}
          disabled={form.pending}
          onClick={() => {
            void answerWithPasskey();
          }}
        >
          {t('usePasskey')}
        </Button>
      ) : null}
      <Button variant="ghost" block onClick={onRestart}>
        {t('otherAccount')}
      </Button>
    </form>
  );
}
