import type { Clock } from './clock';
import type { Language } from './schemas/enums';
import type { Db } from './db/transaction';
import type { Mailer } from './mail/worker';
import type { Logger } from './mail/transport';
import type { PasswordHasher } from './passwords/hasher';

/**
 * What the account flows need, injected so that tests can swap the clock, the hasher and the mail
 * sender. The server builds one at start (see `server.ts`).
 */
export interface Services {
  /** The database, or (inside `inTransaction`) the open transaction. */
  db: Db;
  clock: Clock;
  hasher: PasswordHasher;
  mailer: Mailer;
  logger: Logger;
  sessionPolicy: SessionPolicy;
  /** Public base URL: links in emails and the Origin check. */
  appUrl: URL;
  /** Where profile photos are stored. */
  photosDir: string;
  /** 32-byte key (derived from SECRET_KEY) that encrypts MFA secrets. */
  mfaKey: Buffer;
  /** 32-byte key (derived from SECRET_KEY) that seals queued email bodies. */
  mailKey: Buffer;
  /** 32-byte key (derived from SECRET_KEY) that seals identity providers' client secrets. */
  idpKey: Buffer;
  /**
   * Runs work after the response has gone (mail for possibly unknown addresses), so that the
   * answer and its timing do not depend on it. Failures are logged, never thrown to the caller.
   */
  defer(task: () => Promise<void>): void;
}

export interface SessionPolicy {
  /** A session unused for this long ends. */
  idleMs: number;
  /** A session ends this long after sign-in, however much it is used. */
  maxMs: number;
}

/** Who is asking, as far as the server can tell. */
export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
  /** The language the request's pages are shown in (for a sign-up without one). */
  language?: Language;
  /** For a signed-in browser: how and when its session was signed in. */
  signedIn?: SignedIn;
}

export interface SignedIn {
  method: 'password' | 'provider' | 'passkey';
  /** Epoch milliseconds. */
  at: number;
}
