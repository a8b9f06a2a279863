'use client';

import type { UsersRead } from '@roster/users/schemas';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Alert } from '../Alert';
import { Button } from '../Button';
import { Dialog } from '../Dialog';
import { Loading } from '../Spinner';
import { StepUpForm } from '../StepUpForm';
import { SecurityEventSummary } from '../security/ActivityCard';
import { useSignedOutRedirect } from './use-signed-out-redirect';
import { useErrorText } from '@/lib/errors';
import { trpc } from '@/lib/trpc';
import './second-factors-card.css';

/** The security events shown here: the latest few; the full log is the admin API's. */
const RECENT_EVENTS = 10;

/**
 * The admin's own step-up (their password, and their code when their MFA is on), asked before
 * the user's second factors go: a session cookie alone must not be enough to take them away.
 */
function ResetForm({
  user,
  onDone,
  onCancel,
}: {
  user: UsersRead;
  onDone: () => Promise<void> | void;
  onCancel: () => void;
}) {
  const t = useTranslations('admin.secondFactors.reset');
  const reset = trpc.admin.users.resetSecondFactors.useMutation();
  return (
    <StepUpForm
      submitLabel={t('submit')}
      cancelLabel={t('cancel')}
      variant="danger"
      mutation={{ mutateAsync: ({ stepUp }) => reset.mutateAsync({ id: user.id, stepUp }) }}
      onDone={onDone}
      onCancel={onCancel}
      text={{
        password: t('password'),
        passwordHint: t('passwordHint'),
        code: t('code'),
        codeHint: t('codeHint'),
      }}
    />
  );
}

/** The latest entries of the user's security log, worded as on their own security page. */
function RecentActivity({ user }: { user: UsersRead }) {
  const t = useTranslations('admin.secondFactors.activity');
  const errorText = useErrorText();
  const events = trpc.admin.securityEvents.list.useQuery({
    userId: user.id,
    limit: RECENT_EVENTS,
  });
  return (
    <div className="second-factors-activity">
      <h3 id="second-factors-activity-title">{t('title')}</h3>
      {events.error ? (
        <Alert tone="error">{errorText.message(events.error)}</Alert>
      ) : !events.data ? (
        <Loading label={t('loading')} />
      ) : events.data.length === 0 ? (
        <p className="muted">{t('empty')}</p>
      ) : (
        <ul className="second-factors-events" aria-labelledby="second-factors-activity-title">
          {events.data.map((event) => (
            <li key={event.id} data-testid="admin-security-event">
              <SecurityEventSummary event={event} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * For a person who lost their device: which second factors the account has (never a secret),
 * its latest security events, and "Reset second factors", which removes them all after the
 * admin's own step-up, signs the person out everywhere and tells them by email.
 */
export function SecondFactorsCard({ user, isMe }: { user: UsersRead; isMe: boolean }) {
  const t = useTranslations('admin.secondFactors');
  const errorText = useErrorText();
  const utils = trpc.useUtils();
  const signedOut = useSignedOutRedirect();
  const factors = trpc.admin.users.secondFactors.useQuery({ id: user.id });
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState(false);

  const onReset = async () => {
    if (isMe) {
      // Every session of theirs has ended, this one too.
      signedOut();
      return;
    }
    await Promise.all([
      utils.admin.users.secondFactors.invalidate({ id: user.id }),
      utils.admin.users.sessions.invalidate({ id: user.id }),
      utils.admin.securityEvents.list.invalidate(),
    ]);
    setOpen(false);
    setDone(true);
  };

  const data = factors.data;
  const hasAny = data ? data.totp || data.backupCodesRemaining > 0 || data.passkeys > 0 : false;
  return (
    <section className="card" aria-labelledby="second-factors-title">
      <div className="card-header">
        <h2 id="second-factors-title">{t('title')}</h2>
        <p>{isMe ? t('descriptionMine') : t('description', { name: user.name })}</p>
      </div>
      {done ? <Alert tone="success">{t('done', { name: user.name })}</Alert> : null}
      {factors.error ? (
        <Alert tone="error">{errorText.message(factors.error)}</Alert>
      ) : !data ? (
        <Loading label={t('loading')} />
      ) : (
        <>
          <dl className="dl second-factors-facts">
            <dt>{t('totp')}</dt>
            <dd>{t('totpState', { enabled: String(data.totp) })}</dd>
            <dt>{t('backupCodes')}</dt>
            <dd>{t('backupCodesLeft', { count: data.backupCodesRemaining })}</dd>
            <dt>{t('passkeys')}</dt>
            <dd>{t('passkeysCount', { count: data.passkeys })}</dd>
          </dl>
          <div className="form-actions second-factors-actions">
            <Button
              variant="danger"
              disabled={!hasAny}
              onClick={() => {
                setDone(false);
                setOpen(true);
              }}
            >
              {t('open')}
            </Button>
            {hasAny ? null : <span className="hint">{t('none')}</span>}
          </div>
        </>
      )}
      <RecentActivity user={user} />
      <Dialog
        open={open}
        onClose={() => {
          setOpen(false);
        }}
        title={isMe ? t('reset.titleMine') : t('reset.title', { name: user.name })}
        description={<p>{isMe ? t('reset.bodyMine') : t('reset.body', { name: user.name })}</p>}
      >
        <ResetForm
          user={user}
          onDone={onReset}
          onCancel={() => {
            setOpen(false);
          }}
        />
      </Dialog>
    </section>
  );
}
