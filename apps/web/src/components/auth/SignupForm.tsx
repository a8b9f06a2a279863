'use client';

import { languageOfTag, type PasswordPolicy, UsersSignup } from '@roster/users/schemas';
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { Alert } from '../Alert';
import { Button } from '../Button';
import { formText } from '@/lib/forms';
import { trpc } from '@/lib/trpc';
import { useForm } from '@/lib/use-form';
import { AccountFields } from './AccountFields';

type SignupOutcome = {
  status: 'active' | 'pending';
  emailVerificationRequired: boolean;
  adminApprovalRequired: boolean;
};

function NextSteps({ outcome, email }: { outcome: SignupOutcome; email: string }) {
  const t = useTranslations('auth.signup');
  if (outcome.status === 'active') {
    return (
      <div className="stack">
        <Alert tone="success">{t('ready')}</Alert>
        <Link className="button button-primary button-block" href="/login">
          {t('continue')}
        </Link>
      </div>
    );
  }
  return (
    <div className="stack">
      <Alert tone="success" title={t('thanks')}>
        {outcome.emailVerificationRequired ? t('sentLink', { email }) : t('adminReview')}
      </Alert>
      <ol className="muted">
        {outcome.emailVerificationRequired ? <li>{t('stepConfirm')}</li> : null}
        {outcome.adminApprovalRequired ? <li>{t('stepApproval')}</li> : null}
        <li>{t('stepSignIn')}</li>
      </ol>
      {outcome.emailVerificationRequired ? (
        <p className="muted">
          {t.rich('noEmail', {
            link: (chunks) => <Link href="/verify-email">{chunks}</Link>,
          })}
        </p>
      ) : null}
    </div>
  );
}

// Only what the form asks for, and the language it is shown in: the API fills in the rest.
const SignupValues = UsersSignup.pick({
  name: true,
  username: true,
  email: true,
  password: true,
  preferredLanguage: true,
});

export function SignupForm({ policy }: { policy: PasswordPolicy }) {
  const t = useTranslations('auth.signup');
  // The account records the language its form was shown in.
  const language = languageOfTag(useLocale());
  const [done, setDone] = useState<{ outcome: SignupOutcome; email: string } | null>(null);
  const form = useForm({
    mutation: trpc.auth.signup.useMutation(),
    schema: SignupValues,
    messages: { SIGNUP_CONFLICT: t('conflict') },
    onSuccess: (outcome, input) => {
      setDone({ outcome, email: input.email });
    },
  });

  if (done) return <NextSteps outcome={done.outcome} email={done.email} />;

  return (
    <form
      className="form"
      onSubmit={form.onSubmit((data) => ({
        name: formText(data, 'name'),
        username: formText(data, 'username'),
        email: formText(data, 'email'),
        password: formText(data, 'password'),
        ...(language ? { preferredLanguage: language } : {}),
      }))}
      noValidate
    >
      <AccountFields errors={form.fields} policy={policy} />
      {form.formError ? <Alert tone="error">{form.formError}</Alert> : null}
      <Button type="submit" block loading={form.pending}>
        {t('submit')}
      </Button>
    </form>
  );
}
