import {
  changeOwnEmail,
  ChangeEmailInput,
  ChangePasswordInput,
  changePassword,
  deleteUserPhoto,
  getUserMe,
  InvalidInput,
  listOwnSecurityEvents,
  listUserSessions,
  PHOTO_MESSAGES,
  PrivacySettingsUpdate,
  revokeOtherOwnSessions,
  revokeOwnSession,
  saveUserImageFile,
  SessionIdInput,
  updateOwnPrivacy,
  updateOwnProfile,
  UsersBaseUpdate,
} from '@roster/users';
import { z } from 'zod';
import { protectedProcedure, router } from '../trpc';

const sessionsRouter = router({
  list: protectedProcedure.query(({ ctx }) =>
    listUserSessions(ctx.services, ctx.user.id, ctx.session.sessionId),
  ),

  revoke: protectedProcedure.input(SessionIdInput).mutation(async ({ ctx, input }) => {
    await revokeOwnSession(ctx.services, ctx.user.id, ctx.meta, input.id);
    // Ending the current session is signing out.
    if (input.id === ctx.session.sessionId) ctx.cookies.clear(ctx.cookieNames.session);
    return { ok: true as const };
  }),

  revokeOthers: protectedProcedure.mutation(async ({ ctx }) => ({
    revoked: await revokeOtherOwnSessions(
      ctx.services,
      ctx.user.id,
      ctx.meta,
      ctx.session.sessionId,
    ),
  })),
});

export const meRouter = router({
  get: protectedProcedure.query(({ ctx }) => getUserMe(ctx.services, ctx.user.id, ctx.user)),

  changePassword: protectedProcedure.input(ChangePasswordInput).mutation(async ({ ctx, input }) => {
    await changePassword(ctx.services, ctx.user, ctx.session.sessionId, ctx.meta, input);
    return { ok: true as const };
  }),

  sessions: sessionsRouter,

  /** The signed-in user's recent security activity (sign-ins, changes, revocations). */
  securityEvents: protectedProcedure.query(({ ctx }) =>
    listOwnSecurityEvents(ctx.services.db, ctx.user.id),
  ),

  /** Every profile field but the email, which `changeEmail` changes after a step-up. */
  update: protectedProcedure
    .input(UsersBaseUpdate)
    .mutation(({ ctx, input }) => updateOwnProfile(ctx.services, ctx.user.id, input)),

  changeEmail: protectedProcedure
    .input(ChangeEmailInput)
    .mutation(({ ctx, input }) => changeOwnEmail(ctx.services, ctx.user, ctx.meta, input)),

  /** Multipart with one `file` field; the HTTP layer has already refused bodies over the cap. */
  uploadPhoto: protectedProcedure
    .input(z.instanceof(FormData, { error: PHOTO_MESSAGES.missing }))
    .mutation(async ({ ctx, input }) => {
      const file = input.get('file');
      if (!(file instanceof Blob)) {
        throw new InvalidInput(PHOTO_MESSAGES.missing, 'file', 'PHOTO_MISSING');
      }
      return saveUserImageFile(ctx.services, ctx.user.id, new Uint8Array(await file.arrayBuffer()));
    }),

  deletePhoto: protectedProcedure.mutation(async ({ ctx }) => {
    await deleteUserPhoto(ctx.services, ctx.user.id);
    return { ok: true as const };
  }),

  privacy: router({
    update: protectedProcedure
      .input(PrivacySettingsUpdate)
      .mutation(({ ctx, input }) => updateOwnPrivacy(ctx.services, ctx.user.id, input)),
  }),
});
