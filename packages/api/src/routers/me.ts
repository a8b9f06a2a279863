import {
  changeOwnEmail,
  changePassword,
  Email,
  deleteSession,
  deleteUserPhoto,
  deleteUserSessions,
  getUserMe,
  InvalidInput,
  listOwnSecurityEvents,
  listUserSessions,
  logSecurityEvent,
  Password,
  PHOTO_MESSAGES,
  PrivacySettingsUpdate,
  saveUserImageFile,
  StepUp,
  updateOwnPrivacy,
  updateOwnProfile,
  UsersBaseUpdate,
} from '@roster/users';
import { z } from 'zod';
import { protectedProcedure, router } from '../trpc';

const sessionsRouter = router({
  list: protectedProcedure.query(({ ctx }) =>
    listUserSessions(
      ctx.services.db,
      ctx.services.clock,
      ctx.services.sessionPolicy,
      ctx.user.id,
      ctx.session.sessionId,
    ),
  ),

  revoke: protectedProcedure
    .input(z.strictObject({ id: z.string().trim().min(1, { error: 'Which session?' }).max(64) }))
    .mutation(async ({ ctx, input }) => {
      const revoked = await deleteSession(ctx.services.db, ctx.user.id, input.id);
      if (revoked) {
        await logSecurityEvent(ctx.services.db, ctx.services.clock, {
          event: 'session_revoked',
          userId: ctx.user.id,
          ...ctx.meta,
        });
      }
      // Ending the current session is signing out.
      if (input.id === ctx.session.sessionId) ctx.cookies.clear(ctx.cookieNames.session);
      return { ok: true as const };
    }),

  revokeOthers: protectedProcedure.mutation(async ({ ctx }) => {
    const revoked = await deleteUserSessions(ctx.services.db, ctx.user.id, ctx.session.sessionId);
    await logSecurityEvent(ctx.services.db, ctx.services.clock, {
      event: 'sessions_revoked',
      userId: ctx.user.id,
      ...ctx.meta,
      details: { count: revoked },
    });
    return { revoked };
  }),
});

export const meRouter = router({
  get: protectedProcedure.query(({ ctx }) => getUserMe(ctx.services, ctx.user.id, ctx.user)),

  changePassword: protectedProcedure
    .input(
      z.strictObject({
        currentPassword: Password,
        password: Password,
        mfaCode: z.string().trim().max(32).optional(),
        revokeOtherSessions: z.boolean().optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
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
    .input(z.strictObject({ email: Email, stepUp: StepUp }))
    .mutation(({ ctx, input }) => changeOwnEmail(ctx.services, ctx.user, ctx.meta, input)),

  /** Multipart with one `file` field; the HTTP layer has already refused bodies over the cap. */
  uploadPhoto: protectedProcedure
    .input(z.instanceof(FormData, { error: PHOTO_MESSAGES.missing }))
    .mutation(async ({ ctx, input }) => {
      const file = input.get('file');
      if (!(file instanceof Blob)) {
        throw new InvalidInput(PHOTO_MESSAGES.missing, 'file', 'PHOTO_MISSING');
      }
      const bytes = new Uint8Array(await file.arrayBuffer());
      return saveUserImageFile(ctx.services, ctx.user.id, bytes);
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
