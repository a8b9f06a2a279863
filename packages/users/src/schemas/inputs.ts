import { z } from 'zod';
import { AuthenticationResponse } from './passkeys';
import { SecondFactorCode, StepUp } from './step-up';
import { Email, Password, UsersBaseFields, UsersListFilter } from './users';

/**
 * The inputs of the API's procedures that are not a schema of their own (UsersSignup, …), in one
 * place: the routers use them, and the browser can parse with the same rules before sending.
 */

export const LoginInput = z.strictObject({
  username: z
    .string()
    .trim()
    .min(1, { error: 'Enter your username or email.' })
    .max(250, { error: 'Username or email must be at most 250 characters.' }),
  password: Password,
});

/** The token of a link sent by email. */
export const TokenInput = z.strictObject({
  token: z
    .string()
    .trim()
    .min(1, { error: 'The link has no token.' })
    .max(200, { error: 'This link is not valid.' }),
});

export const EmailInput = z.strictObject({ email: Email });

export const ResetPasswordInput = TokenInput.extend({ password: Password });

/** A code that must be there (the second step, MFA changes). */
export const RequiredCode = SecondFactorCode.min(1, {
  error: 'Enter a code from your authenticator app or a backup code.',
});

/** The second step: a TOTP or backup code, or a passkey's answer to `auth.mfaPasskeyOptions`. */
export const VerifyMfaInput = z.union([
  z.strictObject({ code: RequiredCode }),
  z.strictObject({ passkey: AuthenticationResponse }),
]);

/** A code from the authenticator app (MFA changes take a backup code too, but ask for the app's). */
const AppCode = SecondFactorCode.min(1, { error: 'Enter a code from your authenticator app.' });

/** `password` may be left out only by an account without one (docs/api.md §9). */
export const MfaEnableInput = z.strictObject({ code: AppCode, password: Password.optional() });
export const MfaPasswordAndCode = z.strictObject({ password: Password.optional(), code: AppCode });

export const ChangePasswordInput = z.strictObject({
  /** Left out only by an account without a password, setting its first one (docs/api.md §9). */
  currentPassword: Password.optional(),
  password: Password,
  mfaCode: SecondFactorCode.optional(),
  revokeOtherSessions: z.boolean().optional(),
});

export const ChangeEmailInput = z.strictObject({ email: Email, stepUp: StepUp });

export const SessionIdInput = z.strictObject({
  id: z.string().trim().min(1, { error: 'Which session?' }).max(64),
});

export const SetupInput = z.strictObject({
  code: z.string().trim().min(1, { error: 'Enter the setup code.' }).max(64),
  name: UsersBaseFields.name,
  username: UsersBaseFields.username,
  email: UsersBaseFields.email,
  password: Password,
});

export const PublicProfileInput = z.strictObject({
  // Any string is looked up: a name that cannot exist is simply not found.
  username: z
    .string({ error: 'Username is required.' })
    .trim()
    .min(1, { error: 'Username is required.' })
    .max(250, { error: 'Username must be at most 250 characters.' }),
});

export const UserId = z
  .number({ error: 'id must be a user id.' })
  .int({ error: 'id must be a user id.' })
  .min(1, { error: 'id must be a user id.' });

export const UserIdInput = z.strictObject({ id: UserId });

const Search = z.string().trim().max(250, { error: 'Search at most 250 characters.' });

export const UsersListInput = z
  .strictObject({
    pageNumber: z.number().int().min(1, { error: 'Page numbers start at 1.' }).default(1),
    numRecords: z
      .number()
      .int()
      .min(1, { error: 'A page holds 1 to 100 records.' })
      .max(100, { error: 'A page holds 1 to 100 records.' })
      .optional(),
    search: Search.optional(),
    filter: UsersListFilter.default('all'),
  })
  .default({ pageNumber: 1, filter: 'all' });

export const UsersCountsInput = z.strictObject({ search: Search.optional() }).default({});

export const SetPasswordInput = UserIdInput.extend({ password: Password });

export const RevokeUserSessionInput = UserIdInput.extend({
  sessionId: z.string().min(1).max(64),
});

export const RejectInput = UserIdInput.extend({
  reason: z
    .string()
    .trim()
    .max(1000, { error: 'Keep the reason under 1000 characters.' })
    .optional()
    .transform((reason) => (reason === '' ? undefined : reason)),
});

export const SecurityEventsListInput = z
  .strictObject({
    userId: UserId.optional(),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .default({ limit: 50 });
