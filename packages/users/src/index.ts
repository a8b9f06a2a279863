// The public surface of @roster/users, by name: schemas and types shared by server and browser,
// and the domain functions the API calls. Services take the injected `Services` (or the part of
// it they need) first; repository reads take the database (or a transaction) first. Server-only
// start-up lives in `@roster/users/server`, test helpers in `@roster/users/testing`.

// Schemas, enums, codes: also in the browser-safe `@roster/users/schemas`.
export * from './schemas/index';
export {
  AccountBlocked,
  Busy,
  Conflict,
  DomainError,
  Forbidden,
  InvalidCredentials,
  InvalidInput,
  InvalidToken,
  LastAdmin,
  LimitReached,
  NotAuthenticated,
  NotFound,
  PayloadTooLarge,
  PendingLoginEnded,
  PolicyViolation,
  ROSTER_CODES,
  StepUpFailed,
  StepUpRequired,
  Throttled,
  UnsupportedMediaType,
  UserNotFound,
  WrongCode,
  type AccountBlockReason,
  type DomainErrorKind,
} from './errors';
export { DAY, HOUR, MINUTE, SECOND, manualClock, systemClock, toIso } from './clock';
export type { Clock, ManualClock } from './clock';
export type { RequestMeta, Services } from './services';

// Languages
export { requestLanguage } from './i18n/request-language';

// Database
export type { Database } from './db/types';
export { openDatabase, type DatabaseHandle, type Dialect } from './db/connection';
export { migrateToLatest } from './db/migrate';
export { inTransaction, type Db } from './db/transaction';

// Passwords
export {
  createBcryptHasher,
  createWorkLimiter,
  DEFAULT_HASH_QUEUE,
  defaultHashConcurrency,
  limitHasher,
  type HasherOptions,
  type PasswordHasher,
} from './passwords/hasher';
export { checkPasswordAndHash, checkPasswordPolicy } from './passwords/policy';
export { replacePasswordHash } from './passwords/replace-password';

// Users
export {
  countActiveAdmins,
  escapeLike,
  getAdminUsersOr404,
  getAllUsers,
  getUserByEmail,
  getUserById,
  getUserByIdOr404,
  getUserByUsername,
  getUserCredentials,
  getUsersAdmin,
  getUsersNumber,
  getUsersWithPagination,
  getUserCounts,
  type ListQuery,
  type UserCounts,
} from './users/users.repository';
export {
  approveUser,
  checkUserIsActive,
  createSignupUser,
  createUser,
  deleteUser,
  editUser,
  editUserPassword,
  removingLeavesNoAdmin,
  signupState,
  updateUserMfa,
  updateUserPhoto,
  verifyUserEmail,
  type MfaState,
} from './users/users.service';
export { toUsersRead, USER_COLUMNS, USER_FIELDS } from './users/users.columns';
export { getUserMe, toUsersMe, updatePrivacySettings } from './users/me';
export { createUserDefaultData, getPrivacySettings } from './privacy/privacy.repository';
export {
  changeOwnEmail,
  confirmEmailChange,
  updateOwnPrivacy,
  updateOwnProfile,
} from './users/profile';
export {
  deleteUserPhotoFilesystem,
  photoFilePath,
  photoUrlFor,
  processUserImage,
} from './users/photo-files';
export {
  deleteUserPhoto,
  getOwnPhoto,
  getPhotoForViewer,
  saveUserImageFile,
} from './users/photos.service';
export {
  getPublicProfile,
  isPublicProfileEnabled,
  type PublicProfile,
} from './users/public-profile';

// Settings
export {
  getPublicServerSettings,
  getServerSettings,
  updateServerSettings,
} from './settings/settings.repository';
export { changeServerSettings } from './settings/settings.service';

// Sessions
export {
  createSession,
  deleteExpiredSessions,
  listUserSessions,
  revokeOtherOwnSessions,
  revokeOwnSession,
  signOut,
  validateSession,
  type CreatedSession,
  type SessionPolicy,
  type ValidSession,
} from './sessions/sessions.service';
export {
  deleteSession,
  deleteSessionByToken,
  deleteUserSessions,
} from './sessions/sessions.repository';

// Throttling
export {
  clearAccountFailures,
  deleteOldThrottleEvents,
  releaseReservation,
  reserveSignInAttempt,
  takeMailAllowance,
  takeSignupAllowance,
  type Reservation,
  type SignInKeys,
} from './throttle/throttle';
export { accountKeyFor, LIMITS, networkKeyFor, type ThrottleScope } from './throttle/limits';

// Audit
export {
  listOwnSecurityEvents,
  listSecurityEvents,
  logSecurityEvent,
  type SecurityEventType,
} from './audit/log';

// Email links and mail
export {
  ALL_TOKEN_PURPOSES,
  consumeEmailToken,
  findEmailToken,
  issueEmailToken,
  TOKEN_TTL_MS,
  voidEmailTokens,
  type EmailTokenPurpose,
} from './tokens/email-tokens';
export {
  countPendingMail,
  enqueueMail,
  openMailBodies,
  retryDelayMs,
  type MailMessage,
} from './mail/outbox';
export { createMailWorker, type Mailer, type MailWorker } from './mail/worker';
export { mailText, type MailKey } from './mail/catalogue';
export type { Logger, MailTransport } from './mail/transport';

// Sign-up, sign-in, step-up
export { signUp } from './auth/signup';
export { login } from './auth/login';
export { verifyStepUp, type StepUpAccount, type StepUpFields } from './auth/step-up';
export {
  bootstrapFirstAdmin,
  completeSetup,
  isSetupPending,
  type BootstrapOutcome,
} from './auth/bootstrap';
export { PENDING_LOGIN_MAX_FAILURES, PENDING_LOGIN_MS } from './auth/pending-login';
export { resendVerification, verifyEmail } from './auth/email-verification';
export { requestPasswordReset, resetPassword } from './auth/password-reset';
export { changePassword } from './account/change-password';

// MFA
export {
  completeMfaLogin,
  disableMfa,
  enableMfa,
  mfaStatus,
  regenerateBackupCodes,
  setupMfa,
} from './mfa/flows';
export { totpCode } from './mfa/totp';
export { countBackupCodes } from './mfa/second-factor';

// Admin
export { approveSignup, rejectSignup, type AdminActor } from './admin/approval';
export {
  adminCreateUser,
  adminDeleteUser,
  adminSetPassword,
  adminUpdateUser,
  countUsersByFilter,
  listUsers,
  type ListUsersQuery,
} from './admin/users';
export {
  adminListUserSessions,
  adminRevokeUserSession,
  adminRevokeUserSessions,
} from './admin/sessions';

// Identity providers (OpenID Connect)
export {
  checkIdentityProvider,
  createIdentityProvider,
  deleteIdentityProvider,
  getIdentityProviderOr404,
  listIdentityProviders,
  listPublicIdentityProviders,
  updateIdentityProvider,
  callbackUrlFor,
} from './oidc/providers.service';
export {
  finishProviderFlow,
  OIDC_FLOW_MS,
  startProviderFlow,
  type ProviderCallbackResult,
} from './oidc/sign-in';
export { listIdentities, startIdentityLink, unlinkIdentity } from './oidc/identities.service';
export { generateToken } from './util/tokens';

// Passkeys (WebAuthn)
export { resetSecondFactors, secondFactorsOf } from './admin/second-factors';
export {
  mfaPasskeyOptions,
  CHALLENGE_MS,
  deletePasskey,
  listPasskeys,
  MAX_PASSKEYS_PER_USER,
  passkeyRegistrationOptions,
  passkeySignInOptions,
  registerPasskey,
  renamePasskey,
  signInWithPasskey,
} from './passkeys/passkeys.service';

// API keys
export {
  adminListApiKeys,
  adminRevokeApiKey,
  type ApiKeyCaller,
  authenticateApiKey,
  createApiKey,
  listApiKeys,
  MAX_API_KEYS_PER_USER,
  revokeApiKey,
} from './api-keys/api-keys.service';
export { mayUseAdminScopes } from './api-keys/scopes';

// Owning one's data
export { exportAccount } from './account/export';
export { deleteOwnAccount } from './account/delete-account';
