import { completeSetup, isSetupPending, SetupInput } from '@roster/users';
import { startSessionCookie } from '../session-cookies';
import { publicProcedure, router } from '../trpc';

/** Creating the first administrator with the one-time code the server printed. */
export const setupRouter = router({
  status: publicProcedure.query(async ({ ctx }) => ({
    pending: await isSetupPending(ctx.services),
  })),

  createAdmin: publicProcedure.input(SetupInput).mutation(async ({ ctx, input }) => {
    const { user, session } = await completeSetup(ctx.services, ctx.meta, input);
    await startSessionCookie(ctx, session);
    return { status: 'authenticated' as const, user };
  }),
});
