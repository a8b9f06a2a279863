'use client';

import {
  ADMIN_SCOPES,
  API_KEY_SCOPES,
  type ApiKeyRead,
  type ApiKeyScope,
  CreateApiKeyInput,
  type CreatedApiKey,
} from '@roster/users/schemas';
import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { Alert } from '../Alert';
import { Button } from '../Button';
import { CopyButton } from '../CopyButton';
import { Dialog } from '../Dialog';
import { CheckboxField, SelectField, TextField } from '../Field';
import { SignInAgain } from '../SignInAgain';
import { StepUpFields, useStepUpLabels } from '../StepUpFields';
import { ApiKeyList } from './ApiKeyList';
import { useErrorText } from '@/lib/errors';
import { formText } from '@/lib/forms';
import { readStepUp, splitSignInAgain, STEP_UP_RENAME, stepUpInputs } from '@/lib/step-up';
import { trpc } from '@/lib/trpc';
import { useForm } from '@/lib/use-form';
import { useMe } from '@/lib/use-me';
import './api-keys.css';

/** The catalogue key (`security.apiKeys.scopes.*`) of each scope. */
const SCOPE_KEYS = {
  'me:read': 'meRead',
  'me:write': 'meWrite',
  'admin:read': 'adminRead',
  'admin:write': 'adminWrite',
} as const satisfies Record<ApiKeyScope, string>;

/** The expiry choices, in days (`never`: no expiry); the first is the default. */
const EXPIRY_CHOICES = [
  { value: '30', days: 30, key: 'days30' },
  { value: '90', days: 90, key: 'days90' },
  { value: '365', days: 365, key: 'days365' },
  { value: 'never', days: null, key: 'never' },
] as const;

function isScope(value: unknown): value is ApiKeyScope {
  return typeof value === 'string' && (API_KEY_SCOPES as readonly string[]).includes(value);
}

/** The lists this card changes: its own, and the security activity below it. */
function useRefresh() {
  const utils = trpc.useUtils();
  return async () => {
    await Promise.all([utils.me.apiKeys.list.invalidate(), utils.me.securityEvents.invalidate()]);
  };
}

/** A name, the scopes, the expiry and the step-up; the server answers with the key, once. */
function CreateForm({
  onCreated,
  onCancel,
}: {
  onCreated: (created: CreatedApiKey) => Promise<void>;
  onCancel: () => void;
}) {
  const t = useTranslations('security.apiKeys');
  const me = useMe();
  const scopesId = useId();
  // Only an administrator may give a key the admin scopes; nobody else is offered them.
  const offered = API_KEY_SCOPES.filter(
    (scope) => me.accessType === 'admin' || !ADMIN_SCOPES.includes(scope),
  );
  const inputs = stepUpInputs(me);
  const stepUpLabels = useStepUpLabels();
  const form = useForm({
    mutation: trpc.me.apiKeys.create.useMutation(),
    schema: CreateApiKeyInput,
    rename: STEP_UP_RENAME,
    labels: {
      name: t('create.name'),
      scopes: t('create.scopes'),
      expiresInDays: t('create.expiry'),
      ...stepUpLabels,
    },
    messages: { NOT_ALLOWED: t('create.adminScopesOnly') },
    fields: ['name', 'scopes', 'expiresInDays', ...inputs],
    onSuccess: onCreated,
  });
  const { signInAgain, formError } = splitSignInAgain(form);
  // The browser's own check refuses only an empty choice: said as this form would say it.
  const scopesError =
    form.fields.scopes && form.error === null ? t('create.scopesRequired') : form.fields.scopes;

  return (
    <form
      className="form"
      onSubmit={form.onSubmit((data) => {
        const expiry = EXPIRY_CHOICES.find((choice) => choice.value === data.get('expiry'));
        return {
          name: formText(data, 'name'),
          scopes: data.getAll('scopes').filter(isScope),
          expiresInDays: expiry ? expiry.days : EXPIRY_CHOICES[0].days,
          stepUp: readStepUp(data, me),
        };
      })}
      noValidate
    >
      <SignInAgain message={signInAgain} />
      <TextField
        label={t('create.name')}
        name="name"
        autoComplete="off"
        required
        autoFocus
        maxLength={100}
        hint={t('create.nameHint')}
        error={form.fields.name}
      />
      <fieldset
        className="api-key-scope-choice"
        aria-describedby={[`${scopesId}-hint`, scopesError ? `${scopesId}-error` : '']
          .filter(Boolean)
          .join(' ')}
      >
        <legend>{t('create.scopes')}</legend>
        <p className="hint" id={`${scopesId}-hint`}>
          {t('create.scopesHint')}
        </p>
        {offered.map((scope) => (
          <CheckboxField
            key={scope}
            name="scopes"
            value={scope}
            defaultChecked={scope === 'me:read'}
            aria-invalid={scopesError ? true : undefined}
            label={t(`scopes.${SCOPE_KEYS[scope]}.label`)}
            hint={
              <>
                <code>{scope}</code>
                {' · '}
                {t(`scopes.${SCOPE_KEYS[scope]}.hint`)}
              </>
            }
          />
        ))}
        {scopesError ? (
          <p className="field-error" id={`${scopesId}-error`}>
            {scopesError}
          </p>
        ) : null}
      </fieldset>
      <SelectField
        label={t('create.expiry')}
        name="expiry"
        defaultValue={EXPIRY_CHOICES[0].value}
        options={EXPIRY_CHOICES.map((choice) => ({
          value: choice.value,
          label: t(`create.expiryOptions.${choice.key}`),
        }))}
        hint={t('create.expiryHint')}
        error={form.fields.expiresInDays}
      />
      <StepUpFields mfaEnabled={me.mfaEnabled} hasPassword={me.hasPassword} errors={form.fields} />
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <div className="form-actions dialog-actions">
        <Button variant="secondary" onClick={onCancel}>
          {t('create.cancel')}
        </Button>
        <Button type="submit" loading={form.pending}>
          {t('create.submit')}
        </Button>
      </div>
    </form>
  );
}

/** The new key, shown this once, with a copy button and how a program sends it. */
function NewKey({ secret, onDone }: { secret: string; onDone: () => void }) {
  const t = useTranslations('security.apiKeys.secret');
  return (
    <div className="form api-key-secret">
      <Alert tone="warning">{t('warning')}</Alert>
      <TextField
        label={t('label')}
        name="apiKey"
        readOnly
        value={secret}
        spellCheck={false}
        autoComplete="off"
        onFocus={(event) => {
          event.currentTarget.select();
        }}
        suffix={
          <CopyButton
            text={secret}
            label={t('copyLabel')}
            words={{
              copy: t('copy'),
              copied: t('copied'),
              copiedStatus: t('copiedStatus'),
              failed: t('copyFailed'),
            }}
          />
        }
      />
      <div className="field">
        <p className="hint">{t('usage')}</p>
        <code className="api-key-usage">{`Authorization: Bearer ${secret}`}</code>
      </div>
      <div className="form-actions dialog-actions">
        <Button autoFocus onClick={onDone}>
          {t('done')}
        </Button>
      </div>
    </div>
  );
}

/**
 * API keys: for scripts and programs that use Roster as this person, within the scopes given
 * to each key. Lists them (never their secret), creates one after a step-up and shows its
 * secret that once, and revokes one with a click.
 */
export function ApiKeysCard({ initialApiKeys }: { initialApiKeys: ApiKeyRead[] }) {
  const t = useTranslations('security.apiKeys');
  const errorText = useErrorText();
  const refresh = useRefresh();
  const keys = trpc.me.apiKeys.list.useQuery(undefined, { initialData: initialApiKeys });
  const revoke = trpc.me.apiKeys.revoke.useMutation();
  const [creating, setCreating] = useState(false);
  // The new key's secret lives only here, while its dialog is open.
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const [revoking, setRevoking] = useState<number | null>(null);

  const open = () => {
    setNotice(null);
    setCreated(null);
    setCreating(true);
  };
  const close = () => {
    if (created) {
      setNotice({ tone: 'success', text: t('created', { name: created.apiKey.name }) });
    }
    setCreated(null);
    setCreating(false);
  };

  const onRevoke = async (key: ApiKeyRead) => {
    setNotice(null);
    setRevoking(key.id);
    try {
      await revoke.mutateAsync({ id: key.id });
      setNotice({ tone: 'success', text: t('revoked', { name: key.name }) });
    } catch (error) {
      setNotice({ tone: 'error', text: errorText.message(error) });
    } finally {
      // Also after a failure: the key may have gone meanwhile, and the list should say so.
      await refresh();
      setRevoking(null);
    }
  };

  const list = keys.data;
  return (
    <section className="card" aria-labelledby="api-keys-heading">
      <div className="card-header">
        <h2 id="api-keys-heading">{t('title')}</h2>
        <p>{t('lede')}</p>
      </div>
      {notice ? (
        <div className="api-keys-notice">
          <Alert tone={notice.tone}>{notice.text}</Alert>
        </div>
      ) : null}
      {list.length === 0 ? (
        <p className="muted">{t('empty')}</p>
      ) : (
        <ApiKeyList
          keys={list}
          revoking={revoking}
          onRevoke={(key) => {
            void onRevoke(key);
          }}
        />
      )}
      <div className="form-actions api-keys-create">
        <Button variant="secondary" onClick={open}>
          {t('createButton')}
        </Button>
      </div>
      <Dialog
        open={creating}
        onClose={close}
        title={created ? t('secret.title') : t('create.title')}
        description={created ? undefined : t('create.description')}
      >
        {created ? (
          <NewKey secret={created.key} onDone={close} />
        ) : (
          <CreateForm
            onCreated={async (result) => {
              await refresh();
              setCreated(result);
            }}
            onCancel={close}
          />
        )}
      </Dialog>
    </section>
  );
}
