import { getUserMe } from '@roster/users';
import { protectedProcedure, router } from '../trpc';

export const meRouter = router({
  get: protectedProcedure.query(({ ctx }) => getUserMe(ctx.services.db, ctx.user.id, ctx.user)),
});
