'use client';

import Link from 'next/link';
import { type PublicIdentityProvider, safeNextPath } from '@roster/users/schemas';
import {
  type AuthenticationResponseJSON,
  browserSupportsWebAuthnAutofill,
  startAuthentication,
  WebAuthnAbortService,
} from '@simplewebauthn/browser';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { z } from 'zod';
import { Alert } from '../Alert';
import { Button } from '../Button';
import { TextField } from '../Field';
import { useCodeText } from './code-text';
import { type PasskeyNotice, passkeyNotice, requestOptions, useWebAuthnSupport } from './passkey';
import { useErrorText } from '@/lib/errors';
import { formText } from '@/lib/forms';
import { providerStartPath } from '@/lib/provider-sign-in';
import { trpc } from '@/lib/trpc';
import { useForm } from '@/lib/use-form';
import { type MfaMethods, MfaStep } from './MfaStep';
import './login.css';

// Only "is there anything": the form's labels name the fields in the messages.
const SignIn = z.object({
  username: z.string().trim().min(1),
  password: z.string().min(1),
});

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
            href={providerStartPath(provider.slug, next)}
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
  const errorText = useErrorText();
  const [mfa, setMfa] = useState(step === 'mfa');
  // What the second step accepts; unknown when a provider's sign-in came back for it.
  const [methods, setMethods] = useState<MfaMethods | null>(null);
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
      if (result.status === 'mfa_required') {
        setMethods(result.methods);
        setMfa(true);
      } else await finish();
    },
  });

  // Passkeys: a button that asks the browser for one, and the browser's autofill offering them
  // in the username field (conditional mediation) while the password form is shown.
  const webAuthn = useWebAuthnSupport();
  const passkeyOptions = trpc.auth.passkeyOptions.useMutation();
  const passkeyLogin = trpc.auth.passkeyLogin.useMutation();
  const [passkeyPending, setPasskeyPending] = useState(false);
  const [passkey, setPasskey] = useState<PasskeyNotice | null>(null);
  // Bumped to offer the autofill again after a passkey sign-in that did not go through.
  const [autofillRound, setAutofillRound] = useState(0);
  const stopAutofill = useRef<(() => void) | null>(null);
  const autofill = !mfa && showPassword;

  const passkeyWords = {
    cancelled: t('passkeyCancelled'),
    browser: t('passkeyBrowserFailed'),
  };

  /** The browser's answer, sent: signed in, or the refusal shown. */
  const signInWith = async (response: AuthenticationResponseJSON) => {
    await passkeyLogin.mutateAsync({ response });
    await finish();
  };

  const onAutofillAnswer = useEffectEvent(async (response: AuthenticationResponseJSON) => {
    setReturned(null);
    form.reset();
    setPasskey(null);
    setPasskeyPending(true);
    try {
      await signInWith(response);
    } catch (error) {
      setPasskey(passkeyNotice(error, errorText, passkeyWords));
      setAutofillRound((round) => round + 1);
    } finally {
      setPasskeyPending(false);
    }
  });
  const autofillOptions = useEffectEvent(() => passkeyOptions.mutateAsync());

  useEffect(() => {
    if (!autofill) return;
    const run = new AbortController();
    // A call, not a property: every await below may have changed it.
    const stopped = () => run.signal.aborted;
    const stop = () => {
      if (stopped()) return;
      run.abort();
      WebAuthnAbortService.cancelCeremony();
    };
    stopAutofill.current = stop;
    void (async () => {
      try {
        if (!(await browserSupportsWebAuthnAutofill()) || stopped()) return;
        const optionsJSON = requestOptions(await autofillOptions());
        if (stopped()) return;
        const response = await startAuthentication({ optionsJSON, useBrowserAutofill: true });
        if (!stopped()) await onAutofillAnswer(response);
      } catch {
        // Stopped by the page (an AbortError: the button, leaving), or the browser's autofill not
        // working out: an offer in the background, so nothing to say. The button remains.
      }
    })();
    return () => {
      stop();
      if (stopAutofill.current === stop) stopAutofill.current = null;
    };
  }, [autofill, autofillRound]);

  const signInWithPasskey = async () => {
    // One ceremony at a time: the autofill's offer ends before the browser's dialog opens.
    stopAutofill.current?.();
    setReturned(null);
    form.reset();
    setPasskey(null);
    setPasskeyPending(true);
    try {
      const optionsJSON = requestOptions(await passkeyOptions.mutateAsync());
      const response = await startAuthentication({ optionsJSON });
      await signInWith(response);
    } catch (error) {
      setPasskey(passkeyNotice(error, errorText, passkeyWords));
      setAutofillRound((round) => round + 1);
    } finally {
      setPasskeyPending(false);
    }
  };

  if (mfa) {
    return (
      <MfaStep
        methods={methods}
        onDone={finish}
        onRestart={() => {
          setMfa(false);
          setMethods(null);
          setReturned(null);
          setPasskey(null);
          // Drop `step=mfa` from the address, so that a reload starts from the first step too.
          if (step === 'mfa') router.replace(`/login?next=${encodeURIComponent(next)}`);
        }}
      />
    );
  }

  const returnedText = codeText(returned);
  const passkeyButton = webAuthn ? (
    <Button
      variant="secondary"
      block
      loading={passkeyPending}
      disabled={form.pending}
      data-testid="passkey-sign-in"
      onClick={() => {
        void signInWithPasskey();
      }}
    >
      {t('passkey')}
    </Button>
  ) : null;
  // The ways in besides the password: a passkey, then each identity provider.
  const otherWays =
    passkeyButton || providers.length > 0 ? (
      <div className="login-ways">
        {passkeyButton}
        {providers.length > 0 ? <ProviderLinks providers={providers} next={next} /> : null}
      </div>
    ) : null;
  // A passkey's outcome is said where the form says its own; above, while the form is hidden.
  const formAlert = form.formError ? { tone: 'error' as const, text: form.formError } : passkey;

  return (
    <div className="stack">
      {returnedText ? <Alert tone="error">{returnedText}</Alert> : null}
      {!showPassword && passkey ? <Alert tone={passkey.tone}>{passkey.text}</Alert> : null}
      {passwordBehindToggle ? otherWays : null}
      {showPassword ? (
        <>
          {passwordBehindToggle ? <p className="login-or">{t('or')}</p> : null}
          <form
            className="form"
            onSubmit={(event) => {
              setReturned(null);
              setPasskey(null);
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
              // `webauthn`: the browser may offer the account's passkeys in this field's autofill.
              autoComplete="username webauthn"
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
            {formAlert ? <Alert tone={formAlert.tone}>{formAlert.text}</Alert> : null}
            <Button type="submit" block loading={form.pending} disabled={passkeyPending}>
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
      {!passwordBehindToggle && otherWays ? (
        <>
          <p className="login-or">{t('or')}</p>
          {otherWays}
        </>
      ) : null}
    </div>
  );
}
