import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ActivityCard } from '@/components/security/ActivityCard';
import { ApiKeysCard } from '@/components/security/ApiKeysCard';
import { ChangePasswordCard } from '@/components/security/ChangePasswordCard';
import { IdentitiesCard } from '@/components/security/IdentitiesCard';
import { MfaCard } from '@/components/security/MfaCard';
import { PasskeysCard } from '@/components/security/PasskeysCard';
import { SessionsCard } from '@/components/security/SessionsCard';
import { getSignedInUser, serverCaller } from '@/server/caller';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('security.page');
  return { title: t('title') };
}

export default async function SecurityPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  // Signed out: the layout, rendered alongside, sends the visitor to sign in.
  if (!(await getSignedInUser())) return null;
  const t = await getTranslations('security.page');
  const caller = await serverCaller();
  // Rendered with the page, so the card does not appear (or stay away) only after a fetch.
  const [settings, identities, passkeys, apiKeys] = await Promise.all([
    caller.serverSettings.getPublic(),
    caller.me.identities.list(),
    caller.me.passkeys.list(),
    caller.me.apiKeys.list(),
  ]);
  return (
    <>
      <div className="page-header">
        <h1>{t('title')}</h1>
        <p>{t('lede')}</p>
      </div>
      <ChangePasswordCard />
      <MfaCard />
      <PasskeysCard initialPasskeys={passkeys} />
      <IdentitiesCard
        providers={settings.identityProviders}
        initialIdentities={identities}
        linkedSlug={typeof params.linked === 'string' ? params.linked : null}
        errorCode={typeof params.error === 'string' ? params.error : null}
      />
      <ApiKeysCard initialApiKeys={apiKeys} />
      <SessionsCard />
      <ActivityCard />
    </>
  );
}
