import { z } from 'zod';
import { UsersListFilter, UsersMe } from './users';

/**
 * What the API's procedures answer, when not a schema of their own (UsersMe, UsersRead, …). The
 * router validates every answer against these, and the API reference is generated from them.
 */

export const Ok = z.object({ ok: z.literal(true) });

const Iso = z.iso.datetime();

export const SignupResult = z.object({
  status: z.enum(['active', 'pending']),
  emailVerificationRequired: z.boolean(),
  adminApprovalRequired: z.boolean(),
});

export const Authenticated = z.object({ status: z.literal('authenticated'), user: UsersMe });

export const LoginResult = z.discriminatedUnion('status', [
  Authenticated,
  z.object({
    status: z.literal('mfa_required'),
    /** What the second step accepts for this account. */
    methods: z.array(z.enum(['totp', 'backup_code', 'passkey'])),
  }),
]);

export const VerifyEmailResult = z.object({ status: z.enum(['active', 'pending']) });

export const ChangeEmailResult = z.object({ status: z.enum(['changed', 'confirmation_sent']) });

export const SessionInfo = z.object({
  /** Opaque; never the token. */
  id: z.string(),
  createdAt: Iso,
  lastActiveAt: Iso,
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  /** The user agent in English words, e.g. "Firefox on Windows". */
  device: z.string(),
  /** The names it is made of, for clients that word it in another language; null when unknown. */
  browser: z.string().nullable(),
  platform: z.string().nullable(),
  current: z.boolean(),
});

export const Revoked = z.object({ revoked: z.number().int().min(0) });

export const SecurityEvent = z.object({
  id: z.number().int(),
  event: z.string(),
  userId: z.number().int().nullable(),
  actorId: z.number().int().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
  device: z.string().nullable(),
  browser: z.string().nullable(),
  platform: z.string().nullable(),
  /** Done by an administrator to this account (not by its owner). */
  byAdministrator: z.boolean(),
  createdAt: Iso,
});

export const MfaStatus = z.object({
  enabled: z.boolean(),
  backupCodesRemaining: z.number().int().min(0),
  passkeys: z.number().int().min(0),
});

/** What an admin sees of a user's second factors (never a secret). */
export const SecondFactors = z.object({
  totp: z.boolean(),
  backupCodesRemaining: z.number().int().min(0),
  passkeys: z.number().int().min(0),
});
export type SecondFactors = z.infer<typeof SecondFactors>;

export const MfaSetup = z.object({
  secret: z.string(),
  otpauthUrl: z.string(),
  qrCodeDataUrl: z.string(),
});

export const BackupCodes = z.object({ backupCodes: z.array(z.string()) });

export const PhotoUploaded = z.object({ photoUrl: z.string() });

export const PublicProfileOutput = z.object({
  id: z.number().int(),
  name: z.string(),
  username: z.string(),
  city: z.string().nullable(),
  photoUrl: z.string().nullable(),
});

export const UserCountsOutput = z.object(
  Object.fromEntries(UsersListFilter.options.map((filter) => [filter, z.number().int()])) as Record<
    UsersListFilter,
    z.ZodNumber
  >,
);

export const SetupStatus = z.object({ pending: z.boolean() });

export type Ok = z.infer<typeof Ok>;
export type SignupResult = z.infer<typeof SignupResult>;
export type Authenticated = z.infer<typeof Authenticated>;
export type LoginResult = z.infer<typeof LoginResult>;
export type VerifyEmailResult = z.infer<typeof VerifyEmailResult>;
export type ChangeEmailResult = z.infer<typeof ChangeEmailResult>;
export type SessionInfo = z.infer<typeof SessionInfo>;
export type Revoked = z.infer<typeof Revoked>;
export type SecurityEvent = z.infer<typeof SecurityEvent>;
export type MfaStatus = z.infer<typeof MfaStatus>;
export type MfaSetup = z.infer<typeof MfaSetup>;
export type BackupCodes = z.infer<typeof BackupCodes>;
export type PhotoUploaded = z.infer<typeof PhotoUploaded>;
export type PublicProfileOutput = z.infer<typeof PublicProfileOutput>;
export type UserCountsOutput = z.infer<typeof UserCountsOutput>;
export type SetupStatus = z.infer<typeof SetupStatus>;
