'use client';

import { useState } from 'react';
import { Alert } from '../Alert';
import { Button } from '../Button';
import { TextField } from '../Field';
import { Loading } from '../Spinner';
import { BackupCodes } from './BackupCodes';
import { formText } from '@/lib/forms';
import { trpc } from '@/lib/trpc';
import { type FormMutation, useForm } from '@/lib/use-form';
import './mfa.css';

type Setup = { secret: string; otpauthUrl: string; qrCodeDataUrl: string };

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

/** Password and code, for turning MFA off or replacing the backup codes. */
function ConfirmForm<TResult>({
  label,
  variant,
  mutation,
  onDone,
  onCancel,
}: {
  label: string;
  variant: 'primary' | 'danger';
  mutation: FormMutation<{ password: string; code: string }, TResult>;
  onDone: (result: TResult) => Promise<void>;
  onCancel: () => void;
}) {
  const form = useForm({ mutation, onSuccess: onDone });
  return (
    <form
      className="form"
      onSubmit={form.onSubmit((data) => ({
        password: formText(data, 'password'),
        code: formText(data, 'code'),
      }))}
      noValidate
    >
      <div className="form-grid">
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          error={form.fields.password}
        />
        <TextField
          label="Authentication code"
          name="code"
          autoComplete="one-time-code"
          spellCheck={false}
          required
          hint="From your app, or a backup code."
          error={form.fields.code}
        />
      </div>
      {form.formError ? <Alert tone="error">{form.formError}</Alert> : null}
      <div className="form-actions">
        <Button type="submit" variant={variant} loading={form.pending}>
          {label}
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function Enrolment({ setup, onEnabled }: { setup: Setup; onEnabled: (codes: string[]) => void }) {
  const form = useForm({
    mutation: trpc.mfa.enable.useMutation(),
    onSuccess: (result) => {
      onEnabled(result.backupCodes);
    },
  });
  return (
    <div className="stack">
      <div className="mfa-setup">
        {/* A data: URL made by the server; nothing to optimise. */}
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img
          className="qr-code"
          src={setup.qrCodeDataUrl}
          alt="QR code to scan with your authenticator app"
        />
        <ol className="stack" style={{ margin: 0, paddingLeft: '1.2rem' }}>
          <li>
            Open an authenticator app (for example Aegis, 2FAS, Google Authenticator or 1Password).
          </li>
          <li>
            Scan the QR code, or enter this key by hand:{' '}
            <code className="secret" data-testid="mfa-secret">
              {setup.secret}
            </code>
          </li>
          <li>Enter the 6-digit code the app shows, and your password.</li>
        </ol>
      </div>
      <form
        className="form"
        onSubmit={form.onSubmit((data) => ({
          code: formText(data, 'code').replace(/\s/g, ''),
          password: formText(data, 'password'),
        }))}
        noValidate
      >
        <div className="form-grid">
          <TextField
            label="Code from the app"
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            required
            maxLength={8}
            error={form.fields.code}
          />
          <TextField
            label="Password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            error={form.fields.password}
          />
        </div>
        {form.formError ? <Alert tone="error">{form.formError}</Alert> : null}
        <div className="form-actions">
          <Button type="submit" loading={form.pending}>
            Turn on two-factor authentication
          </Button>
        </div>
      </form>
    </div>
  );
}

export function MfaCard() {
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
              setNotice('Two-factor authentication is on.');
              void refresh();
            }}
          />
        );
      }
      return (
        <div className="stack">
          <p>
            Status: <strong>Off</strong>. Add a code from your phone to every sign-in, so that a
            stolen password is not enough.
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
              Set up two-factor authentication
            </Button>
          </div>
        </div>
      );
    }
    return (
      <div className="stack">
        <p>
          Status: <span className="status-on">On</span>. Backup codes left:{' '}
          <strong data-testid="backup-codes-remaining">{status.data.backupCodesRemaining}</strong>
          {status.data.backupCodesRemaining <= 3 ? ' — consider making new ones.' : '.'}
        </p>
        {action === 'regenerate' ? (
          <ConfirmForm
            label="Make new backup codes"
            variant="primary"
            mutation={regenerate}
            onCancel={() => {
              setAction(null);
            }}
            onDone={async (result) => {
              setAction(null);
              setCodes(result.backupCodes);
              setNotice('New backup codes replace the old ones.');
              await refresh();
            }}
          />
        ) : action === 'disable' ? (
          <ConfirmForm
            label="Turn off two-factor authentication"
            variant="danger"
            mutation={disable}
            onCancel={() => {
              setAction(null);
            }}
            onDone={async () => {
              setAction(null);
              setNotice('Two-factor authentication is off.');
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
              Make new backup codes
            </Button>
            <Button
              variant="danger"
              onClick={() => {
                setNotice(null);
                setAction('disable');
              }}
            >
              Turn off
            </Button>
          </div>
        )}
      </div>
    );
  };

  return (
    <section className="card" aria-labelledby="mfa-heading">
      <div className="card-header">
        <h2 id="mfa-heading">Two-factor authentication</h2>
        <p>A time-based code from an authenticator app, asked for after your password.</p>
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
