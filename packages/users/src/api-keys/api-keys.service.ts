import { logSecurityEvent } from '../audit/log';
import { verifyStepUp } from '../auth/step-up';
import { DAY, MINUTE, toIso } from '../clock';
import { DomainError, LimitReached, NotAuthenticated, NotFound, Throttled } from '../errors';
import {
  ADMIN_SCOPES,
  API_KEY_PATTERN,
  type ApiKeyRead,
  type ApiKeyScope,
  API_KEY_SCOPES,
  type CreateApiKeyInput,
  type CreatedApiKey,
} from '../schemas/api-keys';
import type { UsersRead } from '../schemas/users';
import { inTransaction } from '../db/transaction';
import type { RequestMeta, Services } from '../services';
import { takeNetworkFailure } from '../throttle/throttle';
import { toUsersRead } from '../users/users.columns';
import { getUserByIdOr404, lockUserRow } from '../users/users.repository';
import { constantTimeEqual, generateToken, hashToken } from '../util/tokens';
import {
  type ApiKeyListRow,
  countApiKeysOfUser,
  deleteApiKeyOfUser,
  getApiKeyWithUser,
  insertApiKey,
  listApiKeysOfUser,
  touchApiKey,
} from './api-keys.repository';
import { mayUseAdminScopes } from './scopes';

/** `last_used_at` is written at most this often, so a busy script does not write on every call. */
const TOUCH_INTERVAL_MS = MINUTE;

/** How much of a key a list shows: `rst_` and 8 characters (48 of its 256 bits). */
const PREFIX_LENGTH = 12;

/**
 * How many keys one account may hold, expired ones included until they are revoked: a bound on
 * what one password can write, far above what any person or script needs.
 */
export const MAX_API_KEYS_PER_USER = 100;

const tooManyKeys = () =>
  new LimitReached(
    'API_KEY_LIMIT',
    MAX_API_KEYS_PER_USER,
    `An account can hold at most ${String(MAX_API_KEYS_PER_USER)} API keys. Revoke one you no longer use, then try again.`,
  );

const parseScopes = (text: string): ApiKeyScope[] =>
  text.split(' ').filter((scope): scope is ApiKeyScope => API_KEY_SCOPES.includes(scope as never));

function toRead(row: ApiKeyListRow): ApiKeyRead {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: parseScopes(row.scopes),
    createdAt: toIso(row.createdAt),
    lastUsedAt: row.lastUsedAt === null ? null : toIso(row.lastUsedAt),
    expiresAt: row.expiresAt === null ? null : toIso(row.expiresAt),
  };
}

export async function listApiKeys(s: Pick<Services, 'db'>, userId: number): Promise<ApiKeyRead[]> {
  return (await listApiKeysOfUser(s.db, userId)).map(toRead);
}

/**
 * A new key for the signed-in user, after a step-up. The key is returned once; only its SHA-256
 * is stored. The admin scopes are for active administrators only.
 */
export async function createApiKey(
  s: Services,
  user: UsersRead,
  meta: RequestMeta,
  input: CreateApiKeyInput,
): Promise<CreatedApiKey> {
  if (input.scopes.some((scope) => ADMIN_SCOPES.includes(scope)) && !mayUseAdminScopes(user)) {
    throw new DomainError(
      'NOT_ALLOWED',
      'Only administrators can give a key the admin scopes.',
      'scopes',
    );
  }
  // Judged before the step-up too, so that a full account spends no attempt on a refusal.
  if ((await countApiKeysOfUser(s.db, user.id)) >= MAX_API_KEYS_PER_USER) throw tooManyKeys();
  await verifyStepUp(s, user, meta, input.stepUp);
  const key = `rst_${generateToken()}`;
  const now = s.clock.now();
  const row = await inTransaction(s, async (tx) => {
    // Creations of one account wait for each other here, so that the count holds under load.
    await lockUserRow(tx.db, user.id, now);
    if ((await countApiKeysOfUser(tx.db, user.id)) >= MAX_API_KEYS_PER_USER) throw tooManyKeys();
    const inserted = await insertApiKey(tx.db, {
      userId: user.id,
      name: input.name,
      prefix: key.slice(0, PREFIX_LENGTH),
      keyHash: hashToken(key),
      // Stored in one order, whatever order they were asked in.
      scopes: API_KEY_SCOPES.filter((scope) => input.scopes.includes(scope)).join(' '),
      createdAt: now,
      lastUsedAt: null,
      expiresAt: input.expiresInDays === null ? null : now + input.expiresInDays * DAY,
    });
    await logSecurityEvent(tx, {
      event: 'api_key_created',
      userId: user.id,
      ...meta,
      details: { name: input.name, scopes: inserted.scopes },
    });
    return inserted;
  });
  return { key, apiKey: toRead(row) };
}

const keyGone = () => new NotFound('This API key no longer exists.');

/** The owner revokes one of their keys: it stops working on the next call. */
export async function revokeApiKey(
  s: Services,
  userId: number,
  meta: RequestMeta,
  id: number,
): Promise<void> {
  if (!(await deleteApiKeyOfUser(s.db, userId, id))) throw keyGone();
  await logSecurityEvent(s, { event: 'api_key_revoked', userId, ...meta, details: { id } });
}

/** A user's keys, as an administrator sees them. */
export async function adminListApiKeys(
  s: Pick<Services, 'db'>,
  userId: number,
): Promise<ApiKeyRead[]> {
  await getUserByIdOr404(s.db, userId);
  return listApiKeys(s, userId);
}

/** An administrator revokes a user's key. */
export async function adminRevokeApiKey(
  s: Services,
  actor: { id: number },
  meta: RequestMeta,
  userId: number,
  id: number,
): Promise<void> {
  await getUserByIdOr404(s.db, userId);
  if (!(await deleteApiKeyOfUser(s.db, userId, id))) throw keyGone();
  await logSecurityEvent(s, {
    event: 'admin_api_key_revoked',
    userId,
    actorId: actor.id,
    ...meta,
    details: { id },
  });
}

/** Who a call made with a key acts as, and what it may do. */
export interface ApiKeyCaller {
  keyId: number;
  scopes: ApiKeyScope[];
  user: UsersRead;
}

/**
 * Resolves `Authorization: Bearer rst_…` to its owner with one indexed read. A wrong, expired or
 * revoked key, or one whose owner is inactive, is refused with one generic UNAUTHORIZED and counts
 * as a failure of the client's network (the sign-in throttle's 50 per 15 minutes); once that is
 * used up, wrong keys are refused with 429 before they are counted. A right key is never slowed by
 * its network's failures: a key is 256 random bits, which no number of guesses reaches.
 */
export async function authenticateApiKey(
  s: Services,
  key: string,
  meta: RequestMeta,
): Promise<ApiKeyCaller> {
  const now = s.clock.now();
  if (API_KEY_PATTERN.test(key)) {
    const keyHash = hashToken(key);
    const row = await getApiKeyWithUser(s.db, keyHash);
    if (row && constantTimeEqual(row.keyHash, keyHash)) {
      const user = toUsersRead(row);
      const live = row.expiresAt === null || now < row.expiresAt;
      if (live && user.active) {
        if (row.lastUsedAt === null || now - row.lastUsedAt >= TOUCH_INTERVAL_MS) {
          await touchApiKey(s.db, row.keyId, now, TOUCH_INTERVAL_MS);
        }
        return { keyId: row.keyId, scopes: parseScopes(row.scopes), user };
      }
    }
  }
  try {
    await takeNetworkFailure(s, meta.ip);
  } catch (error) {
    if (error instanceof Throttled) {
      throw new Throttled(
        error.retryAfterSeconds,
        'RATE_LIMITED',
        'Too many wrong API keys from your network. Try again later.',
      );
    }
    throw error;
  }
  await logSecurityEvent(s, { event: 'api_key_refused', userId: null, ...meta });
  throw invalidApiKey();
}

export const invalidApiKey = () =>
  new NotAuthenticated('This API key is not valid, has expired or was revoked.', 'API_KEY_INVALID');
