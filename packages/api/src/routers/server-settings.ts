import {
  changeServerSettings,
  getPublicServerSettings,
  getServerSettings,
  ServerSettingsUpdate,
} from '@roster/users';
import { adminProcedure, publicProcedure, router } from '../trpc';

export const serverSettingsRouter = router({
  getPublic: publicProcedure.query(({ ctx }) => getPublicServerSettings(ctx.services.db)),

  get: adminProcedure.query(({ ctx }) => getServerSettings(ctx.services.db)),

  update: adminProcedure
    .input(ServerSettingsUpdate)
    .mutation(({ ctx, input }) => changeServerSettings(ctx.services, ctx.user, ctx.meta, input)),
});
