'use client';

import type { StepUp } from '@roster/users/schemas';
import { Alert } from './Alert';
import { Button } from './Button';
import { SignInAgain } from './SignInAgain';
import { StepUpFields, type StepUpText, useStepUpLabels } from './StepUpFields';
import { readStepUp, splitSignInAgain, STEP_UP_RENAME, stepUpInputs } from '@/lib/step-up';
import { type FormMutation, useForm } from '@/lib/use-form';
import { useMe } from '@/lib/use-me';

/**
 * A dialog's whole form when an action needs nothing but the step-up (unlinking a provider,
 * removing a passkey, an admin resetting second factors): the signed-in account's password, and
 * a code when MFA is on; an account without a password gives the code alone, or nothing within
 * minutes of signing in at its provider. The API nests them in `stepUp`.
 */
export function StepUpForm<TResult>({
  submitLabel,
  cancelLabel,
  variant,
  mutation,
  onDone,
  onCancel,
  text,
}: {
  submitLabel: string;
  cancelLabel: string;
  variant: 'primary' | 'danger';
  mutation: FormMutation<{ stepUp: StepUp }, TResult>;
  /** Still pending while it runs (a link hands the page over to a provider). */
  onDone: (result: TResult) => Promise<void> | void;
  onCancel: () => void;
  /** The inputs' words, when not the shared ones. */
  text?: StepUpText;
}) {
  const me = useMe();
  const shared = useStepUpLabels();
  const labels = text ? { 'stepUp.password': text.password, 'stepUp.code': text.code } : shared;
  const form = useForm({
    mutation,
    rename: STEP_UP_RENAME,
    labels,
    fields: stepUpInputs(me),
    onSuccess: onDone,
  });
  const { signInAgain, formError } = splitSignInAgain(form);
  return (
    <form
      className="form"
      onSubmit={form.onSubmit((data) => ({ stepUp: readStepUp(data, me) }))}
      noValidate
    >
      <SignInAgain message={signInAgain} />
      <StepUpFields
        mfaEnabled={me.mfaEnabled}
        hasPassword={me.hasPassword}
        errors={form.fields}
        autoFocus
        {...(text ? { text } : {})}
      />
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <div className="form-actions dialog-actions">
        <Button variant="secondary" onClick={onCancel}>
          {cancelLabel}
        </Button>
        <Button type="submit" variant={variant} loading={form.pending || form.succeeded}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
