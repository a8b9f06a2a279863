import { z } from 'zod';
import { ApiKeyRead } from './api-keys';
import { IdentityRead } from './identity-providers';
import { MfaStatus, SecurityEvent, SessionInfo } from './outputs';
import { PasskeyRead } from './passkeys';
import { StepUp } from './step-up';
import { UsersMe } from './users';

/**
 * Everything Roster holds about one person (docs/api.md §14), as one JSON document. Nothing in it
 * opens the account: no password hash, token, MFA secret, backup code or key material.
 */
export const AccountExport = z.object({
  /** Names this document's shape, for programs that read it later. */
  format: z.literal('roster-account-export/1'),
  exportedAt: z.iso.datetime(),
  /** The profile and privacy settings, as `me.get` answers them. */
  profile: UsersMe,
  /** The photo as stored (WebP), base64; null without one. */
  photo: z.object({ contentType: z.literal('image/webp'), base64: z.string() }).nullable(),
  mfa: MfaStatus,
  sessions: z.array(SessionInfo),
  securityEvents: z.array(SecurityEvent),
  identities: z.array(IdentityRead),
  passkeys: z.array(PasskeyRead),
  apiKeys: z.array(ApiKeyRead),
});
export type AccountExport = z.infer<typeof AccountExport>;

export const DeleteAccountInput = z.strictObject({
  stepUp: StepUp,
  /** The username typed again, as confirmation. */
  username: z.string().trim().max(250),
});
export type DeleteAccountInput = z.infer<typeof DeleteAccountInput>;
