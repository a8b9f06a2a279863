'use client';

import type { UsersRead } from '@roster/users/schemas';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, type SubmitEvent } from 'react';
import { Alert } from '../Alert';
import { NewPasswordField } from '../auth/PasswordField';
import { Avatar } from '../Avatar';
import { Button } from '../Button';
import { TextField } from '../Field';
import { Loading } from '../Spinner';
import { Dialog } from '../Dialog';
import { UserBadges } from './UserBadges';
import { UserProfileForm } from './UserProfileForm';
import { useSignedOutRedirect } from './use-signed-out-redirect';
import { rosterCode, NO_ERRORS, toFormErrors, type FormErrors } from '@/lib/errors';
import { formText } from '@/lib/forms';
import { formatDateTime } from '@/lib/format';
import { trpc } from '@/lib/trpc';
import { useMe } from '@/lib/use-me';

function ApprovalCard({ user }: { user: UsersRead }) {
  const router = useRouter();
  const utils = trpc.useUtils();
  const approve = trpc.admin.users.approve.useMutation();
  const reject = trpc.admin.users.reject.useMutation();
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [approved, setApproved] = useState(false);

  if (approved && !user.pendingAdminApproval) {
    return (
      <Alert tone="success">Approved. {user.name} can sign in now; we told them by email.</Alert>
    );
  }
  if (!user.pendingAdminApproval) return null;

  const onApprove = async () => {
    setErrors(NO_ERRORS);
    try {
      const updated = await approve.mutateAsync({ id: user.id });
      utils.admin.users.get.setData({ id: user.id }, updated);
      setApproved(true);
      await utils.admin.users.invalidate();
    } catch (error) {
      setErrors(toFormErrors(error));
    }
  };

  const onReject = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const reason = formText(new FormData(event.currentTarget), 'reason');
    setErrors(NO_ERRORS);
    try {
      await reject.mutateAsync({ id: user.id, reason });
      await utils.admin.users.invalidate();
      router.push('/admin/users');
    } catch (error) {
      setErrors(toFormErrors(error));
    }
  };

  return (
    <section className="card card-attention" aria-labelledby="approval-title">
      <div className="card-header">
        <h2 id="approval-title">Waiting for approval</h2>
        <p>
          {user.emailVerified
            ? `${user.name} signed up and confirmed their email address.`
            : `${user.name} signed up but has not confirmed their email address yet.`}
        </p>
      </div>
      <form className="form" onSubmit={(event) => void onReject(event)} noValidate>
        <TextField
          label="Reason for rejecting"
          name="reason"
          optional
          maxLength={1000}
          autoComplete="off"
          hint="Only used when you reject: it goes into the email that tells them."
          error={errors.fields.reason}
        />
        {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
        <div className="form-actions">
          <Button
            loading={approve.isPending}
            disabled={reject.isPending}
            onClick={() => void onApprove()}
          >
            Approve
          </Button>
          <Button
            type="submit"
            variant="danger"
            loading={reject.isPending}
            disabled={approve.isPending}
          >
            Reject sign-up
          </Button>
          <span className="hint">Rejecting deletes the sign-up and emails them.</span>
        </div>
      </form>
    </section>
  );
}

function PasswordCard({ user, isMe }: { user: UsersRead; isMe: boolean }) {
  const utils = trpc.useUtils();
  const settings = trpc.serverSettings.get.useQuery();
  const setPassword = trpc.admin.users.setPassword.useMutation();
  const signedOut = useSignedOutRedirect();
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [done, setDone] = useState(false);
  // Clears the field after a success.
  const [version, setVersion] = useState(0);

  const onSubmit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const password = formText(new FormData(event.currentTarget), 'password');
    setDone(false);
    if (!password) {
      setErrors({ ...NO_ERRORS, fields: { password: 'Enter the new password.' } });
      return;
    }
    setErrors(NO_ERRORS);
    try {
      await setPassword.mutateAsync({ id: user.id, password });
      if (isMe) {
        signedOut();
        return;
      }
      setVersion((current) => current + 1);
      setDone(true);
      await utils.admin.users.sessions.invalidate({ id: user.id });
    } catch (error) {
      setErrors(toFormErrors(error));
    }
  };

  return (
    <section className="card" aria-labelledby="password-title">
      <div className="card-header">
        <h2 id="password-title">Set a new password</h2>
        <p>
          For when they are locked out. Every session of theirs ends, so they sign in again with the
          new password.
        </p>
      </div>
      {settings.data ? (
        <form key={version} className="form" onSubmit={(event) => void onSubmit(event)} noValidate>
          <NewPasswordField
            label="New password"
            name="password"
            policy={settings.data}
            accessType={user.accessType}
            maxLength={250}
            error={errors.fields.password}
          />
          {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
          {done ? (
            <Alert tone="success">Password set. {user.name} was signed out everywhere.</Alert>
          ) : null}
          <div className="form-actions">
            <Button type="submit" loading={setPassword.isPending}>
              Set password
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
  const utils = trpc.useUtils();
  const sessions = trpc.admin.users.sessions.useQuery({ id: user.id });
  const revoke = trpc.admin.users.revokeSession.useMutation();
  const revokeAll = trpc.admin.users.revokeSessions.useMutation();
  const signedOut = useSignedOutRedirect();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const refresh = () => utils.admin.users.sessions.invalidate({ id: user.id });

  const onRevoke = async (session: { id: string; current: boolean }) => {
    setMessage(null);
    try {
      await revoke.mutateAsync({ id: user.id, sessionId: session.id });
      if (session.current) {
        signedOut();
        return;
      }
      setMessage({ ok: true, text: 'Session signed out.' });
    } catch (error) {
      setMessage({ ok: false, text: toFormErrors(error).form ?? 'That did not work.' });
    }
    await refresh();
  };

  const onRevokeAll = async () => {
    setMessage(null);
    try {
      const { revoked } = await revokeAll.mutateAsync({ id: user.id });
      if (isMe) {
        signedOut();
        return;
      }
      setMessage({
        ok: true,
        text: `Signed out of ${revoked} session${revoked === 1 ? '' : 's'}.`,
      });
    } catch (error) {
      setMessage({ ok: false, text: toFormErrors(error).form ?? 'That did not work.' });
    }
    await refresh();
  };

  return (
    <section className="card" aria-labelledby="sessions-title">
      <div className="card-header">
        <h2 id="sessions-title">Sessions</h2>
        <p>
          Where {isMe ? 'you are' : `${user.name} is`} signed in. Signing a session out takes effect
          on its next request.
        </p>
      </div>
      {message ? <Alert tone={message.ok ? 'success' : 'error'}>{message.text}</Alert> : null}
      {sessions.error ? (
        <Alert tone="error">{toFormErrors(sessions.error).form}</Alert>
      ) : !sessions.data ? (
        <Loading label="Loading sessions…" />
      ) : sessions.data.length === 0 ? (
        <p className="muted">Not signed in anywhere.</p>
      ) : (
        <>
          <ul className="session-list">
            {sessions.data.map((session) => (
              <li key={session.id} className="session-item">
                <div>
                  <strong>{session.device}</strong>
                  {session.current ? (
                    <span className="badge badge-accent">This browser</span>
                  ) : null}
                  <div className="muted">
                    {session.ip ?? 'Unknown address'} · last active{' '}
                    {formatDateTime(session.lastActiveAt)} · signed in{' '}
                    {formatDateTime(session.createdAt)}
                  </div>
                </div>
                <Button
                  variant="secondary"
                  small
                  loading={revoke.isPending && revoke.variables.sessionId === session.id}
                  aria-label={`Sign out ${session.device}, last active ${formatDateTime(session.lastActiveAt)}`}
                  onClick={() => void onRevoke(session)}
                >
                  Sign out
                </Button>
              </li>
            ))}
          </ul>
          <div className="form-actions">
            <Button
              variant="secondary"
              loading={revokeAll.isPending}
              onClick={() => void onRevokeAll()}
            >
              Sign out everywhere
            </Button>
          </div>
        </>
      )}
    </section>
  );
}

function DeleteCard({ user, isMe }: { user: UsersRead; isMe: boolean }) {
  const router = useRouter();
  const utils = trpc.useUtils();
  const remove = trpc.admin.users.delete.useMutation();
  const signedOut = useSignedOutRedirect();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const onDelete = async () => {
    setError(null);
    try {
      await remove.mutateAsync({ id: user.id });
      if (isMe) {
        signedOut();
        return;
      }
      await utils.admin.users.invalidate();
      router.push('/admin/users');
    } catch (failure) {
      setError(toFormErrors(failure).form ?? 'Could not delete this user.');
    }
  };

  return (
    <section className="card danger-zone" aria-labelledby="delete-title">
      <div className="card-header">
        <h2 id="delete-title">Delete this account</h2>
        <p>
          Removes {isMe ? 'your account' : `${user.name}’s account`} for good: profile, photo,
          sessions and settings.
        </p>
      </div>
      <Button
        variant="danger"
        onClick={() => {
          setError(null);
          setOpen(true);
        }}
      >
        Delete user…
      </Button>
      <Dialog
        open={open}
        onClose={() => {
          setOpen(false);
        }}
        title={`Delete ${user.name}?`}
        description={
          <p>
            This permanently deletes <strong>@{user.username}</strong> ({user.email}) with their
            photo, sessions and settings.{' '}
            {isMe ? 'This is your own account: you will be signed out. ' : ''}It cannot be undone.
          </p>
        }
      >
        {error ? <Alert tone="error">{error}</Alert> : null}
        <div className="form-actions dialog-actions">
          <Button
            variant="secondary"
            autoFocus
            onClick={() => {
              setOpen(false);
            }}
          >
            Keep the account
          </Button>
          <Button variant="danger" loading={remove.isPending} onClick={() => void onDelete()}>
            Delete @{user.username}
          </Button>
        </div>
      </Dialog>
    </section>
  );
}

export function UserDetail({ id }: { id: number }) {
  const me = useMe();
  const user = trpc.admin.users.get.useQuery({ id });

  if (user.error) {
    return (
      <section className="card" aria-labelledby="user-missing-title">
        <h1 id="user-missing-title">
          {rosterCode(user.error) === 'NOT_FOUND' ? 'No such user' : 'This user cannot be shown'}
        </h1>
        <Alert tone={rosterCode(user.error) === 'NOT_FOUND' ? 'info' : 'error'}>
          {rosterCode(user.error) === 'NOT_FOUND'
            ? 'This account does not exist, or it was deleted.'
            : toFormErrors(user.error).form}
        </Alert>
        <p>
          <Link href="/admin/users">Back to users</Link>
        </p>
      </section>
    );
  }
  if (!user.data) return <Loading label="Loading user…" />;

  const isMe = user.data.id === me.id;
  return (
    <>
      <p className="back-link">
        <Link href="/admin/users">← All users</Link>
      </p>
      <div className="page-header user-header">
        <Avatar name={user.data.name} photoUrl={null} size="lg" />
        <div>
          <h1>{user.data.name}</h1>
          <p>
            @{user.data.username} · {user.data.email}
          </p>
          <UserBadges user={user.data} meId={me.id} />
        </div>
      </div>
      <ApprovalCard user={user.data} />
      <UserProfileForm user={user.data} isMe={isMe} />
      <PasswordCard user={user.data} isMe={isMe} />
      <SessionsCard user={user.data} isMe={isMe} />
      <DeleteCard user={user.data} isMe={isMe} />
    </>
  );
}
