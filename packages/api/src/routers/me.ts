import {
  deleteUserPhoto,
  getUserMe,
  InvalidInput,
  PHOTO_MESSAGES,
  PrivacySettingsUpdate,
  saveUserImageFile,
  updateOwnPrivacy,
  updateOwnProfile,
  UsersBaseUpdate,
} from '@roster/users';
import { z } from 'zod';
import { protectedProcedure, router } from '../trpc';

export const meRouter = router({
  get: protectedProcedure.query(({ ctx }) => getUserMe(ctx.services.db, ctx.user.id, ctx.user)),

  update: protectedProcedure
    .input(UsersBaseUpdate)
    .mutation(({ ctx, input }) => updateOwnProfile(ctx.services, ctx.meta, ctx.user.id, input)),

  /** Multipart with one `file` field; the HTTP layer has already refused bodies over the cap. */
  uploadPhoto: protectedProcedure
    .input(z.instanceof(FormData, { error: PHOTO_MESSAGES.missing }))
    .mutation(async ({ ctx, input }) => {
      const file = input.get('file');
      if (!(file instanceof Blob)) throw new InvalidInput(PHOTO_MESSAGES.missing, 'file');
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
