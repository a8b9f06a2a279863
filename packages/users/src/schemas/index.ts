// Browser-safe entry (`@roster/users/schemas`): schemas, enums and the password policy text, with
// nothing that touches the database or Node-only modules.
export * from './enums';
export * from './users';
export * from './privacy';
export * from './settings';
export * from './photo';
export {
  describePasswordPolicy,
  minimumPasswordLength,
  passwordProblems,
  passwordShortfalls,
  type PasswordPolicy,
  type PasswordShortfall,
} from '../passwords/policy-text';
export * from './step-up';
export { DEFAULT_NEXT_PATH, safeNextPath } from '../util/safe-path';
export { issueFacts, type IssueFacts } from '../util/issue-facts';
export { ROSTER_CODE_LIST, type RosterCode } from '../errors';
export * from './inputs';
export * from './outputs';
export * from '../i18n/languages';
export * from './identity-providers';
export * from './passkeys';
export * from './api-keys';
export * from './account-data';
