/**
 * Typed domain errors with stable machine codes (docs/api.md). Every error answer carries a
 * `rosterCode`; clients branch on it (and translate it), never on the English message. The API
 * layer maps each code to its tRPC code through `ROSTER_CODES`, in one place.
 */
export const ROSTER_CODES = {
  // Requests
  INVALID_INPUT: 'BAD_REQUEST',
  BATCH_TOO_LARGE: 'BAD_REQUEST',
  REQUEST_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  METHOD_NOT_ALLOWED: 'METHOD_NOT_SUPPORTED',
  FOREIGN_ORIGIN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  INTERNAL: 'INTERNAL_SERVER_ERROR',
  // Who is asking
  SIGNED_OUT: 'UNAUTHORIZED',
  NOT_ALLOWED: 'FORBIDDEN',
  SCOPE_MISSING: 'FORBIDDEN',
  API_KEY_INVALID: 'UNAUTHORIZED',
  API_KEY_LIMIT: 'CONFLICT',
  // Signing in
  INVALID_CREDENTIALS: 'UNAUTHORIZED',
  ACCOUNT_LOCKED: 'TOO_MANY_REQUESTS',
  RATE_LIMITED: 'TOO_MANY_REQUESTS',
  BUSY: 'TOO_MANY_REQUESTS',
  ACCOUNT_PENDING_APPROVAL: 'FORBIDDEN',
  EMAIL_NOT_VERIFIED: 'FORBIDDEN',
  ACCOUNT_DISABLED: 'FORBIDDEN',
  PASSWORD_LOGIN_DISABLED: 'FORBIDDEN',
  WRONG_CODE: 'BAD_REQUEST',
  SIGN_IN_EXPIRED: 'UNAUTHORIZED',
  SETUP_DONE: 'FORBIDDEN',
  // Signing in through an identity provider
  SIGN_IN_CANCELLED: 'BAD_REQUEST',
  SIGN_IN_FAILED: 'BAD_REQUEST',
  PROVIDER_UNAVAILABLE: 'BAD_GATEWAY',
  ACCOUNT_EXISTS: 'CONFLICT',
  EMAIL_REQUIRED: 'BAD_REQUEST',
  IDENTITY_TAKEN: 'CONFLICT',
  SLUG_TAKEN: 'CONFLICT',
  // Passkeys
  PASSKEY_FAILED: 'BAD_REQUEST',
  PASSKEY_LIMIT: 'CONFLICT',
  // Step-up (proof that the owner is at the keyboard)
  STEP_UP_REQUIRED: 'BAD_REQUEST',
  STEP_UP_FAILED: 'BAD_REQUEST',
  // Accounts
  USERNAME_TAKEN: 'CONFLICT',
  EMAIL_TAKEN: 'CONFLICT',
  SIGNUP_CONFLICT: 'CONFLICT',
  SIGNUP_DISABLED: 'FORBIDDEN',
  LAST_ADMIN: 'CONFLICT',
  LAST_SIGN_IN_METHOD: 'BAD_REQUEST',
  PASSWORD_POLICY: 'BAD_REQUEST',
  USE_CHANGE_EMAIL: 'BAD_REQUEST',
  SAME_EMAIL: 'BAD_REQUEST',
  NOT_PENDING: 'BAD_REQUEST',
  EMAIL_UNVERIFIED_FOR_APPROVAL: 'BAD_REQUEST',
  MFA_ALREADY_ENABLED: 'BAD_REQUEST',
  MFA_NOT_ENABLED: 'BAD_REQUEST',
  MFA_SETUP_MISSING: 'BAD_REQUEST',
  SESSION_ENDED: 'NOT_FOUND',
  USERNAME_MISMATCH: 'BAD_REQUEST',
  // Links sent by email
  TOKEN_INVALID: 'BAD_REQUEST',
  TOKEN_USED: 'BAD_REQUEST',
  TOKEN_EXPIRED: 'BAD_REQUEST',
  // Photos
  PHOTO_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  PHOTO_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  PHOTO_UNREADABLE: 'BAD_REQUEST',
  PHOTO_DIMENSIONS: 'BAD_REQUEST',
  PHOTO_MISSING: 'BAD_REQUEST',
} as const;

export type RosterCode = keyof typeof ROSTER_CODES;
export type DomainErrorKind = (typeof ROSTER_CODES)[RosterCode];

/** Every code, for documentation and for clients that translate them. */
export const ROSTER_CODE_LIST = Object.keys(ROSTER_CODES) as RosterCode[];

export class DomainError extends Error {
  readonly code: RosterCode;
  /** The tRPC code the API answers with. */
  readonly kind: DomainErrorKind;
  /** The input field this error is about, so a form can show it next to that field. */
  readonly field: string | undefined;
  /** Small facts a client may act on (`error.data.details`); never a secret. */
  details: Record<string, string | number | boolean> | undefined;

  constructor(code: RosterCode, message: string, field?: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.kind = ROSTER_CODES[code];
    this.field = field;
  }
}

export class UserNotFound extends DomainError {
  constructor() {
    super('NOT_FOUND', 'User not found.');
  }
}

export class NotFound extends DomainError {
  constructor(message = 'Not found.', code: RosterCode = 'NOT_FOUND') {
    super(code, message);
  }
}

/** A taken username or email, named by field (for signed-in callers: admins, the owner). */
export class Conflict extends DomainError {}

/** Sign-up keeps one answer for a taken username or email, so it tells no one who has an account. */
export function signupConflict(): Conflict {
  return new Conflict('SIGNUP_CONFLICT', 'Unable to create user.');
}

export function usernameTaken(): Conflict {
  return new Conflict('USERNAME_TAKEN', 'This username is already taken.', 'username');
}

export function emailTaken(field = 'email'): Conflict {
  return new Conflict('EMAIL_TAKEN', 'This email address is already in use.', field);
}

/** The account holds as many of something as it may (`details.max`): one must go first. */
export class LimitReached extends DomainError {
  constructor(code: 'API_KEY_LIMIT' | 'PASSKEY_LIMIT', max: number, message: string) {
    super(code, message);
    this.details = { max };
  }
}

export class LastAdmin extends DomainError {
  constructor(message: string) {
    super('LAST_ADMIN', message);
  }
}

export class PolicyViolation extends DomainError {
  constructor(message: string, field = 'password') {
    super('PASSWORD_POLICY', message, field);
  }
}

export class InvalidInput extends DomainError {
  constructor(message: string, field?: string, code: RosterCode = 'INVALID_INPUT') {
    super(code, message, field);
  }
}

/** Wrong username or password: one message whatever was wrong. */
export class InvalidCredentials extends DomainError {
  constructor() {
    super('INVALID_CREDENTIALS', 'Incorrect username or password.');
  }
}

export class NotAuthenticated extends DomainError {
  constructor(
    message = 'You need to sign in.',
    code: 'SIGNED_OUT' | 'API_KEY_INVALID' = 'SIGNED_OUT',
  ) {
    super(code, message);
  }
}

export class Forbidden extends DomainError {
  constructor(message = 'You are not allowed to do this.', code: RosterCode = 'NOT_ALLOWED') {
    super(code, message);
  }
}

export type AccountBlockReason = 'email_unverified' | 'pending_approval' | 'inactive';

const BLOCKS: Record<AccountBlockReason, { code: RosterCode; message: string }> = {
  email_unverified: {
    code: 'EMAIL_NOT_VERIFIED',
    message: 'Your email address is not verified yet. Open the link we emailed you.',
  },
  pending_approval: {
    code: 'ACCOUNT_PENDING_APPROVAL',
    message: 'Your account is waiting for an administrator to approve it.',
  },
  inactive: {
    code: 'ACCOUNT_DISABLED',
    message: 'Your account is disabled. Contact an administrator.',
  },
};

/** Told only after a correct password. */
export class AccountBlocked extends DomainError {
  readonly reason: AccountBlockReason;

  constructor(reason: AccountBlockReason) {
    super(BLOCKS[reason].code, BLOCKS[reason].message);
    this.reason = reason;
  }
}

export class InvalidToken extends DomainError {
  constructor(
    code: 'TOKEN_INVALID' | 'TOKEN_USED' | 'TOKEN_EXPIRED' = 'TOKEN_INVALID',
    message?: string,
  ) {
    super(code, message ?? TOKEN_MESSAGES[code], 'token');
  }
}

const TOKEN_MESSAGES = {
  TOKEN_INVALID: 'This link is invalid or has expired. Ask for a new one.',
  TOKEN_USED: 'This link was already used. Ask for a new one if you need it.',
  TOKEN_EXPIRED: 'This link has expired. Ask for a new one.',
};

/** A sign-in or link through an identity provider that cannot go on (docs/api.md §11). */
export class ProviderSignInRefused extends DomainError {}

/** Refused for now; `Retry-After` says for how long. */
export class Throttled extends DomainError {
  readonly retryAfterSeconds: number;

  constructor(
    retryAfterSeconds: number,
    code: 'ACCOUNT_LOCKED' | 'RATE_LIMITED' | 'BUSY' = 'ACCOUNT_LOCKED',
    message?: string,
  ) {
    const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
    super(code, message ?? `Too many attempts. Try again in ${formatWait(seconds)}.`);
    this.retryAfterSeconds = seconds;
  }
}

function formatWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/** The hash queue is full: the server sheds load instead of queueing without limit. */
export class Busy extends Throttled {
  constructor(retryAfterSeconds = 2) {
    super(
      retryAfterSeconds,
      'BUSY',
      'The server is busy with other sign-ins. Try again in a moment.',
    );
  }
}

export class PayloadTooLarge extends DomainError {
  constructor(message: string, code: 'PHOTO_TOO_LARGE' | 'REQUEST_TOO_LARGE' = 'PHOTO_TOO_LARGE') {
    super(code, message, code === 'PHOTO_TOO_LARGE' ? 'file' : undefined);
  }
}

export class UnsupportedMediaType extends DomainError {
  constructor(message: string) {
    super('PHOTO_TYPE', message, 'file');
  }
}

/** The password-checked sign-in waiting for its second factor is over: the person signs in again. */
export class PendingLoginEnded extends DomainError {
  constructor(message = 'Your sign-in has expired. Sign in again.') {
    super('SIGN_IN_EXPIRED', message);
  }
}

/** A wrong answer to the second step of a sign-in (the fifth also ends the pending sign-in). */
export class WrongCode extends DomainError {
  /** True when this was the last allowed attempt: the person must sign in again. */
  readonly ended: boolean;

  constructor(message: string, field: string, ended = false) {
    super('WRONG_CODE', message, field);
    this.ended = ended;
    this.details = { signInEnded: ended };
  }
}

/** A step-up with a part missing: nothing was judged and nothing counted. */
const STEP_UP_ASKS = {
  password: 'Enter your current password to confirm it is you.',
  code: 'Enter a code from your authenticator app or a backup code to confirm it is you.',
  sign_in:
    'Sign in again through your identity provider (or with a passkey) to confirm it is you: this needs a sign-in from the last 10 minutes.',
};

export class StepUpRequired extends DomainError {
  constructor(part: 'password' | 'code' | 'sign_in', field = `stepUp.${part}`) {
    super('STEP_UP_REQUIRED', STEP_UP_ASKS[part], field);
    this.details = { part };
  }
}

/** A wrong password or code in a step-up: counted like a failed sign-in, nothing changed. */
export class StepUpFailed extends DomainError {
  constructor(field: string, message?: string) {
    super(
      'STEP_UP_FAILED',
      message ??
        (field.endsWith('code') || field.endsWith('Code')
          ? 'That code is not right. Use the current code from your app or a backup code.'
          : 'Your password is not right.'),
      field,
    );
  }
}
