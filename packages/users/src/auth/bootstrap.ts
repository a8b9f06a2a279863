import crypto from 'node:crypto';
import { logSecurityEvent } from '../audit/log';
import type { InitialAdmin } from '../config';
import { inTransaction } from '../db/transaction';
import { Conflict, Forbidden, InvalidInput } from '../errors';
import { UsersCreate } from '../schemas/users';
import type { RequestMeta, Services } from '../services';
import { createSession, type CreatedSession } from '../sessions/sessions.service';
import { accountKeyFor } from '../throttle/limits';
import { releaseReservation } from '../throttle/throttle';
import { judge, reserveAttempt } from './attempts';
import { getSetupCodeHash, setSetupCodeHash, takeSetupCode } from '../settings/settings.repository';
import { getUsersAdmin, getUsersNumber } from '../users/users.repository';
import { createUser } from '../users/users.service';
import { getUserMe } from '../users/me';
import type { UsersMe } from '../schemas/users';
import { constantTimeEqual, hashToken } from '../util/tokens';

/** Unambiguous characters (no 0/O, 1/I/L), easy to copy from a terminal. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

function generateSetupCode(): string {
  const groups: string[] = [];
  for (let g = 0; g < 3; g += 1) {
    let group = '';
    for (let i = 0; i < 4; i += 1)
      group += CODE_ALPHABET.charAt(crypto.randomInt(CODE_ALPHABET.length));
    groups.push(group);
  }
  return groups.join('-');
}

function normalizeCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

export type BootstrapOutcome =
  | { kind: 'admin_exists' }
  | { kind: 'admin_created'; username: string }
  | { kind: 'setup_code'; code: string }
  | { kind: 'users_without_admin' };

/**
 * Run at start. With INITIAL_ADMIN_* set and no admin, creates that admin. Otherwise, with no users
 * at all, issues a one-time setup code (only its hash is stored) for `/setup`.
 */
export async function bootstrapFirstAdmin(
  s: Services,
  initialAdmin: InitialAdmin | null,
): Promise<BootstrapOutcome> {
  if ((await getUsersAdmin(s.db)).length > 0) {
    await setSetupCodeHash(s.db, null);
    return { kind: 'admin_exists' };
  }
  if (initialAdmin) {
    const parsed = UsersCreate.safeParse({
      name: initialAdmin.username,
      username: initialAdmin.username,
      email: initialAdmin.email,
      password: initialAdmin.password,
      accessType: 'admin',
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(
        `INITIAL_ADMIN_${String(issue?.path[0] ?? 'username').toUpperCase()} is not valid: ${issue?.message ?? 'invalid'}`,
      );
    }
    try {
      const admin = await createUser(s, parsed.data);
      await logSecurityEvent(s, {
        event: 'admin_created',
        userId: admin.id,
        details: { via: 'environment' },
      });
      return { kind: 'admin_created', username: admin.username };
    } catch (error) {
      // Another instance starting at the same moment created it first.
      if (error instanceof Conflict && (await getUsersAdmin(s.db)).length > 0) {
        return { kind: 'admin_exists' };
      }
      if (error instanceof Error && 'field' in error && error.field === 'password') {
        throw new Error(
          `INITIAL_ADMIN_PASSWORD does not meet the password policy: ${error.message}`,
        );
      }
      throw error;
    }
  }
  if ((await getUsersNumber(s.db)) > 0) return { kind: 'users_without_admin' };
  const code = generateSetupCode();
  await setSetupCodeHash(s.db, hashToken(normalizeCode(code)));
  return { kind: 'setup_code', code };
}

/** Whether `/setup` can create the first admin now. */
export async function isSetupPending(s: Services): Promise<boolean> {
  return (await getSetupCodeHash(s.db)) !== null && (await getUsersAdmin(s.db)).length === 0;
}

/** Creates the first admin with the setup code, uses the code up, and signs the admin in. */
export async function completeSetup(
  s: Services,
  meta: RequestMeta,
  input: { code: string; name: string; username: string; email: string; password: string },
): Promise<{ user: UsersMe; session: CreatedSession }> {
  const keys = { account: accountKeyFor(null, 'setup-code'), ip: meta.ip };
  const reservation = await reserveAttempt(s, meta, keys, null);
  const codeHash = await judge(s, reservation, () => getSetupCodeHash(s.db));
  if (codeHash === null || (await getUsersAdmin(s.db)).length > 0) {
    await releaseReservation(s, reservation);
    throw new Forbidden('This server is already set up. Sign in instead.', 'SETUP_DONE');
  }
  if (!constantTimeEqual(codeHash, hashToken(normalizeCode(input.code)))) {
    throw new InvalidInput(
      'This setup code is not right. Use the code the server printed when it started.',
      'code',
      'WRONG_CODE',
    );
  }
  await releaseReservation(s, reservation);
  // The rest of the profile takes the defaults of the one schema.
  const adminInput = UsersCreate.parse({
    name: input.name,
    username: input.username,
    email: input.email,
    password: input.password,
    accessType: 'admin',
  });
  const admin = await inTransaction(s, async (tx) => {
    // Take the code first: of two simultaneous setups, only one finds it.
    if (!(await takeSetupCode(tx.db, codeHash))) {
      throw new Forbidden('This server is already set up. Sign in instead.', 'SETUP_DONE');
    }
    const created = await createUser(tx, adminInput);
    await logSecurityEvent(tx, {
      event: 'admin_created',
      userId: created.id,
      details: { via: 'setup' },
      ...meta,
    });
    return created;
  });
  const session = await createSession(s, admin.id, meta);
  return { user: await getUserMe(s, admin.id, admin), session };
}
