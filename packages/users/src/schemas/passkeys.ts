import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { z } from 'zod';
import { StepUp } from './step-up';

export const PasskeyName = z.string().trim().min(1).max(100);

export const PasskeyRead = z.object({
  id: z.number().int(),
  name: z.string(),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
  /** Synced to other devices by its provider (a password manager, the platform's keychain). */
  backedUp: z.boolean(),
});
export type PasskeyRead = z.infer<typeof PasskeyRead>;

/**
 * The JSON form of a credential as `@simplewebauthn/browser` returns it; the library checks
 * every part of it, the schema only its size and outline.
 */
const CredentialJson = z
  .looseObject({
    id: z.string().min(1).max(1400),
    rawId: z.string().min(1).max(1400),
    type: z.literal('public-key'),
    response: z.looseObject({ clientDataJSON: z.string().max(10_000) }),
    clientExtensionResults: z.looseObject({}),
  })
  .refine((value) => JSON.stringify(value).length <= 40_000, {
    error: 'The credential is too large.',
  });

export const RegistrationOptionsInput = z.strictObject({ stepUp: StepUp });
const isCredential = (value: unknown) => CredentialJson.safeParse(value).success;
const RegistrationResponse = z.custom<RegistrationResponseJSON>(isCredential, {
  error: 'Not a passkey credential.',
});
/** A passkey's answer to a sign-in request. */
export const AuthenticationResponse = z.custom<AuthenticationResponseJSON>(isCredential, {
  error: 'Not a passkey credential.',
});

export const RegisterPasskeyInput = z.strictObject({
  name: PasskeyName,
  response: RegistrationResponse,
});
export const RenamePasskeyInput = z.strictObject({
  id: z.number().int().positive(),
  name: PasskeyName,
});
export const DeletePasskeyInput = z.strictObject({
  id: z.number().int().positive(),
  stepUp: StepUp,
});
export const PasskeyLoginInput = z.strictObject({ response: AuthenticationResponse });

const isOptions = (value: unknown) =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { challenge?: unknown }).challenge === 'string';

/** Options for the browser's WebAuthn calls, as `@simplewebauthn/server` makes them. */
export const WebAuthnCreationOptions = z.custom<PublicKeyCredentialCreationOptionsJSON>(isOptions);
export const WebAuthnRequestOptions = z.custom<PublicKeyCredentialRequestOptionsJSON>(isOptions);
