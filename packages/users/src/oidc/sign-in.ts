import { logSecurityEvent } from '../audit/log';
import { createPendingLogin } from '../auth/pending-login';
import { queueApprovalNotice, queueSignupVerification } from '../auth/notify';
import { MINUTE } from '../clock';
import { isUniqueViolation } from '../db/errors';
import { inTransaction } from '../db/transaction';
import { AccountBlocked, DomainError, ProviderSignInRefused } from '../errors';
import type { UsersMe, UsersRead } from '../schemas/users';
import type { RequestMeta, Services } from '../services';
import { type CreatedSession, createSession } from '../sessions/sessions.service';
import { getServerSettings } from '../settings/settings.repository';
import { getUserMe } from '../users/me';
import {
  getUserByEmail,
  getUserById,
  getUserByUsername,
  getUserCredentials,
} from '../users/users.repository';
import { checkUserIsActive, createProviderUser } from '../users/users.service';
import { takeProviderStartAllowance } from '../throttle/throttle';
import { safeNextPath } from '../util/safe-path';
import { openSecret, sealSecret } from '../util/secret-box';
import { constantTimeEqual, hashToken } from '../util/tokens';
import {
  buildAuthorization,
  failureOf,
  finishAuthorization,
  type ProviderClaims,
  providerConfiguration,
} from './client';
import { findIdentity, insertIdentity, touchIdentity } from './identities.repository';
import {
  getIdentityProviderRow,
  getIdentityProviderRowBySlug,
  type IdentityProviderRow,
} from './identity-providers.repository';
import { deleteOidcFlowsExpiredBy, insertOidcFlow, takeOidcFlow } from './oidc-flows.repository';
import { callbackUrlFor, connectionOf } from './providers.service';

/** A sign-in through a provider must come back within this long. */
export const OIDC_FLOW_MS = 10 * MINUTE;

/** Where a link started from the security page ends. */
export const LINK_DONE_PATH = '/settings/security';

export type FlowPurpose = 'sign_in' | 'link';

const unavailable = () =>
  new ProviderSignInRefused('NOT_FOUND', 'This way of signing in is not available.');

async function enabledProvider(s: Services, slug: string): Promise<IdentityProviderRow> {
  const provider = await getIdentityProviderRowBySlug(s.db, slug);
  if (!provider?.enabled) throw unavailable();
  return provider;
}

async function configurationOf(s: Services, provider: IdentityProviderRow) {
  try {
    return await providerConfiguration(connectionOf(s, provider));
  } catch (error) {
    s.logger.warn(`identity provider ${provider.slug}: discovery failed: ${failureOf(error).log}`);
    throw new ProviderSignInRefused(
      'PROVIDER_UNAVAILABLE',
      `${provider.name} cannot be reached right now. Try again later.`,
    );
  }
}

/**
 * Starts a sign-in (or, for a signed-in user, a link) at a provider: the authorization URL to send
 * the browser to. The flow (PKCE verifier, nonce sealed; state hashed) waits in the database for
 * its callback, tied to this browser by `browserToken` (a cookie), so a callback URL handed to
 * someone else signs no one in.
 */
export async function startProviderFlow(
  s: Services,
  input: {
    slug: string;
    purpose: FlowPurpose;
    userId?: number;
    next?: string | null;
    browserToken: string;
    /** The client's address, for the per-network allowance of started flows. */
    ip: string | null;
  },
): Promise<URL> {
  const provider = await enabledProvider(s, input.slug);
  await takeProviderStartAllowance(s, input.ip);
  const config = await configurationOf(s, provider);
  const start = await buildAuthorization(config, {
    redirectUri: callbackUrlFor(s.appUrl, provider.slug).toString(),
    scope: provider.scopes,
  });
  const now = s.clock.now();
  await deleteOidcFlowsExpiredBy(s.db, now);
  await insertOidcFlow(s.db, {
    stateHash: hashToken(start.state),
    providerId: provider.id,
    purpose: input.purpose,
    userId: input.userId ?? null,
    browserHash: hashToken(input.browserToken),
    secrets: sealSecret(
      s.idpKey,
      JSON.stringify({ nonce: start.nonce, codeVerifier: start.codeVerifier }),
    ),
    nextPath: input.purpose === 'link' ? LINK_DONE_PATH : safeNextPath(input.next),
    createdAt: now,
    expiresAt: now + OIDC_FLOW_MS,
  });
  return start.url;
}

export type ProviderCallbackResult =
  | { kind: 'signed_in'; user: UsersMe; session: CreatedSession; next: string }
  | { kind: 'mfa_required'; pendingToken: string; expiresAt: number; next: string }
  | { kind: 'linked'; next: string };

/** What the person sees on failure, by code; the details go to the log only. */
const FAILURES = {
  cancelled: new ProviderSignInRefused(
    'SIGN_IN_CANCELLED',
    'The sign-in was cancelled at the identity provider.',
  ),
  failed: new ProviderSignInRefused(
    'SIGN_IN_FAILED',
    'The identity provider’s answer could not be accepted. Try again.',
  ),
  unavailable: new ProviderSignInRefused(
    'PROVIDER_UNAVAILABLE',
    'The identity provider cannot be reached right now. Try again later.',
  ),
};

const expired = () =>
  new ProviderSignInRefused(
    'SIGN_IN_EXPIRED',
    'This sign-in has expired or was already used. Start again.',
  );

/**
 * Ends a flow at its callback: `query` is what the provider appended to the callback URL. The
 * flow is used up whatever happens next; every check of the answer is openid-client's.
 */
export async function finishProviderFlow(
  s: Services,
  meta: RequestMeta,
  input: { slug: string; query: URLSearchParams; browserToken: string | undefined },
): Promise<ProviderCallbackResult> {
  const state = input.query.get('state');
  if (!state) throw FAILURES.failed;
  const flow = await takeOidcFlow(s.db, hashToken(state));
  if (!flow || flow.expiresAt <= s.clock.now()) throw expired();
  const provider = await getIdentityProviderRow(s.db, flow.providerId);
  if (provider?.slug !== input.slug || !provider.enabled) throw unavailable();
  const presented = input.browserToken ? hashToken(input.browserToken) : '';
  if (!constantTimeEqual(presented, flow.browserHash)) {
    // Started in another browser: a link someone was sent, or a sign-in forced on them.
    await refuse(s, meta, provider, flow.userId, 'other browser');
    throw FAILURES.failed;
  }
  const saved = JSON.parse(openSecret(s.idpKey, flow.secrets)) as {
    nonce: string;
    codeVerifier: string;
  };
  const config = await configurationOf(s, provider);
  const callbackUrl = callbackUrlFor(s.appUrl, provider.slug);
  callbackUrl.search = input.query.toString();
  let claims: ProviderClaims;
  try {
    claims = await finishAuthorization(config, callbackUrl, { state, ...saved });
  } catch (error) {
    const failure = failureOf(error);
    await refuse(s, meta, provider, flow.userId, failure.log);
    throw FAILURES[failure.kind];
  }

  if (flow.purpose === 'link' && flow.userId !== null) {
    await linkIdentity(s, meta, provider, flow.userId, claims);
    return { kind: 'linked', next: flow.nextPath ?? LINK_DONE_PATH };
  }
  const next = flow.nextPath ?? safeNextPath(null);
  let user: UsersRead;
  try {
    user = await personOf(s, meta, provider, claims);
  } catch (error) {
    if (error instanceof DomainError) {
      await refuse(s, meta, provider, null, error.code);
    }
    throw error;
  }
  return signIn(s, meta, provider, user, next);
}

async function refuse(
  s: Services,
  meta: RequestMeta,
  provider: IdentityProviderRow,
  userId: number | null,
  why: string,
): Promise<void> {
  s.logger.warn(`identity provider ${provider.slug}: sign-in refused: ${why}`);
  await logSecurityEvent(s, {
    event: 'provider_login_refused',
    userId,
    ...meta,
    details: { provider: provider.slug, reason: why.slice(0, 120) },
  });
}

async function linkIdentity(
  s: Services,
  meta: RequestMeta,
  provider: IdentityProviderRow,
  userId: number,
  claims: ProviderClaims,
): Promise<void> {
  const existing = await findIdentity(s.db, provider.id, claims.sub);
  if (existing && existing.userId !== userId) {
    await refuse(s, meta, provider, userId, 'identity taken');
    throw new ProviderSignInRefused(
      'IDENTITY_TAKEN',
      'This account at the identity provider is already linked to another Roster account.',
    );
  }
  if (existing) {
    await touchIdentity(s.db, existing.id, { email: claims.email, now: s.clock.now() });
    return;
  }
  try {
    await inTransaction(s, async (tx) => {
      await insertIdentity(tx.db, {
        userId,
        providerId: provider.id,
        subject: claims.sub,
        email: claims.email,
        now: s.clock.now(),
      });
      await logSecurityEvent(tx, {
        event: 'identity_linked',
        userId,
        ...meta,
        details: { provider: provider.slug },
      });
    });
  } catch (error) {
    // Linked at the same moment by another callback: to this user, fine; to another, taken.
    if (!isUniqueViolation(error)) throw error;
    const winner = await findIdentity(s.db, provider.id, claims.sub);
    if (winner?.userId !== userId) {
      throw new ProviderSignInRefused(
        'IDENTITY_TAKEN',
        'This account at the identity provider is already linked to another Roster account.',
      );
    }
  }
}

/** Who the person is at Roster: their identity, a verified email to link, or a new account. */
async function personOf(
  s: Services,
  meta: RequestMeta,
  provider: IdentityProviderRow,
  claims: ProviderClaims,
  retried = false,
): Promise<UsersRead> {
  const identity = await findIdentity(s.db, provider.id, claims.sub);
  if (identity) {
    await touchIdentity(s.db, identity.id, { email: claims.email, now: s.clock.now() });
    const user = await getUserById(s.db, identity.userId);
    if (user) return user;
  }
  if (!claims.email) {
    throw new ProviderSignInRefused(
      'EMAIL_REQUIRED',
      'The identity provider did not share an email address, which Roster needs.',
    );
  }
  const verified = Boolean(provider.trustEmailVerified) && claims.emailVerified;
  try {
    const owner = await getUserByEmail(s.db, claims.email);
    if (owner) {
      if (!(provider.autoLinkVerifiedEmail && verified)) {
        throw new ProviderSignInRefused(
          'ACCOUNT_EXISTS',
          'An account with this email address already exists. Sign in to it, then link the identity provider from the security page.',
        );
      }
      await inTransaction(s, async (tx) => {
        await insertIdentity(tx.db, {
          userId: owner.id,
          providerId: provider.id,
          subject: claims.sub,
          email: claims.email,
          now: s.clock.now(),
        });
        await logSecurityEvent(tx, {
          event: 'identity_linked',
          userId: owner.id,
          ...meta,
          details: { provider: provider.slug, by: 'verified_email' },
        });
      });
      return owner;
    }
    return await signUpThroughProvider(
      s,
      meta,
      provider,
      { ...claims, email: claims.email },
      verified,
    );
  } catch (error) {
    // Another callback created the identity, the account or the username at the same moment:
    // decide again from what is stored now.
    if (!retried && (isUniqueViolation(error) || isSignupConflict(error))) {
      return personOf(s, meta, provider, claims, true);
    }
    throw error;
  }
}

const isSignupConflict = (error: unknown) =>
  error instanceof DomainError && error.code === 'SIGNUP_CONFLICT';

/** `preferred_username` or the email's local part, cleaned to `[a-z0-9.]` and made unique. */
async function freeUsername(s: Services, claims: ProviderClaims, email: string): Promise<string> {
  const wanted = (claims.preferredUsername ?? email.split('@')[0] ?? '')
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9.]/g, '')
    .replace(/^\.+|\.+$/g, '')
    .slice(0, 40);
  const base = wanted.length >= 3 ? wanted : `user${wanted}`;
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const candidate = attempt === 0 ? base : `${base}${String(attempt + 1)}`;
    if (!(await getUserByUsername(s.db, candidate))) return candidate;
  }
  return `${base}${hashToken(claims.sub).slice(0, 8)}`;
}

async function signUpThroughProvider(
  s: Services,
  meta: RequestMeta,
  provider: IdentityProviderRow,
  claims: ProviderClaims & { email: string },
  verified: boolean,
): Promise<UsersRead> {
  const settings = await getServerSettings(s.db);
  if (!settings.signupEnabled || !provider.allowSignup) {
    throw new ProviderSignInRefused(
      'SIGNUP_DISABLED',
      'This server does not accept new sign-ups. Ask an administrator to create an account for you.',
    );
  }
  const username = await freeUsername(s, claims, claims.email);
  const user = await createProviderUser(
    s,
    {
      name: (claims.name ?? username).slice(0, 250),
      username,
      email: claims.email,
      preferredLanguage: meta.language ?? 'us',
      city: null,
      birthdate: null,
      gender: 'unspecified',
      units: settings.units,
      height: null,
      maxHeartRate: null,
      firstDayOfWeek: 'monday',
      currency: settings.currency,
    },
    settings,
    verified,
    async (tx, created) => {
      await insertIdentity(tx.db, {
        userId: created.id,
        providerId: provider.id,
        subject: claims.sub,
        email: claims.email,
        now: s.clock.now(),
      });
      if (!verified) await queueSignupVerification(tx, created);
      else if (settings.signupRequireAdminApproval) await queueApprovalNotice(tx, created);
      await logSecurityEvent(tx, {
        event: 'signup',
        userId: created.id,
        ...meta,
        details: { provider: provider.slug },
      });
    },
  );
  s.mailer.wake();
  return user;
}

/** The account's state decides as at password sign-in; MFA follows when the provider asks it. */
async function signIn(
  s: Services,
  meta: RequestMeta,
  provider: IdentityProviderRow,
  user: UsersRead,
  next: string,
): Promise<ProviderCallbackResult> {
  const record = await getUserCredentials(s.db, user.username);
  try {
    checkUserIsActive({ ...user, awaitingVerification: Boolean(record?.awaitingVerification) });
  } catch (error) {
    if (error instanceof AccountBlocked) {
      await logSecurityEvent(s, {
        event: 'login_blocked',
        userId: user.id,
        ...meta,
        details: { provider: provider.slug },
      });
    }
    throw error;
  }
  if (user.mfaEnabled && provider.requireLocalMfa) {
    const pending = await createPendingLogin(s, user.id, meta);
    return {
      kind: 'mfa_required',
      pendingToken: pending.token,
      expiresAt: pending.expiresAt,
      next,
    };
  }
  const session = await createSession(s, user.id, meta, 'provider');
  await logSecurityEvent(s, {
    event: 'provider_login_succeeded',
    userId: user.id,
    ...meta,
    details: { provider: provider.slug },
  });
  return { kind: 'signed_in', user: await getUserMe(s, user.id, user), session, next };
}
