import type { ColumnType, Generated, Insertable, Selectable, SqlBool, Updateable } from 'kysely';
import type { UserFieldColumns } from '../users/users.columns';

/**
 * The database schema as Kysely sees it, in camelCase (columns are snake_case in the database; the
 * CamelCasePlugin maps them). Booleans are `SqlBool` because SQLite hands back 0/1; timestamps are
 * epoch milliseconds in both dialects so that comparisons and expiry arithmetic are identical.
 */
type Bool = ColumnType<SqlBool, boolean | undefined, boolean>;
type Millis = number;

/** The shown columns come from the one list in `users.columns.ts`; the rest never leave the server. */
export interface UsersTable extends UserFieldColumns {
  id: Generated<number>;
  /** bcrypt of the HMAC-reduced password. */
  passwordHash: string;
  /** Sealed with the MFA key; never part of any output. */
  mfaSecret: string | null;
  mfaLastUsedStep: number | null;
  /** Linked identities, kept by triggers on `user_identities`; never written directly. */
  externalAuthCount: ColumnType<number, never, never>;
  /** A sign-up that the confirmation of its address activates (unless approval is pending). */
  awaitingVerification: Bool;
  createdAt: Millis;
  updatedAt: Millis;
}

export interface UserPrivacySettingsTable {
  userId: number;
  defaultActivityVisibility: string;
  hideActivityStartTime: Bool;
  hideActivityLocation: Bool;
  hideActivityMap: Bool;
  hideActivityHr: Bool;
  hideActivityPower: Bool;
  hideActivityCadence: Bool;
  hideActivityElevation: Bool;
  hideActivitySpeed: Bool;
  hideActivityPace: Bool;
  hideActivityLaps: Bool;
  hideActivityWorkoutSetsSteps: Bool;
  hideActivityGear: Bool;
}

export interface SessionsTable {
  /** Public, opaque id shown in session lists; never the token. */
  id: string;
  tokenHash: string;
  userId: number;
  createdAt: Millis;
  lastActiveAt: Millis;
  expiresAt: Millis;
  ip: string | null;
  userAgent: string | null;
  /** `password`, `provider` or `passkey`: how the session was signed in. */
  signInMethod: Generated<string>;
}

export interface PendingLoginsTable {
  tokenHash: string;
  userId: number;
  createdAt: Millis;
  expiresAt: Millis;
  failedAttempts: number;
  ip: string | null;
  userAgent: string | null;
}

export interface ServerSettingsTable {
  id: number;
  signupEnabled: Bool;
  signupRequireEmailVerification: Bool;
  signupRequireAdminApproval: Bool;
  passwordType: string;
  passwordLengthRegularUsers: number;
  passwordLengthAdminUsers: number;
  units: string;
  currency: string;
  numRecordsPerPage: number;
  publicShareableLinks: Bool;
  publicShareableLinksUserInfo: Bool;
  passwordLoginEnabled: Bool;
  setupCodeHash: string | null;
}

export interface IdentityProvidersTable {
  id: Generated<number>;
  slug: string;
  name: string;
  issuer: string;
  clientId: string;
  /** Sealed under the identity-provider key; null when none was given. */
  clientSecret: string | null;
  tokenEndpointAuthMethod: string;
  scopes: string;
  enabled: Bool;
  allowSignup: Bool;
  trustEmailVerified: Bool;
  autoLinkVerifiedEmail: Bool;
  requireLocalMfa: Bool;
  iconUrl: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface UserIdentitiesTable {
  id: Generated<number>;
  userId: number;
  providerId: number;
  subject: string;
  email: string | null;
  linkedAt: number;
  lastUsedAt: number | null;
}

export interface PasskeysTable {
  id: Generated<number>;
  userId: number;
  /** base64url, as the browser names it. */
  credentialId: string;
  /** The COSE public key, base64url. */
  publicKey: string;
  counter: number;
  /** JSON array of transports, as the browser reported them. */
  transports: string | null;
  deviceType: string;
  backedUp: Bool;
  name: string;
  createdAt: number;
  lastUsedAt: number | null;
}

export interface WebauthnChallengesTable {
  id: Generated<number>;
  challengeHash: string;
  purpose: 'register' | 'sign_in' | 'mfa';
  userId: number | null;
  browserHash: string;
  createdAt: number;
  expiresAt: number;
}

export interface OidcFlowsTable {
  id: Generated<number>;
  stateHash: string;
  providerId: number;
  purpose: 'sign_in' | 'link';
  userId: number | null;
  browserHash: string;
  /** The PKCE verifier and nonce, sealed. */
  secrets: string;
  nextPath: string | null;
  createdAt: number;
  expiresAt: number;
}

export interface EmailTokensTable {
  id: Generated<number>;
  userId: number;
  purpose: 'verify_email' | 'change_email' | 'confirm_email_change' | 'reset_password';
  tokenHash: string;
  /** The address this token proves (verification of a changed email). */
  email: string;
  createdAt: Millis;
  expiresAt: Millis;
  usedAt: Millis | null;
}

export interface MailOutboxTable {
  id: Generated<number>;
  recipient: string;
  subject: string;
  textBody: string;
  htmlBody: string;
  createdAt: Millis;
  attempts: Generated<number>;
  nextAttemptAt: Millis;
  lockedUntil: Millis | null;
  sentAt: Millis | null;
  lastError: string | null;
}

export interface MfaBackupCodesTable {
  id: Generated<number>;
  userId: number;
  codeHash: string;
  usedAt: Millis | null;
}

export interface ThrottleEventsTable {
  id: Generated<number>;
  scope: string;
  key: string;
  createdAt: Millis;
}

export interface SecurityEventsTable {
  id: Generated<number>;
  userId: number | null;
  actorId: number | null;
  event: string;
  ip: string | null;
  userAgent: string | null;
  details: string | null;
  createdAt: Millis;
}

/** How many users each admin tab holds, kept exact by triggers on `users` (one row, id 1). */
export interface UserCountsTable {
  id: number;
  total: number;
  pendingApproval: number;
  unverified: number;
  inactive: number;
  admins: number;
}

/** A personal API key: only its SHA-256 is kept. */
export interface ApiKeysTable {
  id: Generated<number>;
  userId: number;
  name: string;
  /** `rst_` and the key's next 8 characters. */
  prefix: string;
  keyHash: string;
  /** Space-separated scopes. */
  scopes: string;
  createdAt: number;
  lastUsedAt: number | null;
  expiresAt: number | null;
}

export interface Database {
  users: UsersTable;
  userPrivacySettings: UserPrivacySettingsTable;
  sessions: SessionsTable;
  pendingLogins: PendingLoginsTable;
  serverSettings: ServerSettingsTable;
  emailTokens: EmailTokensTable;
  mailOutbox: MailOutboxTable;
  mfaBackupCodes: MfaBackupCodesTable;
  throttleEvents: ThrottleEventsTable;
  securityEvents: SecurityEventsTable;
  userCounts: UserCountsTable;
  identityProviders: IdentityProvidersTable;
  userIdentities: UserIdentitiesTable;
  oidcFlows: OidcFlowsTable;
  passkeys: PasskeysTable;
  webauthnChallenges: WebauthnChallengesTable;
  apiKeys: ApiKeysTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type UserRowUpdate = Updateable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type PrivacyRow = Selectable<UserPrivacySettingsTable>;
export type ServerSettingsRow = Selectable<ServerSettingsTable>;
export type MailOutboxRow = Selectable<MailOutboxTable>;
export type EmailTokenRow = Selectable<EmailTokensTable>;
export type SecurityEventRow = Selectable<SecurityEventsTable>;
