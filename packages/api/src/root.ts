import { adminIdentityProvidersRouter } from './routers/admin/identity-providers';
import { adminSecurityEventsRouter } from './routers/admin/security-events';
import { adminUsersRouter } from './routers/admin/users';
import { authRouter } from './routers/auth';
import { meRouter } from './routers/me';
import { mfaRouter } from './routers/mfa';
import { serverSettingsRouter } from './routers/server-settings';
import { setupRouter } from './routers/setup';
import { usersRouter } from './routers/users';
import { router } from './trpc';

export const appRouter = router({
  admin: router({
    users: adminUsersRouter,
    securityEvents: adminSecurityEventsRouter,
    identityProviders: adminIdentityProvidersRouter,
  }),
  auth: authRouter,
  me: meRouter,
  mfa: mfaRouter,
  serverSettings: serverSettingsRouter,
  setup: setupRouter,
  users: usersRouter,
});

export type AppRouter = typeof appRouter;
