import {
  ChangeEmailInput,
  ChangeEmailResult,
  changeOwnEmail,
  ChangePasswordInput,
  changePassword,
  deleteUserPhoto,
  getUserMe,
  DeletePasskeyInput,
  deletePasskey,
  listPasskeys,
  PasskeyRead,
  passkeyRegistrationOptions,
  RegisterPasskeyInput,
  registerPasskey,
  RegistrationOptionsInput,
  RenamePasskeyInput,
  renamePasskey,
  WebAuthnCreationOptions,
  IdentityRead,
  LinkIdentityInput,
  listIdentities,
  startIdentityLink,
  UnlinkIdentityInput,
  unlinkIdentity,
  InvalidInput,
  listOwnSecurityEvents,
  listUserSessions,
  Ok,
  PHOTO_MESSAGES,
  PhotoUploaded,
  PrivacySettingsUpdate,
  Revoked,
  revokeOtherOwnSessions,
  revokeOwnSession,
  saveUserImageFile,
  SecurityEvent,
  SessionIdInput,
  SessionInfo,
  updateOwnPrivacy,
  updateOwnProfile,
  UsersBaseUpdate,
  UsersMe,
  AccountExport,
  ApiKeyRead,
  CreateApiKeyInput,
  CreatedApiKey,
  createApiKey,
  DeleteAccountInput,
  deleteOwnAccount,
  exportAccount,
  listApiKeys,
  RevokeApiKeyInput,
  revokeApiKey,
} from '@roster/users';
import { z } from 'zod';
import { providerFlowToken, webauthnToken } from '../browser-tokens';
import { protectedProcedure, router, userProcedure } from '../trpc';

const sessionsRouter = router({
  list: protectedProcedure
    .meta({ summary: 'Where the caller is signed in, most recent activity first.' })
    .output(z.array(SessionInfo))
    .query(({ ctx }) => listUserSessions(ctx.services, ctx.user.id, ctx.session.sessionId)),

  revoke: protectedProcedure
    .meta({ summary: 'Ends one of the caller’s sessions (ending the current one signs out).' })
    .input(SessionIdInput)
    .output(Ok)
    .mutation(async ({ ctx, input }) => {
      await revokeOwnSession(ctx.services, ctx.user.id, ctx.meta, input.id);
      // Ending the current session is signing out.
      if (input.id === ctx.session.sessionId) ctx.cookies.clear(ctx.cookieNames.session);
      return { ok: true as const };
    }),

  revokeOthers: protectedProcedure
    .meta({ summary: 'Ends every session of the caller but this one.' })
    .output(Revoked)
    .mutation(async ({ ctx }) => ({
      revoked: await revokeOtherOwnSessions(
        ctx.services,
        ctx.user.id,
        ctx.meta,
        ctx.session.sessionId,
      ),
    })),
});

const identitiesRouter = router({
  list: userProcedure
    .meta({ scope: 'me:read', summary: 'The caller’s identities at identity providers.' })
    .output(z.array(IdentityRead))
    .query(({ ctx }) => listIdentities(ctx.services, ctx.user.id)),

  link: protectedProcedure
    .meta({
      summary:
        'After a step-up, the provider’s authorization URL; its callback links the identity to the caller.',
    })
    .input(LinkIdentityInput)
    .output(z.object({ url: z.string() }))
    .mutation(({ ctx, input }) =>
      startIdentityLink(ctx.services, ctx.user, ctx.meta, {
        ...input,
        browserToken: providerFlowToken(ctx.cookies, ctx.cookieNames),
      }),
    ),

  unlink: protectedProcedure
    .meta({ summary: 'Unlinks an identity, never the last way to sign in (step-up first).' })
    .input(UnlinkIdentityInput)
    .output(Ok)
    .mutation(async ({ ctx, input }) => {
      await unlinkIdentity(ctx.services, ctx.user, ctx.meta, input);
      return { ok: true as const };
    }),
});

const passkeysRouter = router({
  list: userProcedure
    .meta({
      scope: 'me:read',
      summary: 'The caller’s passkeys: name, when made and last used, whether synced.',
    })
    .output(z.array(PasskeyRead))
    .query(({ ctx }) => listPasskeys(ctx.services, ctx.user.id)),

  registrationOptions: protectedProcedure
    .meta({
      summary: 'After a step-up, the options for the browser to make a passkey.',
      errors: ['PASSKEY_LIMIT', 'STEP_UP_REQUIRED', 'STEP_UP_FAILED', 'ACCOUNT_LOCKED', 'BUSY'],
    })
    .input(RegistrationOptionsInput)
    .output(WebAuthnCreationOptions)
    .mutation(({ ctx, input }) =>
      passkeyRegistrationOptions(ctx.services, ctx.user, ctx.meta, {
        stepUp: input.stepUp,
        browserToken: webauthnToken(ctx.cookies, ctx.cookieNames),
      }),
    ),

  register: protectedProcedure
    .meta({
      summary: 'Stores the passkey the browser made from those options.',
      errors: ['PASSKEY_FAILED', 'PASSKEY_LIMIT', 'SIGN_IN_EXPIRED'],
    })
    .input(RegisterPasskeyInput)
    .output(PasskeyRead)
    .mutation(({ ctx, input }) =>
      registerPasskey(ctx.services, ctx.user, ctx.meta, {
        name: input.name,
        response: input.response,
        browserToken: ctx.cookies.get(ctx.cookieNames.webauthn),
      }),
    ),

  rename: protectedProcedure
    .meta({ summary: 'Renames one of the caller’s passkeys.' })
    .input(RenamePasskeyInput)
    .output(Ok)
    .mutation(async ({ ctx, input }) => {
      await renamePasskey(ctx.services, ctx.user, ctx.meta, input);
      return { ok: true as const };
    }),

  delete: protectedProcedure
    .meta({ summary: 'Removes a passkey after a step-up, never the last way to sign in.' })
    .input(DeletePasskeyInput)
    .output(Ok)
    .mutation(async ({ ctx, input }) => {
      await deletePasskey(ctx.services, ctx.user, ctx.meta, input);
      return { ok: true as const };
    }),
});

const apiKeysRouter = router({
  list: protectedProcedure
    .meta({ summary: 'The caller’s API keys: name, first characters, scopes, use and expiry.' })
    .output(z.array(ApiKeyRead))
    .query(({ ctx }) => listApiKeys(ctx.services, ctx.user.id)),

  create: protectedProcedure
    .meta({
      summary:
        'After a step-up, a new API key (`rst_…`), answered once: Roster keeps only its SHA-256.',
      errors: [
        'STEP_UP_REQUIRED',
        'STEP_UP_FAILED',
        'NOT_ALLOWED',
        'API_KEY_LIMIT',
        'ACCOUNT_LOCKED',
        'BUSY',
      ],
    })
    .input(CreateApiKeyInput)
    .output(CreatedApiKey)
    .mutation(({ ctx, input }) => createApiKey(ctx.services, ctx.user, ctx.meta, input)),

  revoke: protectedProcedure
    .meta({ summary: 'Revokes one of the caller’s API keys: its next call is refused.' })
    .input(RevokeApiKeyInput)
    .output(Ok)
    .mutation(async ({ ctx, input }) => {
      await revokeApiKey(ctx.services, ctx.user.id, ctx.meta, input.id);
      return { ok: true as const };
    }),
});

export const meRouter = router({
  apiKeys: apiKeysRouter,
  identities: identitiesRouter,

  export: userProcedure
    .meta({
      scope: 'me:read',
      summary:
        'Everything Roster holds about the caller, as one JSON document, without any secret.',
    })
    .output(AccountExport)
    .query(({ ctx }) => exportAccount(ctx.services, ctx.user, ctx.sessionId)),

  deleteAccount: protectedProcedure
    .meta({
      summary:
        'Deletes the caller’s account after a step-up and the username typed again; signs out.',
      errors: [
        'USERNAME_MISMATCH',
        'STEP_UP_REQUIRED',
        'STEP_UP_FAILED',
        'LAST_ADMIN',
        'ACCOUNT_LOCKED',
        'BUSY',
      ],
    })
    .input(DeleteAccountInput)
    .output(Ok)
    .mutation(async ({ ctx, input }) => {
      await deleteOwnAccount(ctx.services, ctx.user, ctx.meta, input);
      ctx.cookies.clear(ctx.cookieNames.session);
      return { ok: true as const };
    }),

  passkeys: passkeysRouter,
  get: userProcedure
    .meta({ scope: 'me:read', summary: 'The signed-in user with privacy settings and photo URL.' })
    .output(UsersMe)
    .query(({ ctx }) => getUserMe(ctx.services, ctx.user.id, ctx.user)),

  changePassword: protectedProcedure
    .meta({
      summary:
        'Changes the password with the current one (and a code when MFA is on); other sessions end when asked.',
      errors: ['STEP_UP_REQUIRED', 'STEP_UP_FAILED', 'PASSWORD_POLICY', 'ACCOUNT_LOCKED', 'BUSY'],
    })
    .input(ChangePasswordInput)
    .output(Ok)
    .mutation(async ({ ctx, input }) => {
      await changePassword(ctx.services, ctx.user, ctx.session.sessionId, ctx.meta, input);
      return { ok: true as const };
    }),

  sessions: sessionsRouter,

  securityEvents: userProcedure
    .meta({
      scope: 'me:read',
      summary:
        'The caller’s recent security activity, newest first; an administrator’s actions without their IP or device.',
    })
    .output(z.array(SecurityEvent))
    .query(({ ctx }) => listOwnSecurityEvents(ctx.services.db, ctx.user.id)),

  update: userProcedure
    .meta({
      scope: 'me:write',
      summary: 'Changes any profile field but the email (which `me.changeEmail` changes).',
      errors: ['USERNAME_TAKEN', 'USE_CHANGE_EMAIL'],
    })
    .input(UsersBaseUpdate)
    .output(UsersMe)
    .mutation(({ ctx, input }) => updateOwnProfile(ctx.services, ctx.user.id, input)),

  changeEmail: protectedProcedure
    .meta({
      summary:
        'Changes the email after a step-up: at once, or once the link sent to the new address is opened.',
      errors: ['STEP_UP_REQUIRED', 'STEP_UP_FAILED', 'EMAIL_TAKEN', 'ACCOUNT_LOCKED', 'BUSY'],
    })
    .input(ChangeEmailInput)
    .output(ChangeEmailResult)
    .mutation(({ ctx, input }) => changeOwnEmail(ctx.services, ctx.user, ctx.meta, input)),

  /** Multipart with one `file` field; the HTTP layer has already refused bodies over the cap. */
  uploadPhoto: userProcedure
    .meta({
      scope: 'me:write',
      summary:
        'Multipart form data with a `file`: a PNG, JPEG or WebP of at most 5 MB and 4096×4096, stored re-encoded.',
      errors: [
        'PHOTO_TOO_LARGE',
        'PHOTO_TYPE',
        'PHOTO_UNREADABLE',
        'PHOTO_DIMENSIONS',
        'PHOTO_MISSING',
      ],
    })
    .input(z.instanceof(FormData, { error: PHOTO_MESSAGES.missing }))
    .output(PhotoUploaded)
    .mutation(async ({ ctx, input }) => {
      const file = input.get('file');
      if (!(file instanceof Blob)) {
        throw new InvalidInput(PHOTO_MESSAGES.missing, 'file', 'PHOTO_MISSING');
      }
      return saveUserImageFile(ctx.services, ctx.user.id, new Uint8Array(await file.arrayBuffer()));
    }),

  deletePhoto: userProcedure
    .meta({ scope: 'me:write', summary: 'Removes the caller’s photo.' })
    .output(Ok)
    .mutation(async ({ ctx }) => {
      await deleteUserPhoto(ctx.services, ctx.user.id);
      return { ok: true as const };
    }),

  privacy: router({
    update: userProcedure
      .meta({ scope: 'me:write', summary: 'Changes any subset of the privacy settings.' })
      .input(PrivacySettingsUpdate)
      .output(UsersMe)
      .mutation(({ ctx, input }) => updateOwnPrivacy(ctx.services, ctx.user.id, input)),
  }),
});
