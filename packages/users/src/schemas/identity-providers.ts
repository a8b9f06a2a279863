import { z } from 'zod';
import { StepUp } from './step-up';

/** How the client secret goes to the token endpoint; some providers accept only one. */
export const TokenEndpointAuthMethod = z.enum(['client_secret_basic', 'client_secret_post']);
export type TokenEndpointAuthMethod = z.infer<typeof TokenEndpointAuthMethod>;

export const ProviderSlug = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, {
    error: 'Use lowercase letters, digits and dashes.',
  });

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/;

/** https, or plain http only for localhost and loopback addresses (tests, a provider beside it). */
export function isAllowedIssuer(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.search || url.hash || url.username || url.password) return false;
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.test(url.hostname));
}

export const Issuer = z
  .string()
  .trim()
  .max(500)
  .refine(isAllowedIssuer, { error: 'The issuer must be an https URL.' });

const IconUrl = z
  .string()
  .trim()
  .max(500)
  .refine(
    (value) => {
      try {
        return ['https:', 'http:'].includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { error: 'The icon must be an http or https URL.' },
  );

/** Scopes separated by spaces; `openid` is always among them. */
export const Scopes = z
  .string()
  .trim()
  .max(250)
  .regex(/^[\x21\x23-\x5b\x5d-\x7e]+( [\x21\x23-\x5b\x5d-\x7e]+)*$/, {
    error: 'Scopes are words separated by spaces.',
  })
  .refine((value) => value.split(' ').includes('openid'), {
    error: 'The scopes must include openid.',
  });

export const IdentityProviderFields = {
  slug: ProviderSlug,
  name: z.string().trim().min(1).max(100),
  issuer: Issuer,
  clientId: z.string().trim().min(1).max(250),
  /** Write-only: outputs say `hasClientSecret`. */
  clientSecret: z.string().min(1).max(1000),
  tokenEndpointAuthMethod: TokenEndpointAuthMethod,
  scopes: Scopes,
  enabled: z.boolean(),
  allowSignup: z.boolean(),
  trustEmailVerified: z.boolean(),
  autoLinkVerifiedEmail: z.boolean(),
  requireLocalMfa: z.boolean(),
  iconUrl: IconUrl.nullable(),
};

export const IdentityProviderCreate = z.strictObject({
  slug: IdentityProviderFields.slug,
  name: IdentityProviderFields.name,
  issuer: IdentityProviderFields.issuer,
  clientId: IdentityProviderFields.clientId,
  clientSecret: IdentityProviderFields.clientSecret.optional(),
  tokenEndpointAuthMethod: TokenEndpointAuthMethod.default('client_secret_basic'),
  scopes: Scopes.default('openid email profile'),
  enabled: z.boolean().default(true),
  allowSignup: z.boolean().default(true),
  trustEmailVerified: z.boolean().default(true),
  autoLinkVerifiedEmail: z.boolean().default(false),
  requireLocalMfa: z.boolean().default(true),
  iconUrl: IdentityProviderFields.iconUrl.optional(),
});
export type IdentityProviderCreate = z.input<typeof IdentityProviderCreate>;

export const ProviderId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const IdentityProviderUpdate = z.strictObject({
  id: ProviderId,
  slug: IdentityProviderFields.slug.optional(),
  name: IdentityProviderFields.name.optional(),
  issuer: IdentityProviderFields.issuer.optional(),
  clientId: IdentityProviderFields.clientId.optional(),
  /** A new secret replaces the stored one; null removes it. */
  clientSecret: IdentityProviderFields.clientSecret.nullable().optional(),
  tokenEndpointAuthMethod: TokenEndpointAuthMethod.optional(),
  scopes: Scopes.optional(),
  enabled: z.boolean().optional(),
  allowSignup: z.boolean().optional(),
  trustEmailVerified: z.boolean().optional(),
  autoLinkVerifiedEmail: z.boolean().optional(),
  requireLocalMfa: z.boolean().optional(),
  iconUrl: IdentityProviderFields.iconUrl.optional(),
});
export type IdentityProviderUpdate = z.input<typeof IdentityProviderUpdate>;

export const ProviderIdInput = z.strictObject({ id: ProviderId });

export const IdentityProviderRead = z.object({
  id: z.number().int(),
  slug: z.string(),
  name: z.string(),
  issuer: z.string(),
  clientId: z.string(),
  hasClientSecret: z.boolean(),
  tokenEndpointAuthMethod: TokenEndpointAuthMethod,
  scopes: z.string(),
  enabled: z.boolean(),
  allowSignup: z.boolean(),
  trustEmailVerified: z.boolean(),
  autoLinkVerifiedEmail: z.boolean(),
  requireLocalMfa: z.boolean(),
  iconUrl: z.string().nullable(),
  /** The address to register at the provider as the redirect URI. */
  redirectUri: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type IdentityProviderRead = z.infer<typeof IdentityProviderRead>;

/** What the sign-in page shows: enabled providers only. */
export const PublicIdentityProvider = z.object({
  slug: z.string(),
  name: z.string(),
  iconUrl: z.string().nullable(),
});
export type PublicIdentityProvider = z.infer<typeof PublicIdentityProvider>;

/** The answer of "test connection": what the discovery document says, or what is wrong. */
export const ProviderCheck = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    issuer: z.string(),
    authorizationEndpoint: z.string(),
    supportsPkce: z.boolean(),
    tokenEndpointAuthMethods: z.array(z.string()),
  }),
  z.object({
    ok: z.literal(false),
    problem: z.enum(['unreachable', 'not_an_issuer', 'issuer_mismatch', 'insecure', 'invalid']),
    message: z.string(),
  }),
]);
export type ProviderCheck = z.infer<typeof ProviderCheck>;

export const ProviderCheckInput = z.strictObject({ issuer: z.string().trim().min(1).max(500) });

export const IdentityRead = z.object({
  id: z.number().int(),
  provider: z.object({ slug: z.string(), name: z.string() }),
  email: z.string().nullable(),
  linkedAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
});
export type IdentityRead = z.infer<typeof IdentityRead>;

export const LinkIdentityInput = z.strictObject({ slug: ProviderSlug, stepUp: StepUp });
export const UnlinkIdentityInput = z.strictObject({ id: ProviderId, stepUp: StepUp });
