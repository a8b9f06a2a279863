import {
  changeServerSettings,
  getPublicServerSettings,
  getServerSettings,
  listPublicIdentityProviders,
  PublicIdentityProvider,
  PublicServerSettings,
  ServerSettings,
  ServerSettingsUpdate,
} from '@roster/users';
import { z } from 'zod';
import { adminProcedure, publicProcedure, router } from '../trpc';

export const serverSettingsRouter = router({
  getPublic: publicProcedure
    .meta({
      scope: 'public',
      summary: 'The settings a sign-up or sign-in page needs, with the enabled identity providers.',
    })
    .output(PublicServerSettings.extend({ identityProviders: z.array(PublicIdentityProvider) }))
    .query(async ({ ctx }) => ({
      ...(await getPublicServerSettings(ctx.services.db)),
      identityProviders: await listPublicIdentityProviders(ctx.services),
    })),

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
