import { type ExpressionBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';
import type { Clock } from '../clock';
import { isUniqueViolation, uniqueViolationColumn } from '../db/errors';
import { preparedQuery } from '../db/prepared';
import type { Database } from '../db/types';
import {
  AccountBlocked,
  Conflict,
  emailTaken,
  InvalidInput,
  LastAdmin,
  NotFound,
  signupConflict,
  UserNotFound,
  usernameTaken,
} from '../errors';
import type { PasswordHasher } from '../passwords/hasher';
import { checkPasswordAndHash } from '../passwords/policy';
import { DEFAULT_PRIVACY_SETTINGS } from '../schemas/privacy';
import type { ServerSettings } from '../schemas/settings';
import type {
  UsersAdminUpdate,
  UsersCreate,
  UsersListFilter,
  UsersRead,
  UsersSignup,
} from '../schemas/users';
import { getServerSettings } from '../settings/queries';
import { ALL_TOKEN_PURPOSES, voidEmailTokens } from '../tokens/email-tokens';
import { deleteUserPhotoFilesystem } from './photos';
import { USER_COLUMNS, toUsersRead } from './mapping';

type Db = Kysely<Database>;

export interface UserDeps {
  hasher: PasswordHasher;
  clock: Clock;
}

export interface ListQuery {
  search?: string | undefined;
  filter?: UsersListFilter | undefined;
}

/** `%`, `_` and the escape character itself are taken literally in a LIKE pattern. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (character) => `\\${character}`);
}

function listFilter(query: ListQuery) {
  return (eb: ExpressionBuilder<Database, 'users'>) => {
    const conditions = [];
    switch (query.filter) {
      case 'pending_approval':
        conditions.push(eb('users.pendingAdminApproval', '=', true));
        break;
      case 'unverified':
        conditions.push(eb('users.emailVerified', '=', false));
        break;
      case 'inactive':
        conditions.push(eb('users.active', '=', false));
        break;
      case 'admins':
        conditions.push(eb('users.accessType', '=', 'admin'));
        break;
      case 'all':
      case undefined:
        break;
    }
    const term = query.search?.trim().toLowerCase();
    if (term) {
      const pattern = `%${escapeLike(term)}%`;
      // username and email are stored lowercase; name is compared lowercased.
      conditions.push(
        eb.or([
          sql<boolean>`${eb.ref('users.username')} like ${pattern} escape '\\'`,
          sql<boolean>`lower(${eb.ref('users.name')}) like ${pattern} escape '\\'`,
          sql<boolean>`${eb.ref('users.email')} like ${pattern} escape '\\'`,
        ]),
      );
    }
    return eb.and(conditions);
  };
}

export async function getAllUsers(db: Db): Promise<UsersRead[]> {
  const rows = await db
    .selectFrom('users')
    .select(USER_COLUMNS)
    .orderBy('users.username')
    .execute();
  return rows.map(toUsersRead);
}

export async function getUsersNumber(db: Db, query: ListQuery = {}): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where(listFilter(query))
    .executeTakeFirstOrThrow();
  return row.count;
}

/**
 * One page, ordered by username (unique, so pages never overlap). The page's usernames are picked
 * first from an index alone (the filter and search indexes all carry the username), and only those
 * rows are read: a deep OFFSET then skips index entries, not whole rows.
 */
export async function getUsersWithPagination(
  db: Db,
  page: ListQuery & { pageNumber: number; numRecords: number },
): Promise<UsersRead[]> {
  const pageUsernames = db
    .selectFrom('users')
    .select('users.username')
    .where(listFilter(page))
    .orderBy('users.username')
    .limit(page.numRecords)
    .offset((page.pageNumber - 1) * page.numRecords);
  const rows = await db
    .selectFrom('users')
    .select(USER_COLUMNS)
    .where('users.username', 'in', pageUsernames)
    .orderBy('users.username')
    .execute();
  return rows.map(toUsersRead);
}

export async function getUserByUsername(db: Db, username: string): Promise<UsersRead | null> {
  const row = await db
    .selectFrom('users')
    .select(USER_COLUMNS)
    .where('users.username', '=', username.trim().toLowerCase())
    .executeTakeFirst();
  return row ? toUsersRead(row) : null;
}

export async function getUserByEmail(db: Db, email: string): Promise<UsersRead | null> {
  const row = await db
    .selectFrom('users')
    .select(USER_COLUMNS)
    .where('users.email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
  return row ? toUsersRead(row) : null;
}

export async function getUserById(db: Db, id: number): Promise<UsersRead | null> {
  const row = await db
    .selectFrom('users')
    .select(USER_COLUMNS)
    .where('users.id', '=', id)
    .executeTakeFirst();
  return row ? toUsersRead(row) : null;
}

export async function getUserByIdOr404(db: Db, id: number): Promise<UsersRead> {
  const user = await getUserById(db, id);
  if (!user) throw new UserNotFound();
  return user;
}

export async function getUsersAdmin(db: Db): Promise<UsersRead[]> {
  const rows = await db
    .selectFrom('users')
    .select(USER_COLUMNS)
    .where('users.accessType', '=', 'admin')
    .orderBy('users.username')
    .execute();
  return rows.map(toUsersRead);
}

export async function getAdminUsersOr404(db: Db): Promise<UsersRead[]> {
  const admins = await getUsersAdmin(db);
  if (admins.length === 0) throw new NotFound('There is no administrator.');
  return admins;
}

/**
 * Counts the admins one can rely on: `active`, and not marked pending. Inside a transaction on PostgreSQL it also locks their rows
 * until commit: two admins removed at the same moment would otherwise each see the other still
 * active and both go, leaving none. (SQLite runs one write transaction at a time already.)
 */
export async function countActiveAdmins(db: Db): Promise<number> {
  const query = db
    .selectFrom('users')
    .select('users.id')
    .where('users.accessType', '=', 'admin')
    .where('users.active', '=', true)
    // An admin marked pending is on the way to being rejected: not one to rely on.
    .where('users.pendingAdminApproval', '=', false)
    // Always locked in the same order, so two such transactions wait for each other, never deadlock.
    .orderBy('users.id');
  const lock = db.isTransaction && db.getExecutor().adapter instanceof PostgresAdapter;
  const rows = await (lock ? query.forUpdate() : query).execute();
  return rows.length;
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

const credentialsBy = (column: 'users.username' | 'users.email') =>
  preparedQuery((db, key: string) =>
    db
      .selectFrom('users')
      .select([
        ...USER_COLUMNS,
        'users.passwordHash',
        'users.mfaSecret',
        'users.mfaLastUsedStep',
        'users.awaitingVerification',
      ])
      .where(column, '=', key),
  );
const credentialsByUsername = credentialsBy('users.username');
const credentialsByEmail = credentialsBy('users.email');

/** The stored credentials of the account a login names (username or email, any case). */
export async function getUserCredentials(db: Db, login: string) {
  const key = login.trim().toLowerCase();
  const [row] = await (key.includes('@') ? credentialsByEmail : credentialsByUsername)(db, key);
  return row;
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

export async function createUserDefaultData(db: Db, userId: number): Promise<void> {
  await db
    .insertInto('userPrivacySettings')
    .values({ userId, ...DEFAULT_PRIVACY_SETTINGS })
    .execute();
}

/** Runs inside the creating transaction: for rows and emails that must commit with the user. */
export type OnCreated = (trx: Db, user: UsersRead) => Promise<void>;

type NewUserState = Pick<
  UsersCreate,
  'accessType' | 'active' | 'emailVerified' | 'pendingAdminApproval'
> & { awaitingVerification?: boolean };

/**
 * Inserts the user and their default rows in one transaction. A taken username or email is one
 * generic CONFLICT whatever the case of the input.
 */
async function insertUser(
  db: Db,
  clock: Clock,
  profile: Omit<UsersSignup, 'password'>,
  state: NewUserState,
  passwordHash: string,
  onCreated?: OnCreated,
): Promise<UsersRead> {
  const now = clock.now();
  const run = async (trx: Db) => {
    const inserted = await trx
      .insertInto('users')
      .values({
        name: profile.name,
        username: profile.username.toLowerCase(),
        email: profile.email.toLowerCase(),
        passwordHash,
        city: profile.city,
        birthdate: profile.birthdate,
        preferredLanguage: profile.preferredLanguage,
        gender: profile.gender,
        units: profile.units,
        height: profile.height,
        maxHeartRate: profile.maxHeartRate,
        firstDayOfWeek: profile.firstDayOfWeek,
        currency: profile.currency,
        accessType: state.accessType,
        active: state.active,
        mfaEnabled: false,
        emailVerified: state.emailVerified,
        pendingAdminApproval: state.pendingAdminApproval,
        awaitingVerification: state.awaitingVerification ?? false,
        createdAt: now,
        updatedAt: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await createUserDefaultData(trx, inserted.id);
    const user = await getUserByIdOr404(trx, inserted.id);
    if (onCreated) await onCreated(trx, user);
    return user;
  };
  try {
    return db.isTransaction ? await run(db) : await db.transaction().execute(run);
  } catch (error) {
    if (isUniqueViolation(error)) throw signupConflict();
    throw error;
  }
}

/** An admin creates a user: the policy for the chosen access type applies. */
export async function createUser(
  db: Db,
  deps: UserDeps,
  input: UsersCreate,
  onCreated?: OnCreated,
): Promise<UsersRead> {
  const settings = await getServerSettings(db);
  const passwordHash = await checkPasswordAndHash(
    input.password,
    settings,
    input.accessType,
    deps.hasher,
  );
  const {
    password: _password,
    accessType,
    active,
    emailVerified,
    pendingAdminApproval,
    ...profile
  } = input;
  return insertUser(
    db,
    deps.clock,
    profile,
    { accessType, active, emailVerified, pendingAdminApproval },
    passwordHash,
    onCreated,
  );
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
export async function createSignupUser(
  db: Db,
  deps: UserDeps,
  input: UsersSignup,
  settings: ServerSettings,
  onCreated?: OnCreated,
): Promise<UsersRead> {
  const passwordHash = await checkPasswordAndHash(input.password, settings, 'regular', deps.hasher);
  const { password: _password, ...profile } = input;
  return insertUser(db, deps.clock, profile, signupState(settings), passwordHash, onCreated);
}

/**
 * Changes any subset of a user's fields (admin or self-service; the caller's schema decides which
 * keys can arrive). Keeps the last active admin: they can be neither demoted nor deactivated.
 */
export async function editUser(
  db: Db,
  deps: Pick<UserDeps, 'clock'>,
  id: number,
  patch: UsersAdminUpdate,
): Promise<UsersRead> {
  const run = async (trx: Db) => {
    const current = await getUserByIdOr404(trx, id);
    const losesAdmin =
      patch.accessType === 'regular' ||
      patch.active === false ||
      (patch.pendingAdminApproval === true && !current.pendingAdminApproval);
    if (losesAdmin && (await removingLeavesNoAdmin(trx, current))) {
      throw new LastAdmin(
        patch.active === false
          ? 'This is the last active administrator: make another user an administrator before deactivating this one.'
          : patch.accessType === 'regular'
            ? 'This is the last active administrator: make another user an administrator before removing this one’s rights.'
            : 'This is the last active administrator: make another user an administrator before marking this one as pending.',
      );
    }
    const values = {
      ...patch,
      // Deactivated by hand: confirming the address later must not switch the account back on.
      ...(patch.active === false ? { awaitingVerification: false } : {}),
      updatedAt: deps.clock.now(),
    };
    await trx.updateTable('users').set(values).where('id', '=', id).execute();
    // A link sent to the old address must not work once the address is another one.
    if (patch.email !== undefined && patch.email !== current.email) {
      await voidEmailTokens(trx, deps.clock, id, ALL_TOKEN_PURPOSES);
    }
    return getUserByIdOr404(trx, id);
  };
  try {
    return db.isTransaction ? await run(db) : await db.transaction().execute(run);
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

/**
 * Approves a pending sign-up and activates it. Refuses while the email is unverified, unless the
 * server does not require verification: the seed refused always, which left approval-only sign-ups
 * stuck forever.
 */
export async function approveUser(
  db: Db,
  deps: Pick<UserDeps, 'clock'>,
  id: number,
  options: { requireVerifiedEmail: boolean },
): Promise<UsersRead> {
  const user = await getUserByIdOr404(db, id);
  if (!user.pendingAdminApproval) throw notPending();
  if (options.requireVerifiedEmail && !user.emailVerified) {
    throw new InvalidInput(
      'This user has not verified their email address yet.',
      undefined,
      'EMAIL_UNVERIFIED_FOR_APPROVAL',
    );
  }
  // Conditional: of two admins approving at once, one approves (and one email goes out).
  const result = await db
    .updateTable('users')
    .set({ pendingAdminApproval: false, active: true, updatedAt: deps.clock.now() })
    .where('id', '=', id)
    .where('pendingAdminApproval', '=', true)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw notPending();
  return getUserByIdOr404(db, id);
}

export function notPending(): InvalidInput {
  return new InvalidInput('This user is not waiting for approval.', undefined, 'NOT_PENDING');
}

/**
 * Marks the email verified. A sign-up waiting for this confirmation becomes active unless it also
 * waits for approval; an account an admin deactivated stays inactive.
 */
export async function verifyUserEmail(
  db: Db,
  deps: Pick<UserDeps, 'clock'>,
  id: number,
): Promise<UsersRead> {
  const row = await db
    .selectFrom('users')
    .select(['awaitingVerification', 'pendingAdminApproval'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new UserNotFound();
  const activate = Boolean(row.awaitingVerification) && !row.pendingAdminApproval;
  await db
    .updateTable('users')
    .set({
      emailVerified: true,
      awaitingVerification: false,
      ...(activate ? { active: true } : {}),
      updatedAt: deps.clock.now(),
    })
    .where('id', '=', id)
    .execute();
  return getUserByIdOr404(db, id);
}

/** Runs inside the changing transaction: for rows that must commit or roll back with the change. */
export type OnChanged = (trx: Db, user: UsersRead) => Promise<void>;

/**
 * Sets a new password under the policy of the user's access type. The hash is computed before the
 * transaction opens, so no lock is held while bcrypt runs; ending sessions is the caller's, through
 * `onChanged`.
 */
export async function editUserPassword(
  db: Db,
  deps: UserDeps,
  id: number,
  password: string,
  onChanged?: OnChanged,
): Promise<void> {
  const user = await getUserByIdOr404(db, id);
  const settings = await getServerSettings(db);
  const passwordHash = await checkPasswordAndHash(password, settings, user.accessType, deps.hasher);
  const run = async (trx: Db) => {
    const result = await trx
      .updateTable('users')
      .set({ passwordHash, updatedAt: deps.clock.now() })
      .where('id', '=', id)
      .executeTakeFirst();
    // Deleted while the hash was being computed.
    if (Number(result.numUpdatedRows) === 0) throw new UserNotFound();
    if (onChanged) await onChanged(trx, user);
  };
  await (db.isTransaction ? run(db) : db.transaction().execute(run));
}

/**
 * Points a user at a new photo (or none) and returns the name it replaced, so the caller can
 * remove that file. A compare-and-swap: of two uploads at once, each learns the name it really
 * replaced, so neither file is orphaned and none is removed while still in use.
 */
export async function updateUserPhoto(
  db: Db,
  deps: Pick<UserDeps, 'clock'>,
  id: number,
  photoPath: string | null,
): Promise<string | null> {
  for (let attempt = 0; attempt < 10; attempt += 1) {
    const row = await db
      .selectFrom('users')
      .select('photoPath')
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw new UserNotFound();
    const previous = row.photoPath;
    const result = await db
      .updateTable('users')
      .set({ photoPath, updatedAt: deps.clock.now() })
      .where('id', '=', id)
      .where((eb) =>
        previous === null ? eb('photoPath', 'is', null) : eb('photoPath', '=', previous),
      )
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 1) return previous;
  }
  throw new Error('The photo kept changing while it was being replaced.');
}

export interface MfaState {
  enabled: boolean;
  /** Encrypted secret, or null to clear it. */
  secret: string | null;
  lastUsedStep?: number | null;
}

export async function updateUserMfa(
  db: Db,
  deps: Pick<UserDeps, 'clock'>,
  id: number,
  state: MfaState,
): Promise<void> {
  const result = await db
    .updateTable('users')
    .set({
      mfaEnabled: state.enabled,
      mfaSecret: state.secret,
      ...(state.lastUsedStep === undefined ? {} : { mfaLastUsedStep: state.lastUsedStep }),
      updatedAt: deps.clock.now(),
    })
    .where('id', '=', id)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new UserNotFound();
}

/**
 * Deletes the user with everything of theirs (sessions, pending logins, tokens, privacy row and
 * backup codes go by cascade, in the same statement) in one transaction, with whatever `onDeleted`
 * adds to it, and then their photo file once that has committed. The last active admin cannot go.
 */
export async function deleteUser(
  db: Db,
  id: number,
  options: { photosDir: string; onDeleted?: OnChanged },
): Promise<void> {
  const run = async (trx: Db) => {
    const user = await getUserByIdOr404(trx, id);
    if (await removingLeavesNoAdmin(trx, user)) {
      throw new LastAdmin(
        'This is the last active administrator: make another user an administrator before deleting this one.',
      );
    }
    await trx.deleteFrom('users').where('id', '=', id).execute();
    if (options.onDeleted) await options.onDeleted(trx, user);
    return user;
  };
  const user = db.isTransaction ? await run(db) : await db.transaction().execute(run);
  await deleteUserPhotoFilesystem(options.photosDir, user.photoPath);
}
