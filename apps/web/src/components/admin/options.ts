import type { PasswordType, TokenEndpointAuthMethod, UserAccessType } from '@roster/users/schemas';

// The choices of the admin selects, in the order they are offered; their names are in the
// `admin.options` catalogue, by value.

export const ACCESS_TYPES = ['regular', 'admin'] as const satisfies readonly UserAccessType[];

export const PASSWORD_TYPES = ['strict', 'length_only'] as const satisfies readonly PasswordType[];

export const TOKEN_ENDPOINT_AUTH_METHODS = [
  'client_secret_basic',
  'client_secret_post',
] as const satisfies readonly TokenEndpointAuthMethod[];

/** The identity-provider products the add form knows the usual values of; `generic` is any other. */
export const PROVIDER_PRESETS = [
  'authelia',
  'authentik',
  'keycloak',
  'pocketId',
  'generic',
] as const;
export type ProviderPreset = (typeof PROVIDER_PRESETS)[number];
