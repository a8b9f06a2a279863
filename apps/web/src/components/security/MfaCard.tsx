'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Alert } from '../Alert';
import { Button } from '../Button';
import { TextField } from '../Field';
import { SignInAgain } from '../SignInAgain';
import { Loading } from '../Spinner';
import { BackupCodes } from './BackupCodes';
import { formText } from '@/lib/forms';
import { splitSignInAgain } from '@/lib/step-up';
import { trpc } from '@/lib/trpc';
import { type FormMutation, useForm } from '@/lib/use-form';
import { useMe } from '@/lib/use-me';
import './mfa.css';

type Setup = { secret: string; otpauthUrl: string; qrCodeDataUrl: string };

/** The password, which an account without one (made through a provider) leaves out. */
function readPassword(data: FormData, hasPassword: boolean): { password?: string } {
  return hasPassword ? { password: formText(data, 'password') } : {};
}

/** The password field of these forms, which an account without a password does not show. */
function PasswordField({ label, error }: { label: string; error: string | undefined }) {
  const { hasPassword } = useMe();
  if (!hasPassword) return null;
  return (
    <TextField
      label={label}
      name="password"
      type="password"
      autoComplete="current-password"
      required
      error={error}
    />
  );
}

function useRefresh() {
  const utils = trpc.useUtils();
  return async () => {
    await Promise.all([
      utils.mfa.status.invalidate(),
      utils.me.get.invalidate(),
      utils.me.securityEvents.invalidate(),
    ]);
  };
}

/**
 * Password and code, for turning MFA off or replacing the backup codes; the code alone for an
 * account without a password.
 */
function ConfirmForm<TResult>({
  label,
  variant,
  mutation,
  onDone,
  onCancel,
}: {
  label: string;
  variant: 'primary' | 'danger';
  mutation: FormMutation<{ password?: string; code: string }, TResult>;
  onDone: (result: TResult) => Promise<void>;
  onCancel: () => void;
}) {
  const t = useTranslations('security.mfa.confirm');
  const { hasPassword } = useMe();
  const form = useForm({ mutation, labels: { code: t('code') }, onSuccess: onDone });
  const { signInAgain, formError } = splitSignInAgain(form);
  return (
    <form
      className="form"
      onSubmit={form.onSubmit((data) => ({
        ...readPassword(data, hasPassword),
        code: formText(data, 'code'),
      }))}
      noValidate
    >
      <SignInAgain message={signInAgain} />
      <div className="form-grid">
        <PasswordField label={t('password')} error={form.fields.password} />
        <TextField
          label={t('code')}
          name="code"
          autoComplete="one-time-code"
          spellCheck={false}
          required
          hint={t('codeHint')}
          error={form.fields.code}
        />
      </div>
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <div className="form-actions">
        <Button type="submit" variant={variant} loading={form.pending}>
          {label}
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          {t('cancel')}
        </Button>
      </div>
    </form>
  );
}

/**
 * The new secret's QR code, then its first code and the password; an account without a password
 * gives the code alone, within minutes of signing in at its provider.
 */
function Enrolment({ setup, onEnabled }: { setup: Setup; onEnabled: (codes: string[]) => void }) {
  const t = useTranslations('security.mfa.enrol');
  const { hasPassword } = useMe();
  const form = useForm({
    mutation: trpc.mfa.enable.useMutation(),
    labels: { code: t('code') },
    onSuccess: (result) => {
      onEnabled(result.backupCodes);
    },
  });
  const { signInAgain, formError } = splitSignInAgain(form);
  return (
    <div className="stack">
      <div className="mfa-setup">
        {/* A data: URL made by the server; nothing to optimise. */}
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img className="qr-code" src={setup.qrCodeDataUrl} alt={t('qrCodeAlt')} />
        <ol className="stack" style={{ margin: 0, paddingLeft: '1.2rem' }}>
          <li>{t('openApp')}</li>
          <li>
            {t.rich('scanOrType', {
              secret: setup.secret,
              key: (chunks) => (
                <code className="secret" data-testid="mfa-secret">
                  {chunks}
                </code>
              ),
            })}
          </li>
          <li>{hasPassword ? t('enterCode') : t('enterCodeOnly')}</li>
        </ol>
      </div>
      <form
        className="form"
        onSubmit={form.onSubmit((data) => ({
          code: formText(data, 'code').replace(/\s/g, ''),
          ...readPassword(data, hasPassword),
        }))}
        noValidate
      >
        <SignInAgain message={signInAgain} />
        <div className="form-grid">
          <TextField
            label={t('code')}
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            required
            maxLength={8}
            error={form.fields.code}
          />
          <PasswordField label={t('password')} error={form.fields.password} />
        </div>
        {hasPassword ? null : <p className="hint">{t('noPassword')}</p>}
        {formError ? <Alert tone="error">{formError}</Alert> : null}
        <div className="form-actions">
          <Button type="submit" loading={form.pending}>
            {t('submit')}
          </Button>
        </div>
      </form>
    </div>
  );
}

export function MfaCard() {
  const t = useTranslations('security.mfa');
  const status = trpc.mfa.status.useQuery();
  const disable = trpc.mfa.disable.useMutation();
  const regenerate = trpc.mfa.regenerateBackupCodes.useMutation();
  const refresh = useRefresh();
  const [setup, setSetup] = useState<Setup | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [action, setAction] = useState<'disable' | 'regenerate' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // Nothing is turned on yet: the server only makes the secret that the next step confirms.
  const start = useForm({
    mutation: trpc.mfa.setup.useMutation(),
    fields: [],
    onSuccess: setSetup,
  });

  const body = () => {
    if (codes) {
      return (
        <BackupCodes
          codes={codes}
          onDone={() => {
            setCodes(null);
          }}
        />
      );
    }
    if (!status.data) return <Loading />;
    if (!status.data.enabled) {
      if (setup) {
        return (
          <Enrolment
            setup={setup}
            onEnabled={(backupCodes) => {
              setSetup(null);
              setCodes(backupCodes);
              setNotice(t('enabled'));
              void refresh();
            }}
          />
        );
      }
      return (
        <div className="stack">
          <p>
            {t.rich('statusOff', { status: (chunks) => <strong>{chunks}</strong> })} {t('offLede')}
          </p>
          {start.formError ? <Alert tone="error">{start.formError}</Alert> : null}
          <div className="form-actions">
            <Button
              loading={start.pending}
              onClick={() => {
                setNotice(null);
                void start.submit();
              }}
            >
              {t('setUp')}
            </Button>
          </div>
        </div>
      );
    }
    return (
      <div className="stack">
        <p>
          {t.rich('statusOn', { status: (chunks) => <span className="status-on">{chunks}</span> })}{' '}
          {t.rich(status.data.backupCodesRemaining <= 3 ? 'backupCodesLow' : 'backupCodesLeft', {
            count: status.data.backupCodesRemaining,
            remaining: (chunks) => <strong data-testid="backup-codes-remaining">{chunks}</strong>,
          })}
        </p>
        {action === 'regenerate' ? (
          <ConfirmForm
            label={t('confirm.regenerate')}
            variant="primary"
            mutation={regenerate}
            onCancel={() => {
              setAction(null);
            }}
            onDone={async (result) => {
              setAction(null);
              setCodes(result.backupCodes);
              setNotice(t('regenerated'));
              await refresh();
            }}
          />
        ) : action === 'disable' ? (
          <ConfirmForm
            label={t('confirm.disable')}
            variant="danger"
            mutation={disable}
            onCancel={() => {
              setAction(null);
            }}
            onDone={async () => {
              setAction(null);
              setNotice(t('disabled'));
              await refresh();
            }}
          />
        ) : (
          <div className="form-actions">
            <Button
              variant="secondary"
              onClick={() => {
                setNotice(null);
                setAction('regenerate');
              }}
            >
              {t('regenerate')}
            </Button>
            <Button
              variant="danger"
              onClick={() => {
                setNotice(null);
                setAction('disable');
              }}
            >
              {t('turnOff')}
            </Button>
          </div>
        )}
      </div>
    );
  };

  return (
    <section className="card" aria-labelledby="mfa-heading">
      <div className="card-header">
        <h2 id="mfa-heading">{t('title')}</h2>
        <p>{t('lede')}</p>
      </div>
      {notice ? (
        <div style={{ marginBottom: '1rem' }}>
          <Alert tone="success">{notice}</Alert>
        </div>
      ) : null}
      {body()}
    </section>
  );
}
