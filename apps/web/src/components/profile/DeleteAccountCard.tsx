'use client';

import { DeleteAccountInput } from '@roster/users/schemas';
import { useTranslations } from 'next-intl';
import { Alert } from '../Alert';
import { Button } from '../Button';
import { TextField } from '../Field';
import { SignInAgain } from '../SignInAgain';
import { StepUpFields, useStepUpLabels } from '../StepUpFields';
import { formText } from '@/lib/forms';
import { readStepUp, splitSignInAgain, STEP_UP_RENAME, stepUpInputs } from '@/lib/step-up';
import { trpc } from '@/lib/trpc';
import { useForm } from '@/lib/use-form';
import { useMe } from '@/lib/use-me';
import './account-data.css';

/** What goes with the account, in the order a person thinks of it. */
const LOST = ['profile', 'sessions', 'activity', 'signIn'] as const;

/**
 * "Delete my account": says what is lost for good, then asks for the step-up and the username
 * typed again. Done, the server has ended the session; the page goes to the sign-in page, which
 * says the account is gone.
 */
export function DeleteAccountCard() {
  const t = useTranslations('profile.deleteAccount');
  const me = useMe();
  const inputs = stepUpInputs(me);
  const stepUpLabels = useStepUpLabels();
  const form = useForm({
    mutation: trpc.me.deleteAccount.useMutation(),
    schema: DeleteAccountInput,
    rename: STEP_UP_RENAME,
    labels: {
      username: t('usernameField'),
      ...stepUpLabels,
    },
    // Said in the words of one's own account, not of an administrator deleting someone.
    messages: { LAST_ADMIN: t('lastAdmin') },
    fields: [...inputs, 'username'],
    onSuccess: () => {
      // A full load: nothing of the signed-in page, its cache included, outlives the account.
      window.location.assign('/login?deleted=1');
    },
  });
  const { signInAgain, formError } = splitSignInAgain(form);

  return (
    <section className="card danger-zone" aria-labelledby="delete-account-title">
      <div className="card-header">
        <h2 id="delete-account-title">{t('title')}</h2>
        <p>{t('description')}</p>
      </div>
      <ul className="delete-account-lost">
        {LOST.map((item) => (
          <li key={item}>{t(`lost.${item}`)}</li>
        ))}
      </ul>
      <p className="delete-account-final">{t('final')}</p>
      <form
        className="form"
        onSubmit={form.onSubmit((data) => ({
          stepUp: readStepUp(data, me),
          username: formText(data, 'username'),
        }))}
        noValidate
      >
        <SignInAgain message={signInAgain} />
        <StepUpFields
          mfaEnabled={me.mfaEnabled}
          hasPassword={me.hasPassword}
          errors={form.fields}
        />
        <TextField
          label={t.rich('username', {
            username: me.username,
            strong: (chunks) => <strong>{chunks}</strong>,
          })}
          name="username"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          required
          maxLength={250}
          error={form.fields.username}
        />
        {formError ? <Alert tone="error">{formError}</Alert> : null}
        <div className="form-actions">
          <Button type="submit" variant="danger" loading={form.pending || form.succeeded}>
            {t('submit')}
          </Button>
        </div>
      </form>
    </section>
  );
}
