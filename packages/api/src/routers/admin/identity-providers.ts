import {
  checkIdentityProvider,
  createIdentityProvider,
  deleteIdentityProvider,
  IdentityProviderCreate,
  IdentityProviderRead,
  IdentityProviderUpdate,
  listIdentityProviders,
  Ok,
  ProviderCheck,
  ProviderCheckInput,
  ProviderIdInput,
  updateIdentityProvider,
} from '@roster/users';
import { z } from 'zod';
import { adminProcedure, router } from '../../trpc';

/** Sign-in through OpenID Connect providers (docs/api.md §11); the client secret is write-only. */
export const adminIdentityProvidersRouter = router({
  list: adminProcedure
    .meta({ summary: 'Every identity provider, with the redirect URI to register at it.' })
    .output(z.array(IdentityProviderRead))
    .query(({ ctx }) => listIdentityProviders(ctx.services)),

  create: adminProcedure
    .meta({ summary: 'Adds an identity provider; the client secret is stored encrypted.' })
    .input(IdentityProviderCreate)
    .output(IdentityProviderRead)
    .mutation(({ ctx, input }) => createIdentityProvider(ctx.services, ctx.user, ctx.meta, input)),

  update: adminProcedure
    .meta({ summary: 'Changes any fields of a provider; a new secret replaces the stored one.' })
    .input(IdentityProviderUpdate)
    .output(IdentityProviderRead)
    .mutation(({ ctx, input }) => updateIdentityProvider(ctx.services, ctx.user, ctx.meta, input)),

  delete: adminProcedure
    .meta({ summary: 'Removes a provider and every identity linked through it.' })
    .input(ProviderIdInput)
    .output(Ok)
    .mutation(async ({ ctx, input }) => {
      await deleteIdentityProvider(ctx.services, ctx.user, ctx.meta, input.id);
      return { ok: true as const };
    }),

  test: adminProcedure
    .meta({
      summary:
        'Fetches an issuer’s discovery document and says what is wrong: unreachable, not an issuer, issuer mismatch.',
    })
    .input(ProviderCheckInput)
    .output(ProviderCheck)
    .mutation(({ input }) => checkIdentityProvider(input.issuer)),
});
