import { getPublicServerSettings } from '@roster/users';
import { publicProcedure, router } from '../trpc';

export const serverSettingsRouter = router({
  getPublic: publicProcedure.query(({ ctx }) => getPublicServerSettings(ctx.services.db)),
});
