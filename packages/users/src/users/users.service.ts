import type { Clock } from '../clock';
import { isUniqueViolation, uniqueViolationColumn } from '../db/errors';
import { type Db, inTransaction } from '../db/transaction';
import {
  AccountBlocked,
  Conflict,
  emailTaken,
  InvalidInput,
  LastAdmin,
  signupConflict,
  UserNotFound,
  usernameTaken,
} from '../errors';
import type { PasswordHasher } from '../passwords/hasher';
import { checkPasswordAndHash } from '../passwords/policy';
import {
  replacePasswordHash,
  type SessionsAfterPasswordChange,
} from '../passwords/replace-password';
import { DEFAULT_LANGUAGE } from '../i18n/languages';
import { createUserDefaultData } from '../privacy/privacy.repository';
import type { ServerSettings } from '../schemas/settings';
import type {
  UsersAdminUpdate,
  UsersBase,
  UsersCreate,
  UsersRead,
  UsersSignup,
} from '../schemas/users';
import { getServerSettings } from '../settings/settings.repository';
import { ALL_TOKEN_PURPOSES, voidEmailTokens } from '../tokens/email-tokens';
import { deleteUserPhotoFilesystem } from './photo-files';
import { userFieldValues } from './users.columns';
import {
  countActiveAdmins,
  deletePendingUserRow,
  deleteUserRow,
  getPhotoPath,
  getUserByIdOr404,
  getVerificationState,
  insertUserRow,
  markApproved,
  NO_PASSWORD,
  swapPhotoPath,
  updateUserRow,
} from './users.repository';

/** What the user services need; `db` may be an open transaction. */
export interface UserDeps {
  db: Db;
  clock: Clock;
}

/** Runs inside the creating transaction: for rows and emails that must commit with the user. */
export type OnCreated<S extends UserDeps> = (tx: S, user: UsersRead) => Promise<void>;

type NewUserState = Pick<
  UsersCreate,
  'accessType' | 'active' | 'emailVerified' | 'pendingAdminApproval'
> & { awaitingVerification?: boolean };

/**
 * Inserts the user and their default rows in one transaction. A taken username or email is one
 * generic CONFLICT whatever the case of the input.
 */
async function insertUser<S extends UserDeps>(
  s: S,
  profile: UsersBase,
  state: NewUserState,
  passwordHash: string,
  onCreated?: OnCreated<S>,
): Promise<UsersRead> {
  const now = s.clock.now();
  try {
    return await inTransaction(s, async (tx) => {
      const id = await insertUserRow(tx.db, {
        ...userFieldValues(profile),
        username: profile.username.toLowerCase(),
        email: profile.email.toLowerCase(),
        passwordHash,
        photoPath: null,
        mfaEnabled: false,
        accessType: state.accessType,
        active: state.active,
        emailVerified: state.emailVerified,
        pendingAdminApproval: state.pendingAdminApproval,
        awaitingVerification: state.awaitingVerification ?? false,
        createdAt: now,
        updatedAt: now,
      });
      await createUserDefaultData(tx.db, id);
      const user = await getUserByIdOr404(tx.db, id);
      if (onCreated) await onCreated(tx, user);
      return user;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw signupConflict();
    throw error;
  }
}

/** An admin creates a user: the policy for the chosen access type applies. */
export async function createUser<S extends UserDeps & { hasher: PasswordHasher }>(
  s: S,
  input: UsersCreate,
  onCreated?: OnCreated<S>,
): Promise<UsersRead> {
  const settings = await getServerSettings(s.db);
  const passwordHash = await checkPasswordAndHash(
    input.password,
    settings,
    input.accessType,
    s.hasher,
  );
  const { password: _password, accessType, active, emailVerified, pendingAdminApproval } = input;
  return insertUser(
    s,
    input,
    { accessType, active, emailVerified, pendingAdminApproval },
    passwordHash,
    onCreated,
  );
}

/**
 * A person signs up through an identity provider: no password, the sign-up settings' approval,
 * and an address the provider vouched for counts as verified (else it is confirmed by email).
 */
export async function createProviderUser<S extends UserDeps>(
  s: S,
  profile: UsersBase,
  settings: ServerSettings,
  emailVerified: boolean,
  onCreated?: OnCreated<S>,
): Promise<UsersRead> {
  const approve = settings.signupRequireAdminApproval;
  const state: NewUserState = emailVerified
    ? {
        accessType: 'regular',
        active: !approve,
        emailVerified: true,
        pendingAdminApproval: approve,
      }
    : {
        accessType: 'regular',
        active: false,
        emailVerified: false,
        pendingAdminApproval: approve,
        awaitingVerification: true,
      };
  return insertUser(s, profile, state, NO_PASSWORD, onCreated);
}

/** The account state a new sign-up starts in, exactly as the seed decides it. */
export function signupState(
  settings: Pick<ServerSettings, 'signupRequireEmailVerification' | 'signupRequireAdminApproval'>,
): NewUserState {
  const verify = settings.signupRequireEmailVerification;
  const approve = settings.signupRequireAdminApproval;
  if (!verify && !approve) {
    return {
      accessType: 'regular',
      active: true,
      emailVerified: true,
      pendingAdminApproval: false,
    };
  }
  return {
    accessType: 'regular',
    active: false,
    emailVerified: false,
    pendingAdminApproval: approve,
    awaitingVerification: verify,
  };
}

/**
 * A person signs up: always a regular user; active, emailVerified and pendingAdminApproval follow the
 * sign-up settings. The password policy for regular users applies.
 */
export async function createSignupUser<S extends UserDeps & { hasher: PasswordHasher }>(
  s: S,
  input: UsersSignup,
  settings: ServerSettings,
  onCreated?: OnCreated<S>,
): Promise<UsersRead> {
  const passwordHash = await checkPasswordAndHash(input.password, settings, 'regular', s.hasher);
  const profile = { ...input, preferredLanguage: input.preferredLanguage ?? DEFAULT_LANGUAGE };
  return insertUser(s, profile, signupState(settings), passwordHash, onCreated);
}

/**
 * The seed's `checkUserIsActive`: explains why an account cannot sign in (after a correct password),
 * naming the step the person can take next.
 */
export function checkUserIsActive(
  user: Pick<UsersRead, 'active' | 'emailVerified' | 'pendingAdminApproval'> & {
    awaitingVerification?: boolean;
  },
): void {
  if (user.active) return;
  if (user.awaitingVerification ?? !user.emailVerified)
    throw new AccountBlocked('email_unverified');
  if (user.pendingAdminApproval) throw new AccountBlocked('pending_approval');
  throw new AccountBlocked('inactive');
}

/**
 * Whether taking this user away (deleting, rejecting, demoting, deactivating or marking them
 * pending) would leave no active admin to rely on. Call it inside the changing transaction.
 */
export async function removingLeavesNoAdmin(
  db: Db,
  user: Pick<UsersRead, 'accessType' | 'active' | 'pendingAdminApproval'>,
): Promise<boolean> {
  if (user.accessType !== 'admin' || !user.active) return false;
  const others = (await countActiveAdmins(db)) - (user.pendingAdminApproval ? 0 : 1);
  return others < 1;
}

const LAST_ADMIN_WHY = {
  deactivate: 'deactivating this one',
  demote: 'removing this one’s rights',
  pending: 'marking this one as pending',
  delete: 'deleting this one',
  reject: 'rejecting this one',
};

/** Refuses a change that would leave no active admin; `details.action` names the change. */
export function lastAdmin(action: keyof typeof LAST_ADMIN_WHY): LastAdmin {
  const error = new LastAdmin(
    `This is the last active administrator: make another user an administrator before ${LAST_ADMIN_WHY[action]}.`,
  );
  error.details = { action };
  return error;
}

/**
 * Changes any subset of a user's fields (admin or self-service; the caller's schema decides which
 * keys can arrive). Keeps the last active admin: they can be neither demoted, deactivated nor
 * marked pending. A changed address voids every link sent before.
 */
export async function editUser(
  s: UserDeps,
  id: number,
  patch: UsersAdminUpdate,
): Promise<UsersRead> {
  try {
    return await inTransaction(s, async (tx) => {
      const current = await getUserByIdOr404(tx.db, id);
      const action =
        patch.active === false
          ? 'deactivate'
          : patch.accessType === 'regular'
            ? 'demote'
            : patch.pendingAdminApproval === true && !current.pendingAdminApproval
              ? 'pending'
              : null;
      if (action && (await removingLeavesNoAdmin(tx.db, current))) throw lastAdmin(action);
      await updateUserRow(tx.db, id, {
        ...userFieldValues(patch),
        // Deactivated by hand: confirming the address later must not switch the account back on.
        ...(patch.active === false ? { awaitingVerification: false } : {}),
        // Marked verified by hand: no sign-up confirmation is awaited any more.
        ...(patch.emailVerified === true ? { awaitingVerification: false } : {}),
        updatedAt: tx.clock.now(),
      });
      // A link sent to the old address must not work once the address is another one.
      if (patch.email !== undefined && patch.email !== current.email) {
        await voidEmailTokens(tx, id, ALL_TOKEN_PURPOSES);
      }
      return getUserByIdOr404(tx.db, id);
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      const field = uniqueViolationColumn(error);
      if (field === 'email') throw emailTaken();
      if (field === 'username') throw usernameTaken();
      throw new Conflict('SIGNUP_CONFLICT', 'This username or email address is already in use.');
    }
    throw error;
  }
}

export function notPending(): InvalidInput {
  return new InvalidInput('This user is not waiting for approval.', undefined, 'NOT_PENDING');
}

/**
 * Approves a pending sign-up and activates it. Refuses while the email is unverified, unless the
 * server does not require verification: the seed refused always, which left approval-only sign-ups
 * stuck forever. Conditional: of two admins approving at once, one approves.
 */
export async function approveUser(
  s: UserDeps,
  id: number,
  options: { requireVerifiedEmail: boolean },
): Promise<UsersRead> {
  const user = await getUserByIdOr404(s.db, id);
  if (!user.pendingAdminApproval) throw notPending();
  if (options.requireVerifiedEmail && !user.emailVerified) {
    throw new InvalidInput(
      'This user has not verified their email address yet.',
      undefined,
      'EMAIL_UNVERIFIED_FOR_APPROVAL',
    );
  }
  if (!(await markApproved(s.db, id, s.clock.now()))) throw notPending();
  return getUserByIdOr404(s.db, id);
}

/**
 * Marks the email verified. A sign-up waiting for this confirmation becomes active unless it also
 * waits for approval; an account an admin deactivated stays inactive.
 */
export async function verifyUserEmail(s: UserDeps, id: number): Promise<UsersRead> {
  const state = await getVerificationState(s.db, id);
  if (!state) throw new UserNotFound();
  const activate = state.awaitingVerification && !state.pendingAdminApproval;
  await updateUserRow(s.db, id, {
    emailVerified: true,
    awaitingVerification: false,
    ...(activate ? { active: true } : {}),
    updatedAt: s.clock.now(),
  });
  return getUserByIdOr404(s.db, id);
}

/**
 * Sets a new password under the policy of the user's access type, through the one
 * `replacePasswordHash` (which ends pending sign-ins and voids links). The hash is computed before
 * the transaction opens, so no lock is held while bcrypt runs.
 */
export async function editUserPassword<S extends UserDeps & { hasher: PasswordHasher }>(
  s: S,
  id: number,
  password: string,
  sessions: SessionsAfterPasswordChange,
  onChanged?: (tx: S, user: UsersRead, sessionsEnded: number) => Promise<void>,
): Promise<void> {
  const user = await getUserByIdOr404(s.db, id);
  const settings = await getServerSettings(s.db);
  const passwordHash = await checkPasswordAndHash(password, settings, user.accessType, s.hasher);
  await inTransaction(s, async (tx) => {
    const ended = await replacePasswordHash(tx, id, passwordHash, sessions);
    if (onChanged) await onChanged(tx, user, ended);
  });
}

/**
 * Points a user at a new photo (or none) and returns the name it replaced, so the caller can
 * remove that file. A compare-and-swap: of two uploads at once, each learns the name it really
 * replaced, so neither file is orphaned and none is removed while still in use.
 */
export async function updateUserPhoto(
  s: UserDeps,
  id: number,
  photoPath: string | null,
): Promise<string | null> {
  for (let attempt = 0; attempt < 10; attempt += 1) {
    const previous = await getPhotoPath(s.db, id);
    if (previous === undefined) throw new UserNotFound();
    if (await swapPhotoPath(s.db, id, previous, photoPath, s.clock.now())) return previous;
  }
  throw new Error('The photo kept changing while it was being replaced.');
}

export interface MfaState {
  enabled: boolean;
  /** Encrypted secret, or null to clear it. */
  secret: string | null;
  lastUsedStep?: number | null;
}

export async function updateUserMfa(s: UserDeps, id: number, state: MfaState): Promise<void> {
  const changed = await updateUserRow(s.db, id, {
    mfaEnabled: state.enabled,
    mfaSecret: state.secret,
    ...(state.lastUsedStep === undefined ? {} : { mfaLastUsedStep: state.lastUsedStep }),
    updatedAt: s.clock.now(),
  });
  if (!changed) throw new UserNotFound();
}

/**
 * Deletes the user with everything of theirs (sessions, pending logins, tokens, privacy row and
 * backup codes go by cascade, in the same statement) in one transaction, with whatever `onDeleted`
 * adds to it, and then their photo file once that has committed. The last active admin cannot go.
 * With `onlyPending`, only a user still pending (a rejection racing an approval loses).
 */
export async function deleteUser<S extends UserDeps & { photosDir: string }>(
  s: S,
  id: number,
  options: {
    onDeleted?: (tx: S, user: UsersRead) => Promise<void>;
    onlyPending?: boolean;
  } = {},
): Promise<UsersRead> {
  const user = await inTransaction(s, async (tx) => {
    const found = await getUserByIdOr404(tx.db, id);
    if (options.onlyPending && !found.pendingAdminApproval) throw notPending();
    if (await removingLeavesNoAdmin(tx.db, found)) {
      throw lastAdmin(options.onlyPending ? 'reject' : 'delete');
    }
    const deleted = options.onlyPending
      ? await deletePendingUserRow(tx.db, id)
      : await deleteUserRow(tx.db, id);
    if (!deleted) throw options.onlyPending ? notPending() : new UserNotFound();
    if (options.onDeleted) await options.onDeleted(tx, found);
    return found;
  });
  await deleteUserPhotoFilesystem(s.photosDir, user.photoPath);
  return user;
}
