import {
  changeServerSettings,
  getPublicServerSettings,
  getServerSettings,
  PublicServerSettings,
  ServerSettings,
  ServerSettingsUpdate,
} from '@roster/users';
import { adminProcedure, publicProcedure, router } from '../trpc';

export const serverSettingsRouter = router({
  getPublic: publicProcedure
    .meta({ summary: 'The settings a sign-up or sign-in page needs.' })
    .output(PublicServerSettings)
    .query(({ ctx }) => getPublicServerSettings(ctx.services.db)),

  get: adminProcedure
    .meta({ summary: 'Every server setting.' })
    .output(ServerSettings)
    .query(({ ctx }) => getServerSettings(ctx.services.db)),

  update: adminProcedure
    .meta({ summary: 'Changes any subset of the server settings; answers them all.' })
    .input(ServerSettingsUpdate)
    .output(ServerSettings)
    .mutation(({ ctx, input }) => changeServerSettings(ctx.services, ctx.user, ctx.meta, input)),
});
