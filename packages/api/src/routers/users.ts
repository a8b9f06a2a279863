import { getPublicProfile, PublicProfileInput, PublicProfileOutput } from '@roster/users';
import { publicProcedure, router } from '../trpc';

export const usersRouter = router({
  publicProfile: publicProcedure
    .meta({
      scope: 'public',
      summary:
        'Name, username, city and photo of a user, only while the administrator allows public profiles.',
    })
    .input(PublicProfileInput)
    .output(PublicProfileOutput)
    .query(({ ctx, input }) => getPublicProfile(ctx.services.db, input.username)),
});
