import { z } from 'zod';
import { Currency, PasswordType, Units } from './enums';

const PasswordLength = z
  .number({ error: 'Password length must be a whole number.' })
  .int({ error: 'Password length must be a whole number.' })
  .min(8, { error: 'Password length must be between 8 and 128.' })
  .max(128, { error: 'Password length must be between 8 and 128.' });

export const ServerSettingsFields = {
  signupEnabled: z.boolean(),
  signupRequireEmailVerification: z.boolean(),
  signupRequireAdminApproval: z.boolean(),
  passwordType: PasswordType,
  passwordLengthRegularUsers: PasswordLength,
  passwordLengthAdminUsers: PasswordLength,
  units: Units,
  currency: Currency,
  numRecordsPerPage: z
    .number({ error: 'Records per page must be a whole number.' })
    .int({ error: 'Records per page must be a whole number.' })
    .min(1, { error: 'Records per page must be between 1 and 100.' })
    .max(100, { error: 'Records per page must be between 1 and 100.' }),
  publicShareableLinks: z.boolean(),
  publicShareableLinksUserInfo: z.boolean(),
  /** Off: regular users sign in only through a provider or a passkey; admins keep passwords. */
  passwordLoginEnabled: z.boolean(),
};

export const ServerSettings = z.object(ServerSettingsFields);
export type ServerSettings = z.infer<typeof ServerSettings>;

export const ServerSettingsUpdate = ServerSettings.partial().strict();
export type ServerSettingsUpdate = z.infer<typeof ServerSettingsUpdate>;

export const PublicServerSettings = ServerSettings.omit({ numRecordsPerPage: true });
export type PublicServerSettings = z.infer<typeof PublicServerSettings>;

export const DEFAULT_SERVER_SETTINGS: ServerSettings = {
  signupEnabled: false,
  signupRequireEmailVerification: true,
  signupRequireAdminApproval: true,
  passwordType: 'strict',
  passwordLengthRegularUsers: 8,
  passwordLengthAdminUsers: 12,
  units: 'metric',
  currency: 'euro',
  numRecordsPerPage: 25,
  publicShareableLinks: false,
  publicShareableLinksUserInfo: false,
  passwordLoginEnabled: true,
};
