import { listSecurityEvents, SecurityEventsListInput } from '@roster/users';
import { adminProcedure, router } from '../../trpc';

/** Admins see everyone's security log (users see their own through `me.securityEvents`). */
export const adminSecurityEventsRouter = router({
  list: adminProcedure
    .input(SecurityEventsListInput)
    .query(({ ctx, input }) => listSecurityEvents(ctx.services.db, input)),
});
