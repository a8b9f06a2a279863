import {
  getPublicServerSettings,
  getServerSettings,
  logSecurityEvent,
  ServerSettingsUpdate,
  updateServerSettings,
} from '@roster/users';
import { adminProcedure, publicProcedure, router } from '../trpc';

export const serverSettingsRouter = router({
  getPublic: publicProcedure.query(({ ctx }) => getPublicServerSettings(ctx.services.db)),

  get: adminProcedure.query(({ ctx }) => getServerSettings(ctx.services.db)),

  update: adminProcedure.input(ServerSettingsUpdate).mutation(async ({ ctx, input }) => {
    const settings = await updateServerSettings(ctx.services.db, input);
    await logSecurityEvent(ctx.services.db, ctx.services.clock, {
      event: 'admin_settings_updated',
      userId: null,
      actorId: ctx.user.id,
      ...ctx.meta,
      details: { fields: Object.keys(input).join(',') },
    });
    return settings;
  }),
});
