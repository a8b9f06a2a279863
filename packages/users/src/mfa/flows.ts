import QRCode from 'qrcode';
import { logSecurityEvent } from '../audit/log';
import { InvalidInput, PendingLoginEnded } from '../errors';
import type { RequestMeta, Services } from '../services';
import { createSession, type CreatedSession } from '../sessions/sessions';
import {
  accountKeyFor,
  assertLoginAllowed,
  clearAccountFailures,
  recordLoginFailure,
} from '../throttle/throttle';
import { getUserMe } from '../users/me';
import { getUserByIdOr404, updateUserMfa } from '../users/queries';
import type { UsersMe, UsersRead } from '../schemas/users';
import { hashToken } from '../util/tokens';
import { generateBackupCodes, hashBackupCode } from './backup-codes';
import { countBackupCodes, useSecondFactor } from './second-factor';
import { openSecret, sealSecret } from './secret-box';
import { newTotpSecret, totpUri, verifyTotp } from './totp';
import { PENDING_LOGIN_MAX_FAILURES } from '../auth/pending-login';

type Account = Pick<UsersRead, 'id' | 'username' | 'email'>;

const WRONG_CODE = 'That code is not right. Use the current code from your app or a backup code.';

function keysFor(account: Pick<UsersRead, 'id' | 'username'>, meta: RequestMeta) {
  return { account: accountKeyFor(account.id, account.username), ip: meta.ip };
}

/**
 * The password of the signed-in user, for sensitive changes. Wrong answers count against the
 * account like failed sign-ins (and are throttled the same way).
 */
export async function confirmPassword(
  s: Services,
  account: Pick<UsersRead, 'id' | 'username'>,
  meta: RequestMeta,
  password: string,
  field = 'password',
): Promise<void> {
  const keys = keysFor(account, meta);
  await assertLoginAllowed(s.db, s.clock, keys);
  const row = await s.db
    .selectFrom('users')
    .select('passwordHash')
    .where('id', '=', account.id)
    .executeTakeFirstOrThrow();
  if (!(await s.hasher.verify(password, row.passwordHash))) {
    await recordLoginFailure(s.db, s.clock, keys);
    throw new InvalidInput('Your password is not right.', field);
  }
}

/** A TOTP or backup code of the signed-in user; wrong codes count against the account. */
export async function confirmSecondFactor(
  s: Services,
  account: Pick<UsersRead, 'id' | 'username'>,
  meta: RequestMeta,
  code: string | undefined,
  field = 'code',
): Promise<void> {
  const keys = keysFor(account, meta);
  await assertLoginAllowed(s.db, s.clock, keys);
  if (!code?.trim()) {
    throw new InvalidInput('Enter a code from your authenticator app or a backup code.', field);
  }
  const used = await useSecondFactor(s, account.id, code);
  if (!used) {
    await recordLoginFailure(s.db, s.clock, keys);
    throw new InvalidInput(WRONG_CODE, field);
  }
  if (used === 'backup_code') {
    await logSecurityEvent(s.db, s.clock, {
      event: 'mfa_backup_code_used',
      userId: account.id,
      ...meta,
    });
  }
}

export async function mfaStatus(
  s: Services,
  userId: number,
): Promise<{ enabled: boolean; backupCodesRemaining: number }> {
  const user = await getUserByIdOr404(s.db, userId);
  return {
    enabled: user.mfaEnabled,
    backupCodesRemaining: user.mfaEnabled ? await countBackupCodes(s, userId) : 0,
  };
}

/**
 * Starts enrolment: a new secret is kept (encrypted) but nothing is enabled until a code from it
 * is confirmed with `enableMfa`.
 */
export async function setupMfa(
  s: Services,
  account: Account & { mfaEnabled: boolean },
): Promise<{ secret: string; otpauthUrl: string; qrCodeDataUrl: string }> {
  if (account.mfaEnabled) {
    throw new InvalidInput(
      'Two-factor authentication is already on. Turn it off first to start again.',
    );
  }
  const secret = newTotpSecret();
  await updateUserMfa(s.db, s, account.id, {
    enabled: false,
    secret: sealSecret(s.mfaKey, secret),
    lastUsedStep: null,
  });
  const otpauthUrl = totpUri(secret, account.email);
  const qrCodeDataUrl = await QRCode.toDataURL(otpauthUrl, { margin: 1, width: 220 });
  return { secret, otpauthUrl, qrCodeDataUrl };
}

/** Replaces every backup code of a user with 10 new ones (in the caller's transaction). */
async function replaceBackupCodes(
  s: Services,
  trx: Services['db'],
  userId: number,
): Promise<string[]> {
  const codes = generateBackupCodes();
  await trx.deleteFrom('mfaBackupCodes').where('userId', '=', userId).execute();
  await trx
    .insertInto('mfaBackupCodes')
    .values(
      codes.map((code) => ({ userId, codeHash: hashBackupCode(s.mfaKey, code), usedAt: null })),
    )
    .execute();
  return codes;
}

/** Turns MFA on with the password and a code from the new secret; returns the 10 backup codes. */
export async function enableMfa(
  s: Services,
  account: Account & { mfaEnabled: boolean },
  meta: RequestMeta,
  input: { code: string; password: string },
): Promise<{ backupCodes: string[] }> {
  if (account.mfaEnabled) throw new InvalidInput('Two-factor authentication is already on.');
  await confirmPassword(s, account, meta, input.password);
  const row = await s.db
    .selectFrom('users')
    .select('mfaSecret')
    .where('id', '=', account.id)
    .executeTakeFirstOrThrow();
  if (!row.mfaSecret)
    throw new InvalidInput('Start the setup first: scan the QR code, then enter a code.');
  const step = await verifyTotp(
    openSecret(s.mfaKey, row.mfaSecret),
    input.code.trim(),
    s.clock.now(),
    null,
  );
  if (step === null) {
    await recordLoginFailure(s.db, s.clock, keysFor(account, meta));
    throw new InvalidInput(
      'That code is not right. Check that the clock of your device is correct and try the current code.',
      'code',
    );
  }
  const sealed = row.mfaSecret;
  // On, with its backup codes, in one step; the confirming code uses up its time step.
  const backupCodes = await s.db.transaction().execute(async (trx) => {
    await updateUserMfa(trx, s, account.id, { enabled: true, secret: sealed, lastUsedStep: step });
    return replaceBackupCodes(s, trx, account.id);
  });
  await logSecurityEvent(s.db, s.clock, { event: 'mfa_enabled', userId: account.id, ...meta });
  return { backupCodes };
}

export async function disableMfa(
  s: Services,
  account: Account & { mfaEnabled: boolean },
  meta: RequestMeta,
  input: { password: string; code: string },
): Promise<void> {
  if (!account.mfaEnabled) throw new InvalidInput('Two-factor authentication is not on.');
  await confirmPassword(s, account, meta, input.password);
  await confirmSecondFactor(s, account, meta, input.code);
  await s.db.transaction().execute(async (trx) => {
    await updateUserMfa(trx, s, account.id, { enabled: false, secret: null, lastUsedStep: null });
    await trx.deleteFrom('mfaBackupCodes').where('userId', '=', account.id).execute();
  });
  await logSecurityEvent(s.db, s.clock, { event: 'mfa_disabled', userId: account.id, ...meta });
}

export async function regenerateBackupCodes(
  s: Services,
  account: Account & { mfaEnabled: boolean },
  meta: RequestMeta,
  input: { password: string; code: string },
): Promise<{ backupCodes: string[] }> {
  if (!account.mfaEnabled) throw new InvalidInput('Two-factor authentication is not on.');
  await confirmPassword(s, account, meta, input.password);
  await confirmSecondFactor(s, account, meta, input.code);
  const backupCodes = await s.db
    .transaction()
    .execute((trx) => replaceBackupCodes(s, trx, account.id));
  await logSecurityEvent(s.db, s.clock, {
    event: 'mfa_backup_codes_regenerated',
    userId: account.id,
    ...meta,
  });
  return { backupCodes };
}

/**
 * The second step of a sign-in. The pending login (from the `roster_mfa` cookie) lives 5 minutes
 * and allows 5 wrong codes; success creates a brand-new session.
 */
export async function completeMfaLogin(
  s: Services,
  meta: RequestMeta,
  pendingToken: string | undefined,
  code: string,
): Promise<{ user: UsersMe; session: CreatedSession }> {
  const expired = new PendingLoginEnded('UNAUTHORIZED', 'Your sign-in has expired. Sign in again.');
  if (!pendingToken || pendingToken.length > 200) throw expired;
  const tokenHash = hashToken(pendingToken);
  const pending = await s.db
    .selectFrom('pendingLogins')
    .select(['tokenHash', 'userId', 'expiresAt', 'failedAttempts'])
    .where('tokenHash', '=', tokenHash)
    .executeTakeFirst();
  if (!pending || pending.expiresAt <= s.clock.now()) {
    if (pending)
      await s.db.deleteFrom('pendingLogins').where('tokenHash', '=', tokenHash).execute();
    throw expired;
  }
  const user = await getUserByIdOr404(s.db, pending.userId);
  const keys = keysFor(user, meta);
  await assertLoginAllowed(s.db, s.clock, keys);

  const used = code.trim() ? await useSecondFactor(s, user.id, code) : null;
  if (!used) {
    await recordLoginFailure(s.db, s.clock, keys);
    await logSecurityEvent(s.db, s.clock, { event: 'mfa_failed', userId: user.id, ...meta });
    const failures = pending.failedAttempts + 1;
    if (failures >= PENDING_LOGIN_MAX_FAILURES) {
      await s.db.deleteFrom('pendingLogins').where('tokenHash', '=', tokenHash).execute();
      throw new PendingLoginEnded('BAD_REQUEST', 'Too many wrong codes. Sign in again.');
    }
    await s.db
      .updateTable('pendingLogins')
      .set({ failedAttempts: failures })
      .where('tokenHash', '=', tokenHash)
      .execute();
    throw new InvalidInput(WRONG_CODE, 'code');
  }

  // The pending login is used up whatever happens next.
  const taken = await s.db
    .deleteFrom('pendingLogins')
    .where('tokenHash', '=', tokenHash)
    .executeTakeFirst();
  if (Number(taken.numDeletedRows) !== 1) throw expired;
  await clearAccountFailures(s.db, keys.account);
  if (used === 'backup_code') {
    await logSecurityEvent(s.db, s.clock, {
      event: 'mfa_backup_code_used',
      userId: user.id,
      ...meta,
    });
  }
  const session = await createSession(s.db, s.clock, s.sessionPolicy, user.id, meta);
  await logSecurityEvent(s.db, s.clock, {
    event: 'login_succeeded',
    userId: user.id,
    ...meta,
    details: { secondFactor: used },
  });
  return { user: await getUserMe(s.db, user.id, user), session };
}
