import {
  getUserMe,
  PrivacySettingsUpdate,
  updateOwnPrivacy,
  updateOwnProfile,
  UsersBaseUpdate,
} from '@roster/users';
import { protectedProcedure, router } from '../trpc';

export const meRouter = router({
  get: protectedProcedure.query(({ ctx }) => getUserMe(ctx.services.db, ctx.user.id, ctx.user)),

  update: protectedProcedure
    .input(UsersBaseUpdate)
    .mutation(({ ctx, input }) => updateOwnProfile(ctx.services, ctx.meta, ctx.user.id, input)),

  privacy: router({
    update: protectedProcedure
      .input(PrivacySettingsUpdate)
      .mutation(({ ctx, input }) => updateOwnPrivacy(ctx.services, ctx.user.id, input)),
  }),
});
