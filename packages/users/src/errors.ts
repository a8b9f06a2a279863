/**
 * Typed domain errors. The API layer maps each `kind` to one tRPC code in one place; the messages
 * here are written for the person who sees them.
 */
export type DomainErrorKind =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'TOO_MANY_REQUESTS'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE';

export class DomainError extends Error {
  readonly kind: DomainErrorKind;
  /** The input field this error is about, so a form can show it next to that field. */
  readonly field: string | undefined;

  constructor(kind: DomainErrorKind, message: string, field?: string) {
    super(message);
    this.name = new.target.name;
    this.kind = kind;
    this.field = field;
  }
}

export class UserNotFound extends DomainError {
  constructor() {
    super('NOT_FOUND', 'User not found.');
  }
}

export class NotFound extends DomainError {
  constructor(message = 'Not found.') {
    super('NOT_FOUND', message);
  }
}

/** A taken username or email. One message for both so that sign-up does not reveal which. */
export class Conflict extends DomainError {
  constructor(message = 'Unable to create user.', field?: string) {
    super('CONFLICT', message, field);
  }
}

export class LastAdmin extends DomainError {
  constructor(message: string) {
    super('CONFLICT', message);
  }
}

export class PolicyViolation extends DomainError {
  constructor(message: string, field = 'password') {
    super('BAD_REQUEST', message, field);
  }
}

export class InvalidInput extends DomainError {
  constructor(message: string, field?: string) {
    super('BAD_REQUEST', message, field);
  }
}

/** Wrong username or password: one message whatever was wrong. */
export class InvalidCredentials extends DomainError {
  constructor() {
    super('UNAUTHORIZED', 'Incorrect username or password.');
  }
}

export class NotAuthenticated extends DomainError {
  constructor(message = 'You need to sign in.') {
    super('UNAUTHORIZED', message);
  }
}

export class Forbidden extends DomainError {
  constructor(message = 'You are not allowed to do this.') {
    super('FORBIDDEN', message);
  }
}

export type AccountBlockReason = 'email_unverified' | 'pending_approval' | 'inactive';

const BLOCK_MESSAGES: Record<AccountBlockReason, string> = {
  email_unverified: 'Your email address is not verified yet. Open the link we emailed you.',
  pending_approval: 'Your account is waiting for an administrator to approve it.',
  inactive: 'Your account is disabled. Contact an administrator.',
};

/** Told only after a correct password. */
export class AccountBlocked extends DomainError {
  readonly reason: AccountBlockReason;

  constructor(reason: AccountBlockReason) {
    super('FORBIDDEN', BLOCK_MESSAGES[reason]);
    this.reason = reason;
  }
}

export class InvalidToken extends DomainError {
  constructor(message = 'This link is invalid or has expired. Ask for a new one.') {
    super('BAD_REQUEST', message, 'token');
  }
}

export class Throttled extends DomainError {
  readonly retryAfterSeconds: number;

  constructor(retryAfterSeconds: number, message?: string) {
    const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
    super(
      'TOO_MANY_REQUESTS',
      message ?? `Too many attempts. Try again in ${formatWait(seconds)}.`,
    );
    this.retryAfterSeconds = seconds;
  }
}

function formatWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

export class PayloadTooLarge extends DomainError {
  constructor(message: string) {
    super('PAYLOAD_TOO_LARGE', message, 'file');
  }
}

export class UnsupportedMediaType extends DomainError {
  constructor(message: string) {
    super('UNSUPPORTED_MEDIA_TYPE', message, 'file');
  }
}

/** The password-checked sign-in waiting for its MFA code is over: the person signs in again. */
export class PendingLoginEnded extends DomainError {
  constructor(kind: 'UNAUTHORIZED' | 'BAD_REQUEST', message: string) {
    super(kind, message, kind === 'BAD_REQUEST' ? 'code' : undefined);
  }
}
