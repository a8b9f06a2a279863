import type admin from '../../messages/us/admin.json';
import type auth from '../../messages/us/auth.json';
import type common from '../../messages/us/common.json';
import type errors from '../../messages/us/errors.json';
import type profile from '../../messages/us/profile.json';
import type security from '../../messages/us/security.json';

/**
 * The catalogue of one language, one file per area under `messages/<language>/`. US English is
 * the reference: its keys are the type every other language is checked against.
 */
export interface Messages {
  common: typeof common;
  errors: typeof errors;
  auth: typeof auth;
  profile: typeof profile;
  security: typeof security;
  admin: typeof admin;
}

export const NAMESPACES = [
  'common',
  'errors',
  'auth',
  'profile',
  'security',
  'admin',
] as const satisfies readonly (keyof Messages)[];
