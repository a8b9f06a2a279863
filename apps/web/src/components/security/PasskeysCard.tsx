'use client';

import { type PasskeyRead, PasskeyName, RenamePasskeyInput, StepUp } from '@roster/users/schemas';
import { startRegistration, WebAuthnAbortService } from '@simplewebauthn/browser';
import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { z } from 'zod';
import { Alert } from '../Alert';
import { Button } from '../Button';
import { Dialog } from '../Dialog';
import { TextField } from '../Field';
import { SignInAgain } from '../SignInAgain';
import { StepUpFields, useStepUpLabels } from '../StepUpFields';
import { StepUpForm } from '../StepUpForm';
import {
  creationOptions,
  type PasskeyNotice,
  passkeyNotice,
  useWebAuthnSupport,
} from '../auth/passkey';
import { useErrorText } from '@/lib/errors';
import { useDateTime } from '@/lib/format';
import { formText } from '@/lib/forms';
import { readStepUp, splitSignInAgain, STEP_UP_RENAME, stepUpInputs } from '@/lib/step-up';
import { trpc } from '@/lib/trpc';
import { useForm } from '@/lib/use-form';
import { useMe } from '@/lib/use-me';
import './passkeys.css';

/** What the open dialog is for. */
type Action =
  | { kind: 'add' }
  | { kind: 'rename'; passkey: PasskeyRead }
  | { kind: 'remove'; passkey: PasskeyRead };

type Notice = { tone: 'success' | 'info' | 'error'; text: string };

/** The new passkey's name and the step-up; the API nests the password and code in `stepUp`. */
const AddValues = z.object({ name: PasskeyName, stepUp: StepUp });

/** The lists this card changes: its own, and the security activity below it. */
function useRefresh() {
  const utils = trpc.useUtils();
  return async () => {
    await Promise.all([
      utils.me.passkeys.list.invalidate(),
      utils.me.securityEvents.invalidate(),
      utils.mfa.status.invalidate(),
    ]);
  };
}

/** The step-up inputs of the signed-in account. */
function PasskeyStepUpFields({ errors }: { errors: Readonly<Record<string, string>> }) {
  const me = useMe();
  return <StepUpFields mfaEnabled={me.mfaEnabled} hasPassword={me.hasPassword} errors={errors} />;
}

/**
 * A name and the step-up; then the server's options, the browser's own dialog that makes the
 * passkey, and the passkey stored under that name.
 */
function AddForm({
  onDone,
  onCancel,
}: {
  onDone: (passkey: PasskeyRead) => Promise<void>;
  onCancel: () => void;
}) {
  const t = useTranslations('security.passkeys.add');
  const me = useMe();
  const errorText = useErrorText();
  const stepUpLabels = useStepUpLabels();
  const registrationOptions = trpc.me.passkeys.registrationOptions.useMutation();
  const register = trpc.me.passkeys.register.useMutation();
  // The browser's part failing (a cancel, no authenticator) is not an API error: worded apart.
  const [browserNotice, setBrowserNotice] = useState<PasskeyNotice | null>(null);
  // A dialog closed while the browser still asks for the passkey ends that request too.
  useEffect(
    () => () => {
      WebAuthnAbortService.cancelCeremony();
    },
    [],
  );

  const form = useForm({
    mutation: {
      mutateAsync: async ({ name, stepUp }: z.infer<typeof AddValues>) => {
        setBrowserNotice(null);
        const optionsJSON = creationOptions(await registrationOptions.mutateAsync({ stepUp }));
        let response;
        try {
          response = await startRegistration({ optionsJSON });
        } catch (error) {
          setBrowserNotice(
            passkeyNotice(error, errorText, {
              cancelled: t('cancelled'),
              browser: t('browserFailed'),
              alreadyRegistered: t('alreadyRegistered'),
            }),
          );
          return null;
        }
        return register.mutateAsync({ name, response });
      },
    },
    schema: AddValues,
    rename: STEP_UP_RENAME,
    labels: { name: t('name'), ...stepUpLabels },
    fields: ['name', ...stepUpInputs(me)],
    onSuccess: async (passkey) => {
      if (passkey) await onDone(passkey);
    },
  });
  const { signInAgain, formError } = splitSignInAgain(form);
  const alert = formError ? { tone: 'error' as const, text: formError } : browserNotice;

  return (
    <form
      className="form"
      onSubmit={form.onSubmit((data) => ({
        name: formText(data, 'name'),
        stepUp: readStepUp(data, me),
      }))}
      noValidate
    >
      <SignInAgain message={signInAgain} />
      <TextField
        label={t('name')}
        name="name"
        autoComplete="off"
        required
        autoFocus
        maxLength={100}
        hint={t('nameHint')}
        error={form.fields.name}
      />
      <PasskeyStepUpFields errors={form.fields} />
      {alert ? <Alert tone={alert.tone}>{alert.text}</Alert> : null}
      <div className="form-actions dialog-actions">
        <Button variant="secondary" onClick={onCancel}>
          {t('cancel')}
        </Button>
        <Button type="submit" loading={form.pending}>
          {t('submit')}
        </Button>
      </div>
    </form>
  );
}

/** A new name; no step-up, since a name changes nothing about how the account signs in. */
function RenameForm({
  passkey,
  onDone,
  onCancel,
}: {
  passkey: PasskeyRead;
  onDone: (name: string) => Promise<void>;
  onCancel: () => void;
}) {
  const t = useTranslations('security.passkeys.rename');
  const form = useForm({
    mutation: trpc.me.passkeys.rename.useMutation(),
    schema: RenamePasskeyInput,
    labels: { name: t('name') },
    fields: ['name'],
    onSuccess: (_result, input) => onDone(input.name),
  });
  return (
    <form
      className="form"
      onSubmit={form.onSubmit((data) => ({ id: passkey.id, name: formText(data, 'name') }))}
      noValidate
    >
      <TextField
        label={t('name')}
        name="name"
        autoComplete="off"
        required
        autoFocus
        maxLength={100}
        defaultValue={passkey.name}
        hint={t('nameHint')}
        error={form.fields.name}
      />
      {form.formError ? <Alert tone="error">{form.formError}</Alert> : null}
      <div className="form-actions dialog-actions">
        <Button variant="secondary" onClick={onCancel}>
          {t('cancel')}
        </Button>
        <Button type="submit" loading={form.pending}>
          {t('submit')}
        </Button>
      </div>
    </form>
  );
}

/** The step-up, then the passkey is gone; never the account's last way to sign in. */
function RemoveForm({
  passkey,
  onDone,
  onCancel,
}: {
  passkey: PasskeyRead;
  onDone: () => Promise<void>;
  onCancel: () => void;
}) {
  const t = useTranslations('security.passkeys.remove');
  const remove = trpc.me.passkeys.delete.useMutation();
  return (
    <StepUpForm
      submitLabel={t('submit')}
      cancelLabel={t('cancel')}
      variant="danger"
      mutation={{ mutateAsync: ({ stepUp }) => remove.mutateAsync({ id: passkey.id, stepUp }) }}
      onDone={onDone}
      onCancel={onCancel}
    />
  );
}

/**
 * Passkeys (WebAuthn): signing in with the device's fingerprint, face or screen lock. Lists the
 * account's passkeys, adds one after a step-up, renames and removes them.
 */
export function PasskeysCard({ initialPasskeys }: { initialPasskeys: PasskeyRead[] }) {
  const t = useTranslations('security.passkeys');
  const formatDateTime = useDateTime();
  const refresh = useRefresh();
  const supported = useWebAuthnSupport();
  const passkeys = trpc.me.passkeys.list.useQuery(undefined, { initialData: initialPasskeys });
  const [action, setAction] = useState<Action | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);

  const close = () => {
    setAction(null);
  };
  const open = (next: Action) => {
    setNotice(null);
    setAction(next);
  };

  const dialog = () => {
    if (action?.kind === 'add') {
      return {
        title: t('add.title'),
        description: t('add.description'),
        form: (
          <AddForm
            onDone={async (passkey) => {
              await refresh();
              setAction(null);
              setNotice({ tone: 'success', text: t('added', { name: passkey.name }) });
            }}
            onCancel={close}
          />
        ),
      };
    }
    if (action?.kind === 'rename') {
      const { passkey } = action;
      return {
        title: t('rename.title', { name: passkey.name }),
        description: undefined,
        form: (
          <RenameForm
            key={`rename-${String(passkey.id)}`}
            passkey={passkey}
            onDone={async (name) => {
              await refresh();
              setAction(null);
              setNotice({ tone: 'success', text: t('renamed', { name }) });
            }}
            onCancel={close}
          />
        ),
      };
    }
    if (action?.kind === 'remove') {
      const { passkey } = action;
      return {
        title: t('remove.title', { name: passkey.name }),
        description: t('remove.description'),
        form: (
          <RemoveForm
            key={`remove-${String(passkey.id)}`}
            passkey={passkey}
            onDone={async () => {
              await refresh();
              setAction(null);
              setNotice({ tone: 'success', text: t('removed', { name: passkey.name }) });
            }}
            onCancel={close}
          />
        ),
      };
    }
    return null;
  };
  const current = dialog();
  const list = passkeys.data;

  return (
    <section className="card" aria-labelledby="passkeys-heading">
      <div className="card-header">
        <h2 id="passkeys-heading">{t('title')}</h2>
        <p>{t('lede')}</p>
      </div>
      {notice ? (
        <div className="passkeys-notice">
          <Alert tone={notice.tone}>{notice.text}</Alert>
        </div>
      ) : null}
      {list.length === 0 ? (
        <p className="muted">{t('empty')}</p>
      ) : (
        <ul className="passkey-list">
          {list.map((passkey) => (
            <li key={passkey.id} data-testid="passkey">
              <div className="passkey-main">
                <p className="passkey-name">
                  <strong>{passkey.name}</strong>
                  {passkey.backedUp ? (
                    <span className="badge" title={t('syncedHint')}>
                      {t('synced')}
                    </span>
                  ) : null}
                </p>
                <p className="meta-line passkey-dates">
                  <span>{t('createdAt', { date: formatDateTime(passkey.createdAt) })}</span>
                  <span>
                    {passkey.lastUsedAt === null
                      ? t('notUsed')
                      : t('lastUsedAt', { date: formatDateTime(passkey.lastUsedAt) })}
                  </span>
                </p>
              </div>
              <div className="passkey-actions">
                <Button
                  variant="secondary"
                  small
                  aria-label={t('renameLabel', { name: passkey.name })}
                  onClick={() => {
                    open({ kind: 'rename', passkey });
                  }}
                >
                  {t('renameButton')}
                </Button>
                <Button
                  variant="secondary"
                  small
                  aria-label={t('removeLabel', { name: passkey.name })}
                  onClick={() => {
                    open({ kind: 'remove', passkey });
                  }}
                >
                  {t('removeButton')}
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {supported === false ? (
        <p className="muted passkeys-add">{t('unsupported')}</p>
      ) : supported ? (
        <div className="form-actions passkeys-add">
          <Button
            variant="secondary"
            onClick={() => {
              open({ kind: 'add' });
            }}
          >
            {t('addButton')}
          </Button>
        </div>
      ) : null}
      <Dialog
        open={current !== null}
        onClose={close}
        title={current?.title ?? ''}
        description={current?.description}
      >
        {current?.form}
      </Dialog>
    </section>
  );
}
