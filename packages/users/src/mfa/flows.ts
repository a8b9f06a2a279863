import QRCode from 'qrcode';
import { logSecurityEvent } from '../audit/log';
import { judge, reserveAttempt } from '../auth/attempts';
import { PENDING_LOGIN_MAX_FAILURES } from '../auth/pending-login';
import {
  deletePendingLogin,
  getPendingLogin,
  takePendingAttempt,
} from '../auth/pending-logins.repository';
import { verifyStepUp } from '../auth/step-up';
import { inTransaction } from '../db/transaction';
import { InvalidInput, PendingLoginEnded, WrongCode } from '../errors';
import type { UsersMe, UsersRead } from '../schemas/users';
import type { RequestMeta, Services } from '../services';
import { createSession, type CreatedSession } from '../sessions/sessions.service';
import { accountKeyFor } from '../throttle/limits';
import { clearAccountFailures, releaseReservation } from '../throttle/throttle';
import { getUserMe } from '../users/me';
import { getMfaColumns, getUserByIdOr404 } from '../users/users.repository';
import { updateUserMfa } from '../users/users.service';
import { hashToken } from '../util/tokens';
import { generateBackupCodes, hashBackupCode } from './backup-codes';
import { deleteBackupCodes, replaceBackupCodeRows } from './backup-codes.repository';
import { countBackupCodes, type SecondFactor, useSecondFactor } from './second-factor';
import { countPasskeysOfUser } from '../passkeys/passkeys.repository';
import { passkeyAsSecondFactor } from '../passkeys/passkeys.service';
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import { openSecret, sealSecret } from '../util/secret-box';
import { newTotpSecret, totpUri, verifyTotp } from './totp';

type Account = Pick<UsersRead, 'id' | 'username' | 'email'>;

const WRONG_CODE = 'That code is not right. Use the current code from your app or a backup code.';
const PASSWORD_AND_CODE = { password: 'password', code: 'code' };

const keysFor = (account: Pick<UsersRead, 'id' | 'username'>, meta: RequestMeta) => ({
  account: accountKeyFor(account.id, account.username),
  ip: meta.ip,
});

export async function mfaStatus(
  s: Services,
  userId: number,
): Promise<{ enabled: boolean; backupCodesRemaining: number; passkeys: number }> {
  const user = await getUserByIdOr404(s.db, userId);
  return {
    enabled: user.mfaEnabled,
    backupCodesRemaining: user.mfaEnabled ? await countBackupCodes(s, userId) : 0,
    passkeys: await countPasskeysOfUser(s.db, userId),
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
      undefined,
      'MFA_ALREADY_ENABLED',
    );
  }
  const secret = newTotpSecret();
  await updateUserMfa(s, account.id, {
    enabled: false,
    secret: sealSecret(s.mfaKey, secret),
    lastUsedStep: null,
  });
  const otpauthUrl = totpUri(secret, account.email);
  const qrCodeDataUrl = await QRCode.toDataURL(otpauthUrl, { margin: 1, width: 220 });
  return { secret, otpauthUrl, qrCodeDataUrl };
}

/** Replaces every backup code of a user with 10 new ones (in the caller's transaction). */
async function replaceBackupCodes(s: Services, userId: number): Promise<string[]> {
  const codes = generateBackupCodes();
  await replaceBackupCodeRows(
    s.db,
    userId,
    codes.map((code) => hashBackupCode(s.mfaKey, code)),
  );
  return codes;
}

/** Turns MFA on with the password and a code from the new secret; returns the 10 backup codes. */
export async function enableMfa(
  s: Services,
  account: Account & { mfaEnabled: boolean },
  meta: RequestMeta,
  input: { code: string; password?: string | undefined },
): Promise<{ backupCodes: string[] }> {
  if (account.mfaEnabled) {
    throw new InvalidInput(
      'Two-factor authentication is already on.',
      undefined,
      'MFA_ALREADY_ENABLED',
    );
  }
  await verifyStepUp(s, account, meta, { password: input.password }, PASSWORD_AND_CODE);
  const row = await getMfaColumns(s.db, account.id);
  if (!row?.mfaSecret) {
    throw new InvalidInput(
      'Start the setup first: scan the QR code, then enter a code.',
      undefined,
      'MFA_SETUP_MISSING',
    );
  }
  const secret = openSecret(s.mfaKey, row.mfaSecret);
  const reservation = await reserveAttempt(s, meta, keysFor(account, meta), account.id);
  const step = await judge(s, reservation, () =>
    verifyTotp(secret, input.code.trim(), s.clock.now(), null),
  );
  if (step === null) {
    throw new WrongCode(
      'That code is not right. Check that the clock of your device is correct and try the current code.',
      'code',
    );
  }
  await releaseReservation(s, reservation);
  const sealed = row.mfaSecret;
  // On, with its backup codes, in one step; the confirming code uses up its time step.
  const backupCodes = await inTransaction(s, async (tx) => {
    await updateUserMfa(tx, account.id, { enabled: true, secret: sealed, lastUsedStep: step });
    const codes = await replaceBackupCodes(tx, account.id);
    await logSecurityEvent(tx, { event: 'mfa_enabled', userId: account.id, ...meta });
    return codes;
  });
  return { backupCodes };
}

export async function disableMfa(
  s: Services,
  account: Account & { mfaEnabled: boolean },
  meta: RequestMeta,
  input: { password?: string | undefined; code: string },
): Promise<void> {
  if (!account.mfaEnabled) {
    throw new InvalidInput('Two-factor authentication is not on.', undefined, 'MFA_NOT_ENABLED');
  }
  await verifyStepUp(s, account, meta, input, PASSWORD_AND_CODE);
  await inTransaction(s, async (tx) => {
    await updateUserMfa(tx, account.id, { enabled: false, secret: null, lastUsedStep: null });
    await deleteBackupCodes(tx.db, account.id);
    await logSecurityEvent(tx, { event: 'mfa_disabled', userId: account.id, ...meta });
  });
}

export async function regenerateBackupCodes(
  s: Services,
  account: Account & { mfaEnabled: boolean },
  meta: RequestMeta,
  input: { password?: string | undefined; code: string },
): Promise<{ backupCodes: string[] }> {
  if (!account.mfaEnabled) {
    throw new InvalidInput('Two-factor authentication is not on.', undefined, 'MFA_NOT_ENABLED');
  }
  await verifyStepUp(s, account, meta, input, PASSWORD_AND_CODE);
  const backupCodes = await inTransaction(s, async (tx) => {
    const codes = await replaceBackupCodes(tx, account.id);
    await logSecurityEvent(tx, {
      event: 'mfa_backup_codes_regenerated',
      userId: account.id,
      ...meta,
    });
    return codes;
  });
  return { backupCodes };
}

/**
 * The second step of a sign-in. The pending login (from the `roster_mfa` cookie) lives 5 minutes
 * and allows 5 attempts; each code takes its slot on the account and on the pending login before
 * it is judged, so codes sent at once cannot get past either count. Success creates a brand-new
 * session and forgives the account's failures; a wrong code counts like a wrong password.
 */
export async function completeMfaLogin(
  s: Services,
  meta: RequestMeta,
  pendingToken: string | undefined,
  answer:
    { code: string } | { passkey: AuthenticationResponseJSON; browserToken: string | undefined },
): Promise<{ user: UsersMe; session: CreatedSession }> {
  if (!pendingToken || pendingToken.length > 200) throw new PendingLoginEnded();
  const tokenHash = hashToken(pendingToken);
  const pending = await getPendingLogin(s.db, tokenHash);
  if (!pending || pending.expiresAt <= s.clock.now()) {
    if (pending) await deletePendingLogin(s.db, tokenHash);
    throw new PendingLoginEnded();
  }
  const user = await getUserByIdOr404(s.db, pending.userId);
  const keys = keysFor(user, meta);
  const reservation = await reserveAttempt(s, meta, keys, user.id);
  const attempt = await judge(s, reservation, () =>
    takePendingAttempt(s.db, tokenHash, PENDING_LOGIN_MAX_FAILURES, s.clock.now()),
  );
  if (attempt === null) {
    await releaseReservation(s, reservation);
    throw new PendingLoginEnded();
  }

  const used = await judge<SecondFactor | 'passkey' | null>(s, reservation, () =>
    'code' in answer
      ? useSecondFactor(s, user.id, answer.code)
      : passkeyAsSecondFactor(s, meta, user.id, answer.passkey, answer.browserToken),
  );
  if (!used) {
    await logSecurityEvent(s, { event: 'mfa_failed', userId: user.id, ...meta });
    if (attempt >= PENDING_LOGIN_MAX_FAILURES) {
      await deletePendingLogin(s.db, tokenHash);
      throw new WrongCode('Too many wrong codes. Sign in again.', 'code', true);
    }
    throw new WrongCode(WRONG_CODE, 'code');
  }

  // The pending login is used up whatever happens next; of two right codes at once, one wins.
  if (!(await deletePendingLogin(s.db, tokenHash))) {
    await releaseReservation(s, reservation);
    throw new PendingLoginEnded();
  }
  await releaseReservation(s, reservation);
  await clearAccountFailures(s, keys.account);
  if (used === 'backup_code') {
    await logSecurityEvent(s, {
      event: 'mfa_backup_code_used',
      userId: user.id,
      ...meta,
    });
  }
  const session = await createSession(s, user.id, meta);
  await logSecurityEvent(s, {
    event: 'login_succeeded',
    userId: user.id,
    ...meta,
    details: { secondFactor: used },
  });
  return { user: await getUserMe(s, user.id, user), session };
}
