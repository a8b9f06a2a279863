import { toIso } from '../clock';
import { logSecurityEvent } from '../audit/log';
import { isUniqueViolation } from '../db/errors';
import { Conflict, NotFound } from '../errors';
import {
  IdentityProviderCreate,
  type IdentityProviderRead,
  type IdentityProviderUpdate,
  isAllowedIssuer,
  type ProviderCheck,
  type PublicIdentityProvider,
  type TokenEndpointAuthMethod,
} from '../schemas/identity-providers';
import type { RequestMeta, Services } from '../services';
import { openSecret, sealSecret } from '../util/secret-box';
import { checkIssuer, forgetProviderConfiguration, type ProviderConnection } from './client';
import {
  deleteIdentityProviderRow,
  getIdentityProviderRow,
  type IdentityProviderRow,
  insertIdentityProviderRow,
  listEnabledIdentityProviderRows,
  listIdentityProviderRows,
  updateIdentityProviderRow,
} from './identity-providers.repository';

type ProviderDeps = Pick<Services, 'db' | 'clock' | 'appUrl' | 'idpKey'>;

/** The address a provider sends people back to; registered at the provider as the redirect URI. */
export function callbackUrlFor(appUrl: URL, slug: string): URL {
  return new URL(`/api/auth/oidc/${slug}/callback`, appUrl);
}

export function toIdentityProviderRead(
  appUrl: URL,
  row: IdentityProviderRow,
): IdentityProviderRead {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    issuer: row.issuer,
    clientId: row.clientId,
    hasClientSecret: row.clientSecret !== null,
    tokenEndpointAuthMethod: row.tokenEndpointAuthMethod as TokenEndpointAuthMethod,
    scopes: row.scopes,
    enabled: Boolean(row.enabled),
    allowSignup: Boolean(row.allowSignup),
    trustEmailVerified: Boolean(row.trustEmailVerified),
    autoLinkVerifiedEmail: Boolean(row.autoLinkVerifiedEmail),
    requireLocalMfa: Boolean(row.requireLocalMfa),
    iconUrl: row.iconUrl,
    redirectUri: callbackUrlFor(appUrl, row.slug).toString(),
    createdAt: toIso(row.createdAt),
    updatedAt: toIso(row.updatedAt),
  };
}

/** What openid-client needs of a provider, its secret opened. */
export function connectionOf(
  s: Pick<Services, 'idpKey'>,
  row: IdentityProviderRow,
): ProviderConnection {
  return {
    id: row.id,
    issuer: row.issuer,
    clientId: row.clientId,
    clientSecret: row.clientSecret === null ? null : openSecret(s.idpKey, row.clientSecret),
    tokenEndpointAuthMethod: row.tokenEndpointAuthMethod as TokenEndpointAuthMethod,
    updatedAt: row.updatedAt,
  };
}

const slugTaken = () =>
  new Conflict('SLUG_TAKEN', 'Another identity provider already uses this slug.', 'slug');

export async function listIdentityProviders(s: ProviderDeps): Promise<IdentityProviderRead[]> {
  return (await listIdentityProviderRows(s.db)).map((row) => toIdentityProviderRead(s.appUrl, row));
}

export async function listPublicIdentityProviders(
  s: Pick<Services, 'db'>,
): Promise<PublicIdentityProvider[]> {
  return (await listEnabledIdentityProviderRows(s.db)).map((row) => ({
    slug: row.slug,
    name: row.name,
    iconUrl: row.iconUrl,
  }));
}

export async function createIdentityProvider(
  s: ProviderDeps,
  actor: { id: number },
  meta: RequestMeta,
  input: IdentityProviderCreate,
): Promise<IdentityProviderRead> {
  const values = IdentityProviderCreate.parse(input);
  const now = s.clock.now();
  let id: number;
  try {
    id = await insertIdentityProviderRow(s.db, {
      ...values,
      iconUrl: values.iconUrl ?? null,
      clientSecret: values.clientSecret ? sealSecret(s.idpKey, values.clientSecret) : null,
      createdAt: now,
      updatedAt: now,
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw slugTaken();
    throw error;
  }
  await logSecurityEvent(s, {
    event: 'admin_provider_created',
    userId: null,
    actorId: actor.id,
    ...meta,
    details: { provider: values.slug },
  });
  return getIdentityProviderOr404(s, id);
}

export async function getIdentityProviderOr404(
  s: ProviderDeps,
  id: number,
): Promise<IdentityProviderRead> {
  const row = await getIdentityProviderRow(s.db, id);
  if (!row) throw new NotFound('This identity provider does not exist.');
  return toIdentityProviderRead(s.appUrl, row);
}

export async function updateIdentityProvider(
  s: ProviderDeps,
  actor: { id: number },
  meta: RequestMeta,
  input: IdentityProviderUpdate,
): Promise<IdentityProviderRead> {
  const { id, clientSecret, ...fields } = input;
  const patch = {
    ...Object.fromEntries(
      Object.entries(fields as Record<string, unknown>).filter(([, value]) => value !== undefined),
    ),
    ...(clientSecret === undefined
      ? {}
      : { clientSecret: clientSecret === null ? null : sealSecret(s.idpKey, clientSecret) }),
  };
  try {
    const found = await updateIdentityProviderRow(s.db, id, {
      ...patch,
      updatedAt: s.clock.now(),
    });
    if (!found) throw new NotFound('This identity provider does not exist.');
  } catch (error) {
    if (isUniqueViolation(error)) throw slugTaken();
    throw error;
  }
  forgetProviderConfiguration(id);
  await logSecurityEvent(s, {
    event: 'admin_provider_updated',
    userId: null,
    actorId: actor.id,
    ...meta,
    // Names the fields, never the secret itself.
    details: { provider: id, fields: Object.keys(patch).join(',') },
  });
  return getIdentityProviderOr404(s, id);
}

/** Removes a provider and every identity linked through it. */
export async function deleteIdentityProvider(
  s: ProviderDeps,
  actor: { id: number },
  meta: RequestMeta,
  id: number,
): Promise<void> {
  const row = await getIdentityProviderRow(s.db, id);
  if (!row || !(await deleteIdentityProviderRow(s.db, id))) {
    throw new NotFound('This identity provider does not exist.');
  }
  forgetProviderConfiguration(id);
  await logSecurityEvent(s, {
    event: 'admin_provider_deleted',
    userId: null,
    actorId: actor.id,
    ...meta,
    details: { provider: row.slug },
  });
}

const CHECK_MESSAGES = {
  unreachable:
    'The issuer could not be reached. Check the address and that this server can reach it.',
  not_an_issuer:
    'No OpenID Connect discovery document was found at this issuer (/.well-known/openid-configuration).',
  issuer_mismatch:
    'The discovery document names another issuer. Use the issuer exactly as the provider publishes it (with or without the final slash).',
  insecure: 'The issuer must be an https URL (plain http only for localhost).',
  invalid: 'The discovery document could not be read.',
};

/** "Test connection": fetches the issuer's discovery document and says what is wrong, if anything. */
export async function checkIdentityProvider(issuer: string): Promise<ProviderCheck> {
  if (!isAllowedIssuer(issuer)) {
    return { ok: false, problem: 'insecure', message: CHECK_MESSAGES.insecure };
  }
  const result = await checkIssuer(issuer);
  if (result.ok) return result;
  return { ok: false, problem: result.problem, message: CHECK_MESSAGES[result.problem] };
}
