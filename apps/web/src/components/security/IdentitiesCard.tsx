'use client';

import type { IdentityRead, PublicIdentityProvider } from '@roster/users/schemas';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { Alert } from '../Alert';
import { Button } from '../Button';
import { Dialog } from '../Dialog';
import { StepUpForm } from '../StepUpForm';
import { useCodeText } from '../auth/code-text';
import { useDateTime } from '@/lib/format';
import { trpc } from '@/lib/trpc';
import './identities.css';

/** What the open dialog is for: linking a provider, or unlinking one identity. */
type Action =
  { kind: 'link'; provider: PublicIdentityProvider } | { kind: 'unlink'; identity: IdentityRead };

/**
 * Signing in through identity providers (OpenID Connect): the accounts at providers linked to
 * this one, each with "Unlink", and "Link …" for every enabled provider not linked yet.
 */
export function IdentitiesCard({
  providers,
  initialIdentities,
  linkedSlug = null,
  errorCode = null,
}: {
  /** The enabled providers (`serverSettings.getPublic().identityProviders`). */
  providers: readonly PublicIdentityProvider[];
  initialIdentities: IdentityRead[];
  /** `?linked=<slug>`: a link through a provider has just ended well. */
  linkedSlug?: string | null;
  /** `?error=<rosterCode>`: it has not (IDENTITY_TAKEN and the like). */
  errorCode?: string | null;
}) {
  const t = useTranslations('security.identities');
  const formatDateTime = useDateTime();
  const codeText = useCodeText();
  const utils = trpc.useUtils();
  const identities = trpc.me.identities.list.useQuery(undefined, {
    initialData: initialIdentities,
  });
  const link = trpc.me.identities.link.useMutation();
  const unlink = trpc.me.identities.unlink.useMutation();
  const [action, setAction] = useState<Action | null>(null);

  const list = identities.data;
  // Only a provider the page knows names the notice: the address's own text is never shown.
  const linkedName = linkedSlug
    ? (list.find((identity) => identity.provider.slug === linkedSlug)?.provider.name ??
      providers.find((provider) => provider.slug === linkedSlug)?.name)
    : undefined;
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | null>(() => {
    if (errorCode) return { tone: 'error', text: codeText(errorCode) ?? '' };
    if (linkedName) return { tone: 'success', text: t('linked', { name: linkedName }) };
    return null;
  });

  const section = useRef<HTMLElement>(null);
  const returned = Boolean(linkedSlug ?? errorCode);
  useEffect(() => {
    if (!returned) return;
    // Back from the provider: show the outcome, and forget it so that a reload does not repeat it.
    section.current?.scrollIntoView({ block: 'start' });
    const url = new URL(window.location.href);
    url.searchParams.delete('linked');
    url.searchParams.delete('error');
    window.history.replaceState(window.history.state, '', url);
  }, [returned]);

  if (providers.length === 0 && list.length === 0) return null;

  const linkedSlugs = new Set(list.map((identity) => identity.provider.slug));
  const linkable = providers.filter((provider) => !linkedSlugs.has(provider.slug));
  const close = () => {
    setAction(null);
  };
  const open = (next: Action) => {
    setNotice(null);
    setAction(next);
  };

  const dialog = () => {
    if (action?.kind === 'link') {
      const { provider } = action;
      return {
        title: t('linkDialog.title', { name: provider.name }),
        description: t('linkDialog.description', { name: provider.name }),
        form: (
          <StepUpForm
            key={`link-${provider.slug}`}
            submitLabel={t('linkDialog.submit', { name: provider.name })}
            cancelLabel={t('stepUp.cancel')}
            variant="primary"
            mutation={{
              mutateAsync: ({ stepUp }) => link.mutateAsync({ slug: provider.slug, stepUp }),
            }}
            onDone={({ url }) => {
              // The provider asks the person to sign in, then sends them back to this page.
              window.location.assign(url);
            }}
            onCancel={close}
          />
        ),
      };
    }
    if (action?.kind === 'unlink') {
      const { identity } = action;
      const name = identity.provider.name;
      return {
        title: t('unlinkDialog.title', { name }),
        description: t('unlinkDialog.description', { name }),
        form: (
          <StepUpForm
            key={`unlink-${String(identity.id)}`}
            submitLabel={t('unlinkDialog.submit')}
            cancelLabel={t('stepUp.cancel')}
            variant="danger"
            mutation={{
              mutateAsync: ({ stepUp }) => unlink.mutateAsync({ id: identity.id, stepUp }),
            }}
            onDone={async () => {
              await Promise.all([
                utils.me.identities.list.invalidate(),
                utils.me.securityEvents.invalidate(),
              ]);
              setAction(null);
              setNotice({ tone: 'success', text: t('unlinked', { name }) });
            }}
            onCancel={close}
          />
        ),
      };
    }
    return null;
  };
  const current = dialog();

  return (
    <section ref={section} className="card" aria-labelledby="identities-heading">
      <div className="card-header">
        <h2 id="identities-heading">{t('title')}</h2>
        <p>{t('lede')}</p>
      </div>
      {notice ? (
        <div className="identities-notice">
          <Alert tone={notice.tone}>{notice.text}</Alert>
        </div>
      ) : null}
      {list.length === 0 ? (
        <p className="muted">{t('empty')}</p>
      ) : (
        <ul className="identity-list">
          {list.map((identity) => {
            const name = identity.provider.name;
            return (
              <li key={identity.id} data-testid="identity">
                <div className="identity-main">
                  <strong>{name}</strong>
                  <p className="meta-line">
                    {t('details', {
                      hasEmail: String(identity.email !== null),
                      email: identity.email ?? '',
                      linkedAt: formatDateTime(identity.linkedAt),
                      used: String(identity.lastUsedAt !== null),
                      lastUsedAt:
                        identity.lastUsedAt === null ? '' : formatDateTime(identity.lastUsedAt),
                    })}
                  </p>
                </div>
                <Button
                  variant="secondary"
                  small
                  aria-label={t('unlinkLabel', {
                    name,
                    hasEmail: String(identity.email !== null),
                    email: identity.email ?? '',
                  })}
                  onClick={() => {
                    open({ kind: 'unlink', identity });
                  }}
                >
                  {t('unlink')}
                </Button>
              </li>
            );
          })}
        </ul>
      )}
      {linkable.length > 0 ? (
        <div className="form-actions identities-link">
          {linkable.map((provider) => (
            <Button
              key={provider.slug}
              variant="secondary"
              onClick={() => {
                open({ kind: 'link', provider });
              }}
            >
              {t('link', { name: provider.name })}
            </Button>
          ))}
        </div>
      ) : null}
      <Dialog
        open={current !== null}
        onClose={close}
        title={current?.title ?? ''}
        description={current?.description}
      >
        {current?.form}
      </Dialog>
    </section>
  );
}
