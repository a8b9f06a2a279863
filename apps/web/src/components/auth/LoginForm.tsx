'use client';

import Link from 'next/link';
import { type PublicIdentityProvider, safeNextPath } from '@roster/users/schemas';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { z } from 'zod';
import { Alert } from '../Alert';
import { Button } from '../Button';
import { TextField } from '../Field';
import { useCodeText } from './code-text';
import { formText } from '@/lib/forms';
import { trpc } from '@/lib/trpc';
import { useForm } from '@/lib/use-form';
import { MfaStep } from './MfaStep';
import './login.css';

// Only "is there anything": the form's labels name the fields in the messages.
const SignIn = z.object({
  username: z.string().trim().min(1),
  password: z.string().min(1),
});

/** Where a sign-in through a provider starts: a plain navigation, the server redirects on. */
function startPath(slug: string, next: string): string {
  return `/api/auth/oidc/${encodeURIComponent(slug)}/start?next=${encodeURIComponent(next)}`;
}

/** One link per enabled identity provider: the browser navigates, the server redirects on. */
function ProviderLinks({
  providers,
  next,
}: {
  providers: readonly PublicIdentityProvider[];
  next: string;
}) {
  const t = useTranslations('auth.login');
  return (
    <ul className="login-providers">
      {providers.map((provider) => (
        <li key={provider.slug}>
          <a
            className="button button-secondary button-block"
            href={startPath(provider.slug, next)}
            data-testid="provider-sign-in"
          >
            {t('continueWith', { name: provider.name })}
          </a>
        </li>
      ))}
    </ul>
  );
}

export function LoginForm({
  next,
  providers = [],
  passwordLoginEnabled = true,
  step = 'password',
  error = null,
}: {
  /** The page's `next`, already made safe. */
  next: string;
  /** The enabled identity providers, one "Continue with …" each. */
  providers?: readonly PublicIdentityProvider[];
  passwordLoginEnabled?: boolean;
  /** `mfa`: a sign-in through a provider came back for the second factor (its cookie is set). */
  step?: 'password' | 'mfa';
  /** The rosterCode of a failed sign-in through a provider (`?error=`), worded by its code. */
  error?: string | null;
}) {
  const t = useTranslations('auth.login');
  const router = useRouter();
  const utils = trpc.useUtils();
  const codeText = useCodeText();
  const [mfa, setMfa] = useState(step === 'mfa');
  const [returned, setReturned] = useState(error);
  // Regular users sign in through a provider; administrators can still use their password.
  const passwordBehindToggle = !passwordLoginEnabled && providers.length > 0;
  const [showPassword, setShowPassword] = useState(!passwordBehindToggle);

  const finish = async () => {
    await utils.invalidate();
    router.replace(safeNextPath(next));
    router.refresh();
  };

  const form = useForm({
    mutation: trpc.auth.login.useMutation(),
    schema: SignIn,
    labels: { username: t('usernameOrEmail') },
    onSuccess: async (result) => {
      if (result.status === 'mfa_required') setMfa(true);
      else await finish();
    },
  });

  if (mfa) {
    return (
      <MfaStep
        onDone={finish}
        onRestart={() => {
          setMfa(false);
          setReturned(null);
          // Drop `step=mfa` from the address, so that a reload starts from the first step too.
          if (step === 'mfa') router.replace(`/login?next=${encodeURIComponent(next)}`);
        }}
      />
    );
  }

  const returnedText = codeText(returned);

  return (
    <div className="stack">
      {returnedText ? <Alert tone="error">{returnedText}</Alert> : null}
      {passwordBehindToggle ? <ProviderLinks providers={providers} next={next} /> : null}
      {showPassword ? (
        <>
          {passwordBehindToggle ? <p className="login-or">{t('or')}</p> : null}
          <form
            className="form"
            onSubmit={(event) => {
              setReturned(null);
              form.onSubmit((data) => ({
                username: formText(data, 'username'),
                password: formText(data, 'password'),
              }))(event);
            }}
            noValidate
          >
            <TextField
              label={t('usernameOrEmail')}
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              required
              autoFocus
              error={form.fields.username}
            />
            <TextField
              label={t('password')}
              name="password"
              type="password"
              autoComplete="current-password"
              required
              error={form.fields.password}
              hint={<Link href="/forgot-password">{t('forgotPassword')}</Link>}
            />
            {form.formError ? <Alert tone="error">{form.formError}</Alert> : null}
            <Button type="submit" block loading={form.pending}>
              {t('submit')}
            </Button>
          </form>
        </>
      ) : (
        <Button
          variant="ghost"
          block
          onClick={() => {
            setShowPassword(true);
          }}
        >
          {t('showPassword')}
        </Button>
      )}
      {!passwordBehindToggle && providers.length > 0 ? (
        <>
          <p className="login-or">{t('or')}</p>
          <ProviderLinks providers={providers} next={next} />
        </>
      ) : null}
    </div>
  );
}
