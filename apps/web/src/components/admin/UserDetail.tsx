'use client';

import type { UsersRead } from '@roster/users/schemas';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { z } from 'zod';
import { Alert } from '../Alert';
import { NewPasswordField } from '../auth/PasswordField';
import { Avatar } from '../Avatar';
import { Button } from '../Button';
import { TextField } from '../Field';
import { Loading } from '../Spinner';
import { Dialog } from '../Dialog';
import { SessionList, type SessionRow } from '../security/SessionList';
import { ApiKeysAdminCard } from './ApiKeysAdminCard';
import { SecondFactorsCard } from './SecondFactorsCard';
import { UserBadges } from './UserBadges';
import { UserProfileForm } from './UserProfileForm';
import { useSignedOutRedirect } from './use-signed-out-redirect';
import { rosterCode, useErrorText } from '@/lib/errors';
import { formText } from '@/lib/forms';
import { trpc } from '@/lib/trpc';
import { useForm } from '@/lib/use-form';
import { useMe } from '@/lib/use-me';
import './user-detail.css';

function ApprovalCard({ user }: { user: UsersRead }) {
  const t = useTranslations('admin.approval');
  const router = useRouter();
  const utils = trpc.useUtils();
  const approve = useForm({
    mutation: trpc.admin.users.approve.useMutation(),
    fields: [],
    onSuccess: async (updated) => {
      utils.admin.users.get.setData({ id: user.id }, updated);
      await utils.admin.users.invalidate();
    },
  });
  const reject = useForm({
    mutation: trpc.admin.users.reject.useMutation(),
    fields: ['reason'],
    onSuccess: async () => {
      await utils.admin.users.invalidate();
      router.push('/admin/users');
    },
  });

  if (approve.succeeded && !user.pendingAdminApproval) {
    return <Alert tone="success">{t('done', { name: user.name })}</Alert>;
  }
  if (!user.pendingAdminApproval) return null;

  const formError = approve.formError ?? reject.formError;
  return (
    <section className="card card-attention" aria-labelledby="approval-title">
      <div className="card-header">
        <h2 id="approval-title">{t('title')}</h2>
        <p>{t(user.emailVerified ? 'verified' : 'unverified', { name: user.name })}</p>
      </div>
      <form
        className="form"
        onSubmit={(event) => {
          approve.reset();
          reject.onSubmit((data) => ({ id: user.id, reason: formText(data, 'reason') }))(event);
        }}
        noValidate
      >
        <TextField
          label={t('reason')}
          name="reason"
          optional
          maxLength={1000}
          autoComplete="off"
          hint={t('reasonHint')}
          error={reject.fields.reason}
        />
        {formError ? <Alert tone="error">{formError}</Alert> : null}
        <div className="form-actions">
          <Button
            loading={approve.pending}
            disabled={reject.pending}
            onClick={() => {
              reject.reset();
              void approve.submit({ id: user.id });
            }}
          >
            {t('approve')}
          </Button>
          <Button
            type="submit"
            variant="danger"
            loading={reject.pending}
            disabled={approve.pending}
          >
            {t('reject')}
          </Button>
          <span className="hint">{t('rejectHint')}</span>
        </div>
      </form>
    </section>
  );
}

const NewPassword = z.object({
  id: z.number(),
  password: z.string().min(1),
});

function PasswordCard({ user, isMe }: { user: UsersRead; isMe: boolean }) {
  const t = useTranslations('admin.password');
  const utils = trpc.useUtils();
  const settings = trpc.serverSettings.get.useQuery();
  const signedOut = useSignedOutRedirect();
  // Clears the field after a success.
  const [version, setVersion] = useState(0);
  const form = useForm({
    mutation: trpc.admin.users.setPassword.useMutation(),
    schema: NewPassword,
    labels: { password: t('label') },
    onSuccess: async () => {
      if (isMe) {
        signedOut();
        return;
      }
      setVersion((current) => current + 1);
      await utils.admin.users.sessions.invalidate({ id: user.id });
    },
  });

  return (
    <section className="card" aria-labelledby="password-title">
      <div className="card-header">
        <h2 id="password-title">{t('title')}</h2>
        <p>{t('description')}</p>
      </div>
      {settings.data ? (
        <form
          key={version}
          className="form"
          onSubmit={form.onSubmit((data) => ({
            id: user.id,
            password: formText(data, 'password'),
          }))}
          noValidate
        >
          <NewPasswordField
            label={t('label')}
            name="password"
            policy={settings.data}
            accessType={user.accessType}
            maxLength={250}
            error={form.fields.password}
          />
          {form.formError ? <Alert tone="error">{form.formError}</Alert> : null}
          {form.succeeded && !isMe ? (
            <Alert tone="success">{t('done', { name: user.name })}</Alert>
          ) : null}
          <div className="form-actions">
            <Button type="submit" loading={form.pending}>
              {t('submit')}
            </Button>
          </div>
        </form>
      ) : (
        <Loading />
      )}
    </section>
  );
}

function SessionsCard({ user, isMe }: { user: UsersRead; isMe: boolean }) {
  const t = useTranslations('admin.sessions');
  const errorText = useErrorText();
  const utils = trpc.useUtils();
  const sessions = trpc.admin.users.sessions.useQuery({ id: user.id });
  const signedOut = useSignedOutRedirect();
  const [notice, setNotice] = useState<string | null>(null);
  const revokeMutation = trpc.admin.users.revokeSession.useMutation();
  const revoke = useForm({ mutation: revokeMutation, fields: [] });
  const revokeAll = useForm({
    mutation: trpc.admin.users.revokeSessions.useMutation(),
    fields: [],
    onSuccess: ({ revoked }) => {
      if (isMe) signedOut();
      else setNotice(t('revokedAll', { count: revoked }));
    },
  });

  // Also after a failure: the session may have ended meanwhile, and the list should say so.
  const refresh = () => utils.admin.users.sessions.invalidate({ id: user.id });

  const onRevoke = async (session: SessionRow) => {
    setNotice(null);
    revokeAll.reset();
    const outcome = await revoke.submit({ id: user.id, sessionId: session.id });
    if (outcome.succeeded && session.current) {
      signedOut();
      return;
    }
    if (outcome.succeeded) setNotice(t('revoked'));
    await refresh();
  };

  const onRevokeAll = async () => {
    setNotice(null);
    revoke.reset();
    const outcome = await revokeAll.submit({ id: user.id });
    if (!(outcome.succeeded && isMe)) await refresh();
  };

  const error = revoke.formError ?? revokeAll.formError;
  return (
    <section className="card" aria-labelledby="sessions-title">
      <div className="card-header">
        <h2 id="sessions-title">{t('title')}</h2>
        <p>{isMe ? t('descriptionMine') : t('description', { name: user.name })}</p>
      </div>
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {error ? <Alert tone="error">{error}</Alert> : null}
      {sessions.error ? (
        <Alert tone="error">{errorText.message(sessions.error)}</Alert>
      ) : !sessions.data ? (
        <Loading label={t('loading')} />
      ) : sessions.data.length === 0 ? (
        <p className="muted">{t('none')}</p>
      ) : (
        <>
          <SessionList
            sessions={sessions.data}
            signingOut={revoke.pending ? (revokeMutation.variables?.sessionId ?? null) : null}
            onSignOut={(session) => void onRevoke(session)}
          />
          <div className="form-actions" style={{ marginTop: '1rem' }}>
            <Button
              variant="secondary"
              loading={revokeAll.pending}
              onClick={() => void onRevokeAll()}
            >
              {t('signOutAll')}
            </Button>
          </div>
        </>
      )}
    </section>
  );
}

function DeleteCard({ user, isMe }: { user: UsersRead; isMe: boolean }) {
  const t = useTranslations('admin.delete');
  const router = useRouter();
  const utils = trpc.useUtils();
  const signedOut = useSignedOutRedirect();
  const [open, setOpen] = useState(false);
  const remove = useForm({
    mutation: trpc.admin.users.delete.useMutation(),
    fields: [],
    onSuccess: async () => {
      if (isMe) {
        signedOut();
        return;
      }
      await utils.admin.users.invalidate();
      router.push('/admin/users');
    },
  });

  return (
    <section className="card danger-zone" aria-labelledby="delete-title">
      <div className="card-header">
        <h2 id="delete-title">{t('title')}</h2>
        <p>{isMe ? t('descriptionMine') : t('description', { name: user.name })}</p>
      </div>
      <Button
        variant="danger"
        onClick={() => {
          remove.reset();
          setOpen(true);
        }}
      >
        {t('open')}
      </Button>
      <Dialog
        open={open}
        onClose={() => {
          setOpen(false);
        }}
        title={t('confirmTitle', { name: user.name })}
        description={
          <p>
            {t.rich(isMe ? 'confirmBodyMine' : 'confirmBody', {
              username: user.username,
              email: user.email,
              strong: (chunks) => <strong>{chunks}</strong>,
            })}
          </p>
        }
      >
        <form onSubmit={remove.onSubmit(() => ({ id: user.id }))} noValidate>
          {remove.formError ? <Alert tone="error">{remove.formError}</Alert> : null}
          <div className="form-actions dialog-actions">
            <Button
              variant="secondary"
              autoFocus
              onClick={() => {
                setOpen(false);
              }}
            >
              {t('keep')}
            </Button>
            <Button type="submit" variant="danger" loading={remove.pending}>
              {t('submit', { username: user.username })}
            </Button>
          </div>
        </form>
      </Dialog>
    </section>
  );
}

export function UserDetail({ id }: { id: number }) {
  const t = useTranslations('admin.userPage');
  const errorText = useErrorText();
  const me = useMe();
  const user = trpc.admin.users.get.useQuery({ id });

  if (user.error) {
    return (
      <section className="card" aria-labelledby="user-missing-title">
        <h1 id="user-missing-title">
          {rosterCode(user.error) === 'NOT_FOUND' ? t('missingTitle') : t('failedTitle')}
        </h1>
        <Alert tone={rosterCode(user.error) === 'NOT_FOUND' ? 'info' : 'error'}>
          {rosterCode(user.error) === 'NOT_FOUND'
            ? t('missingBody')
            : errorText.message(user.error)}
        </Alert>
        <p>
          <Link href="/admin/users">{t('backToUsers')}</Link>
        </p>
      </section>
    );
  }
  if (!user.data) return <Loading label={t('loading')} />;

  const isMe = user.data.id === me.id;
  return (
    <>
      <p className="back-link">
        <Link href="/admin/users">{t('allUsers')}</Link>
      </p>
      <div className="page-header user-header">
        <Avatar name={user.data.name} photoUrl={null} size="lg" />
        <div>
          <h1>{user.data.name}</h1>
          <p>{t('identity', { username: user.data.username, email: user.data.email })}</p>
          <UserBadges user={user.data} meId={me.id} />
        </div>
      </div>
      <ApprovalCard user={user.data} />
      <UserProfileForm user={user.data} isMe={isMe} />
      <PasswordCard user={user.data} isMe={isMe} />
      <SecondFactorsCard user={user.data} isMe={isMe} />
      <SessionsCard user={user.data} isMe={isMe} />
      <ApiKeysAdminCard user={user.data} isMe={isMe} />
      <DeleteCard user={user.data} isMe={isMe} />
    </>
  );
}
