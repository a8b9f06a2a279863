import { getPublicProfile, PublicProfileInput } from '@roster/users';
import { publicProcedure, router } from '../trpc';

export const usersRouter = router({
  publicProfile: publicProcedure
    .input(PublicProfileInput)
    .query(({ ctx, input }) => getPublicProfile(ctx.services.db, input.username)),
});
