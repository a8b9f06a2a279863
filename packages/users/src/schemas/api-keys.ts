import { z } from 'zod';
import { StepUp } from './step-up';

/**
 * What an API key may do (docs/api.md §13). `me:*` act on the owner's own account; `admin:*` only
 * while the owner is an active administrator. No scope reaches keys, sessions, MFA, passkeys,
 * identities, the email or the password: those need a browser.
 */
export const API_KEY_SCOPES = ['me:read', 'me:write', 'admin:read', 'admin:write'] as const;
export const ApiKeyScope = z.enum(API_KEY_SCOPES);
export type ApiKeyScope = z.infer<typeof ApiKeyScope>;

/** The scopes only an administrator may give a key. */
export const ADMIN_SCOPES: readonly ApiKeyScope[] = ['admin:read', 'admin:write'];

/** `rst_` and 43 base64url characters (256 random bits). */
export const API_KEY_PATTERN = /^rst_[A-Za-z0-9_-]{43}$/;

export const ApiKeyName = z.string().trim().min(1).max(100);

export const ApiKeyRead = z.object({
  id: z.number().int(),
  name: z.string(),
  /** The key's first characters, to tell keys apart; never enough to use it. */
  prefix: z.string(),
  scopes: z.array(ApiKeyScope),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
  /** Null: the key does not expire. */
  expiresAt: z.iso.datetime().nullable(),
});
export type ApiKeyRead = z.infer<typeof ApiKeyRead>;

export const CreateApiKeyInput = z.strictObject({
  name: ApiKeyName,
  scopes: z
    .array(ApiKeyScope)
    .min(1, { error: 'Choose at least one scope.' })
    .max(API_KEY_SCOPES.length)
    .refine((scopes) => new Set(scopes).size === scopes.length, {
      error: 'Each scope may be given once.',
    }),
  expiresInDays: z.number().int().min(1).max(365).nullable(),
  stepUp: StepUp,
});
export type CreateApiKeyInput = z.infer<typeof CreateApiKeyInput>;

export const CreatedApiKey = z.object({
  /** Shown once: Roster keeps only its SHA-256. */
  key: z.string(),
  apiKey: ApiKeyRead,
});
export type CreatedApiKey = z.infer<typeof CreatedApiKey>;

const KeyId = z.number().int().min(1);
export const RevokeApiKeyInput = z.strictObject({ id: KeyId });
export const AdminUserApiKeysInput = z.strictObject({ id: z.number().int().min(1) });
export const AdminRevokeApiKeyInput = z.strictObject({ id: z.number().int().min(1), keyId: KeyId });
