'use client';

import type { IdentityProviderRead } from '@roster/users/schemas';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { Alert } from '../Alert';
import { Button } from '../Button';
import { Dialog } from '../Dialog';
import { Loading } from '../Spinner';
import { CopyButton } from './IdentityProvidersCopy';
import { IdentityProvidersForm } from './IdentityProvidersForm';
import { useErrorText } from '@/lib/errors';
import { trpc } from '@/lib/trpc';
import { useForm } from '@/lib/use-form';
import './identity-providers.css';

/** Where this server is reached: as the API says it (APP_URL), else as the browser sees it. */
function serverOrigin(providers: readonly IdentityProviderRead[]): string {
  const known = providers[0]?.redirectUri;
  if (known) return new URL(known).origin;
  return typeof window === 'undefined' ? '' : window.location.origin;
}

function RemoveDialog({
  provider,
  onClose,
  onRemoved,
}: {
  provider: IdentityProviderRead;
  onClose: () => void;
  onRemoved: () => void;
}) {
  const t = useTranslations('admin.identityProviderRemove');
  const utils = trpc.useUtils();
  const remove = useForm({
    mutation: trpc.admin.identityProviders.delete.useMutation(),
    fields: [],
    onSuccess: async () => {
      await utils.admin.identityProviders.list.invalidate();
      onRemoved();
    },
  });
  return (
    <Dialog
      open
      onClose={onClose}
      title={t('title', { name: provider.name })}
      description={<p>{t('body', { name: provider.name })}</p>}
    >
      <form onSubmit={remove.onSubmit(() => ({ id: provider.id }))} noValidate>
        {remove.formError ? <Alert tone="error">{remove.formError}</Alert> : null}
        <div className="form-actions dialog-actions">
          <Button variant="secondary" autoFocus onClick={onClose}>
            {t('keep')}
          </Button>
          <Button type="submit" variant="danger" loading={remove.pending}>
            {t('submit', { name: provider.name })}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function ProviderItem({
  provider,
  onEdit,
  onRemove,
}: {
  provider: IdentityProviderRead;
  onEdit: () => void;
  onRemove: () => void;
}) {
  const t = useTranslations('admin.identityProviders');
  return (
    <li className="provider-item" data-testid="identity-provider">
      <div className="provider-item-header">
        <h3>{provider.name}</h3>
        <span className={provider.enabled ? 'badge badge-success' : 'badge'}>
          {provider.enabled ? t('enabled') : t('disabled')}
        </span>
        <span className="spacer" />
        <Button
          variant="secondary"
          small
          aria-label={t('editLabel', { name: provider.name })}
          onClick={onEdit}
        >
          {t('edit')}
        </Button>
        <Button
          variant="ghost"
          small
          aria-label={t('removeLabel', { name: provider.name })}
          onClick={onRemove}
        >
          {t('remove')}
        </Button>
      </div>
      <dl className="dl provider-facts">
        <dt>{t('slug')}</dt>
        <dd>
          <code>{provider.slug}</code>
        </dd>
        <dt>{t('issuer')}</dt>
        <dd className="provider-uri">{provider.issuer}</dd>
        <dt>{t('redirectUri')}</dt>
        <dd>
          <div className="provider-redirect-row">
            <code className="provider-uri">{provider.redirectUri}</code>
            <CopyButton
              text={provider.redirectUri}
              label={t('copyLabel', { name: provider.name })}
            />
          </div>
          <p className="hint">{t('redirectUriHint')}</p>
        </dd>
      </dl>
    </li>
  );
}

type Editing = { kind: 'add' } | { kind: 'edit'; provider: IdentityProviderRead } | null;

/** The identity providers of this server: the list, adding, changing and removing them. */
export function IdentityProviders() {
  const t = useTranslations('admin.identityProviders');
  const tForm = useTranslations('admin.identityProviderForm');
  const tPage = useTranslations('admin.identityProvidersPage');
  const errorText = useErrorText();
  const list = trpc.admin.identityProviders.list.useQuery();
  const [editing, setEditing] = useState<Editing>(null);
  const [removing, setRemoving] = useState<IdentityProviderRead | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);

  // A closed dialog gives focus back to what opened it; when that is gone (a removed provider,
  // the empty state's button), focus goes to the news instead of the top of the page.
  useEffect(() => {
    const active = document.activeElement;
    if (notice && (active === null || active === document.body)) noticeRef.current?.focus();
  }, [notice]);

  const close = () => {
    setEditing(null);
  };
  const openAdd = () => {
    setNotice(null);
    setEditing({ kind: 'add' });
  };

  if (list.error) return <Alert tone="error">{errorText.message(list.error)}</Alert>;
  if (!list.data) return <Loading label={tPage('loading')} />;
  const providers = list.data;
  const origin = serverOrigin(providers);

  return (
    <section className="card" aria-labelledby="providers-title">
      <div className="card-header provider-list-header">
        <h2 id="providers-title">{t('listTitle')}</h2>
        {providers.length > 0 ? <Button onClick={openAdd}>{t('add')}</Button> : null}
      </div>
      {notice ? (
        <div ref={noticeRef} tabIndex={-1} className="provider-notice">
          <Alert tone="success">{notice}</Alert>
        </div>
      ) : null}
      {providers.length === 0 ? (
        <div className="provider-empty">
          <h3>{t('emptyTitle')}</h3>
          <p className="muted">{t('emptyBody')}</p>
          <Button onClick={openAdd}>{t('add')}</Button>
        </div>
      ) : (
        <ul className="provider-list">
          {providers.map((provider) => (
            <ProviderItem
              key={provider.id}
              provider={provider}
              onEdit={() => {
                setNotice(null);
                setEditing({ kind: 'edit', provider });
              }}
              onRemove={() => {
                setNotice(null);
                setRemoving(provider);
              }}
            />
          ))}
        </ul>
      )}

      <Dialog
        open={editing !== null}
        onClose={close}
        title={
          editing?.kind === 'edit'
            ? tForm('editTitle', { name: editing.provider.name })
            : tForm('addTitle')
        }
        description={editing?.kind === 'add' ? <p>{tForm('addDescription')}</p> : undefined}
      >
        {editing ? (
          <IdentityProvidersForm
            // A fresh form for each provider opened.
            key={editing.kind === 'edit' ? editing.provider.id : 'add'}
            provider={editing.kind === 'edit' ? editing.provider : undefined}
            origin={origin}
            onCancel={close}
            onSaved={(saved, changed) => {
              if (changed) {
                setNotice(
                  editing.kind === 'add'
                    ? t('added', { name: saved.name })
                    : t('saved', { name: saved.name }),
                );
              }
              close();
            }}
          />
        ) : null}
      </Dialog>

      {removing ? (
        <RemoveDialog
          provider={removing}
          onClose={() => {
            setRemoving(null);
          }}
          onRemoved={() => {
            setNotice(t('removed', { name: removing.name }));
            setRemoving(null);
          }}
        />
      ) : null}
    </section>
  );
}
