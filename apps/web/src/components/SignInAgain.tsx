'use client';

import { usePathname } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Alert } from './Alert';
import { providerStartPath } from '@/lib/provider-sign-in';
import { trpc } from '@/lib/trpc';

/**
 * The top of a step-up form whose account has no password and no recent sign-in at its provider
 * (`splitSignInAgain`): what to do, and a "Sign in again with …" link for each enabled provider
 * the account is linked to, which comes back to this page. Nothing when `message` is null.
 */
export function SignInAgain({ message }: { message: string | null }) {
  const t = useTranslations('common.stepUp');
  const pathname = usePathname();
  const shown = message !== null;
  // Asked for only once needed; the security page has both in its cache already.
  const identities = trpc.me.identities.list.useQuery(undefined, { enabled: shown });
  const settings = trpc.serverSettings.getPublic.useQuery(undefined, { enabled: shown });
  if (!shown) return null;

  const linked = new Set(identities.data?.map((identity) => identity.provider.slug));
  const providers = (settings.data?.identityProviders ?? []).filter((provider) =>
    linked.has(provider.slug),
  );
  return (
    <div className="stack">
      <Alert tone="error">{message}</Alert>
      {providers.length > 0 ? (
        <div className="form-actions">
          {providers.map((provider) => (
            <a
              key={provider.slug}
              className="button button-secondary"
              href={providerStartPath(provider.slug, pathname)}
            >
              {t('signInAgain', { name: provider.name })}
            </a>
          ))}
        </div>
      ) : null}
    </div>
  );
}
