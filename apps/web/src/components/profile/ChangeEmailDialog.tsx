'use client';

import { Email, type StepUp } from '@roster/users/schemas';
import { useTranslations } from 'next-intl';
import { z } from 'zod';
import { Alert } from '../Alert';
import { Button } from '../Button';
import { Dialog } from '../Dialog';
import { TextField } from '../Field';
import { SignInAgain } from '../SignInAgain';
import { StepUpFields } from '../StepUpFields';
import { formText } from '@/lib/forms';
import { readStepUp, splitSignInAgain, STEP_UP_RENAME, stepUpInputs } from '@/lib/step-up';
import { trpc } from '@/lib/trpc';
import { useForm } from '@/lib/use-form';
import { useMe } from '@/lib/use-me';

// The address is checked here; the password and code only by the server, which counts failures.
const ChangeEmail = z.object({ email: Email, stepUp: z.custom<StepUp>() });

export type EmailChangeOutcome = { status: 'changed' | 'confirmation_sent'; email: string };

/**
 * Changing the address needs the current password (and a code when MFA is on): a session cookie
 * alone must not be enough to move the account elsewhere. An account without a password gives
 * the code alone, or nothing within minutes of signing in at its provider.
 */
export function ChangeEmailDialog({
  open,
  onClose,
  onChanged,
}: {
  open: boolean;
  onClose: () => void;
  onChanged: (outcome: EmailChangeOutcome) => void;
}) {
  const t = useTranslations('profile.changeEmail');
  const me = useMe();
  const utils = trpc.useUtils();
  const form = useForm({
    mutation: trpc.me.changeEmail.useMutation(),
    schema: ChangeEmail,
    // The password and code are asked for here as plain inputs; the API nests them in `stepUp`.
    rename: STEP_UP_RENAME,
    labels: {
      email: t('newEmail'),
      'stepUp.password': t('currentPassword'),
      'stepUp.code': t('code'),
    },
    fields: ['email', ...stepUpInputs(me)],
    onSuccess: async (result, input) => {
      await utils.me.get.invalidate();
      await utils.me.securityEvents.invalidate();
      onChanged({ status: result.status, email: input.email });
      onClose();
    },
  });

  const { signInAgain, formError } = splitSignInAgain(form);

  const close = () => {
    form.reset();
    onClose();
  };

  return (
    <Dialog open={open} onClose={close} title={t('title')} description={t('description')}>
      <form
        className="form"
        onSubmit={form.onSubmit((data) => ({
          email: formText(data, 'email'),
          stepUp: readStepUp(data, me),
        }))}
        noValidate
      >
        <SignInAgain message={signInAgain} />
        <TextField
          label={t('newEmail')}
          name="email"
          type="email"
          autoComplete="email"
          required
          maxLength={250}
          autoFocus
          error={form.fields.email}
        />
        <StepUpFields
          mfaEnabled={me.mfaEnabled}
          hasPassword={me.hasPassword}
          errors={form.fields}
          text={{
            password: t('currentPassword'),
            passwordHint: t('currentPasswordHint'),
            code: t('code'),
            codeHint: t('codeHint'),
            noPassword: t('noPassword'),
          }}
        />
        {formError ? <Alert tone="error">{formError}</Alert> : null}
        <div className="form-actions dialog-actions">
          <Button variant="secondary" onClick={close}>
            {t('cancel')}
          </Button>
          <Button type="submit" loading={form.pending}>
            {t('submit')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
