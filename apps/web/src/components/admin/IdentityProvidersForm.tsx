'use client';

import {
  IdentityProviderCreate,
  type IdentityProviderRead,
  IdentityProviderUpdate,
  ProviderSlug,
  type ProviderCheck,
  type TokenEndpointAuthMethod,
} from '@roster/users/schemas';
import { useFormatter, useTranslations } from 'next-intl';
import { type ReactNode, useId, useState } from 'react';
import { z } from 'zod';
import { Alert } from '../Alert';
import { Button } from '../Button';
import { CheckboxField, SelectField, TextField } from '../Field';
import { CopyButton } from './IdentityProvidersCopy';
import { PROVIDER_PRESETS, type ProviderPreset, TOKEN_ENDPOINT_AUTH_METHODS } from './options';
import { useErrorText } from '@/lib/errors';
import { trpc } from '@/lib/trpc';
import { useForm } from '@/lib/use-form';
import './identity-providers.css';

const DEFAULT_SCOPES = 'openid email profile';

/** What each product usually needs: its slug and the shape of its issuer URL. */
const PRESETS: Record<
  ProviderPreset,
  { slug: string; issuerExample: string; tokenEndpointAuthMethod: TokenEndpointAuthMethod }
> = {
  authelia: {
    slug: 'authelia',
    issuerExample: 'https://auth.example.com',
    tokenEndpointAuthMethod: 'client_secret_basic',
  },
  authentik: {
    slug: 'authentik',
    issuerExample: 'https://authentik.example.com/application/o/<app-slug>/',
    tokenEndpointAuthMethod: 'client_secret_basic',
  },
  keycloak: {
    slug: 'keycloak',
    issuerExample: 'https://keycloak.example.com/realms/<realm>',
    tokenEndpointAuthMethod: 'client_secret_basic',
  },
  pocketId: {
    slug: 'pocket-id',
    issuerExample: 'https://id.example.com',
    tokenEndpointAuthMethod: 'client_secret_basic',
  },
  generic: {
    slug: '',
    issuerExample: 'https://sso.example.com',
    tokenEndpointAuthMethod: 'client_secret_basic',
  },
};

interface Values {
  name: string;
  slug: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  tokenEndpointAuthMethod: TokenEndpointAuthMethod;
  scopes: string;
  iconUrl: string;
  enabled: boolean;
  allowSignup: boolean;
  trustEmailVerified: boolean;
  autoLinkVerifiedEmail: boolean;
  requireLocalMfa: boolean;
}

type Flag =
  'enabled' | 'allowSignup' | 'trustEmailVerified' | 'autoLinkVerifiedEmail' | 'requireLocalMfa';
const FLAGS = [
  'enabled',
  'allowSignup',
  'trustEmailVerified',
  'autoLinkVerifiedEmail',
  'requireLocalMfa',
] as const satisfies readonly Flag[];

function initialValues(provider: IdentityProviderRead | undefined): Values {
  if (!provider) {
    return {
      name: '',
      slug: '',
      issuer: '',
      clientId: '',
      clientSecret: '',
      tokenEndpointAuthMethod: 'client_secret_basic',
      scopes: DEFAULT_SCOPES,
      iconUrl: '',
      // The API's defaults.
      enabled: true,
      allowSignup: true,
      trustEmailVerified: true,
      autoLinkVerifiedEmail: false,
      requireLocalMfa: true,
    };
  }
  return {
    name: provider.name,
    slug: provider.slug,
    issuer: provider.issuer,
    clientId: provider.clientId,
    clientSecret: '',
    tokenEndpointAuthMethod: provider.tokenEndpointAuthMethod,
    scopes: provider.scopes,
    iconUrl: provider.iconUrl ?? '',
    enabled: provider.enabled,
    allowSignup: provider.allowSignup,
    trustEmailVerified: provider.trustEmailVerified,
    autoLinkVerifiedEmail: provider.autoLinkVerifiedEmail,
    requireLocalMfa: provider.requireLocalMfa,
  };
}

/** A slug from a name: "Pocket ID" → "pocket-id". */
function slugFrom(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 40)
    .replace(/^-+|-+$/g, '');
}

/** A new provider: every field, empty optional ones left out (the API's defaults apply). */
function createInput(values: Values): Record<string, unknown> {
  const { clientSecret, iconUrl, ...rest } = values;
  return {
    ...rest,
    ...(clientSecret === '' ? {} : { clientSecret }),
    ...(iconUrl.trim() === '' ? {} : { iconUrl }),
  };
}

/**
 * A change: only the fields that differ, so the security log names what was touched. An empty
 * secret keeps the stored one; an emptied icon URL removes it.
 */
function updateInput(provider: IdentityProviderRead, values: Values): Record<string, unknown> {
  const { clientSecret, iconUrl, ...rest } = values;
  const changed: Record<string, unknown> = Object.fromEntries(
    Object.entries(rest).filter(([key, value]) => {
      const stored = provider[key as keyof typeof rest];
      return typeof value === 'string' ? value.trim() !== stored : value !== stored;
    }),
  );
  if (clientSecret !== '') changed.clientSecret = clientSecret;
  const icon = iconUrl.trim();
  if (icon !== (provider.iconUrl ?? '')) changed.iconUrl = icon === '' ? null : iconUrl;
  return changed;
}

const CreateSchema = z.record(z.string(), z.unknown()).pipe(IdentityProviderCreate);
const UpdateSchema = z.record(z.string(), z.unknown()).pipe(IdentityProviderUpdate);
type ProviderInput = z.output<typeof CreateSchema> | z.output<typeof UpdateSchema>;

/**
 * An alert's look without its role: the test outcome sits in a live region that is always
 * there, which announces it once (a role of its own inside would announce it twice).
 */
function Note({ tone, children }: { tone: 'error' | 'success' | 'warning'; children: ReactNode }) {
  return <div className={`alert alert-${tone}`}>{children}</div>;
}

/** What "Test connection" found, worded by its outcome (never the server's English). */
function TestOutcome({ check, method }: { check: ProviderCheck; method: TokenEndpointAuthMethod }) {
  const t = useTranslations('admin.identityProviderForm');
  const format = useFormatter();
  if (!check.ok) return <Note tone="error">{t(`testProblem.${check.problem}`)}</Note>;
  const methods = check.tokenEndpointAuthMethods;
  const usable = TOKEN_ENDPOINT_AUTH_METHODS.filter((known) => methods.includes(known));
  let methodNote: string | null = null;
  if (usable.length === 0) {
    methodNote = t('testMethodNone', { methods: format.list(methods) });
  } else if (!usable.includes(method)) {
    methodNote = t('testMethodOther', { method, accepted: format.list(usable) });
  }
  return (
    <Note tone={check.supportsPkce && !methodNote ? 'success' : 'warning'}>
      {t('testFound', { issuer: check.issuer, pkce: String(check.supportsPkce) })}
      {methodNote ? <> {methodNote}</> : null}
    </Note>
  );
}

/**
 * Adds a provider (with a preset of its product's usual values) or changes one. The issuer can
 * be tried before saving; every failure shows beside its field.
 */
export function IdentityProvidersForm({
  provider,
  origin,
  onCancel,
  onSaved,
}: {
  /** The provider to change; none to add one. */
  provider?: IdentityProviderRead;
  /** Where this server is reached, for the redirect URI to register at the provider. */
  origin: string;
  onCancel: () => void;
  /** After a save; `changed` is false when there was nothing to send. */
  onSaved: (saved: IdentityProviderRead, changed: boolean) => unknown;
}) {
  const t = useTranslations('admin.identityProviderForm');
  const tOptions = useTranslations('admin.options');
  const errorText = useErrorText();
  const utils = trpc.useUtils();
  const outcomeId = useId();
  const [values, setValues] = useState<Values>(() => initialValues(provider));
  const [preset, setPreset] = useState<ProviderPreset>('generic');
  // What "Test connection" found, for the issuer it tried (a later edit makes it stale).
  const [check, setCheck] = useState<
    | { issuer: string; kind: 'result'; result: ProviderCheck }
    | { issuer: string; kind: 'message'; text: string }
    | null
  >(null);
  const create = trpc.admin.identityProviders.create.useMutation();
  const update = trpc.admin.identityProviders.update.useMutation();
  const test = trpc.admin.identityProviders.test.useMutation();

  const form = useForm<ProviderInput, IdentityProviderRead, Record<string, unknown>>({
    mutation: {
      mutateAsync: (input) =>
        'id' in input ? update.mutateAsync(input) : create.mutateAsync(input),
    },
    schema: provider ? UpdateSchema : CreateSchema,
    labels: {
      name: t('name'),
      slug: t('slug'),
      issuer: t('issuer'),
      clientId: t('clientId'),
      clientSecret: t('clientSecret'),
      tokenEndpointAuthMethod: t('tokenEndpointAuthMethod'),
      scopes: t('scopes'),
      iconUrl: t('iconUrl'),
      enabled: t('enabled'),
      allowSignup: t('allowSignup'),
      trustEmailVerified: t('trustEmailVerified'),
      autoLinkVerifiedEmail: t('autoLinkVerifiedEmail'),
      requireLocalMfa: t('requireLocalMfa'),
    },
    // The inputs that show their own messages; anything else (a flag, the id) goes above the buttons.
    fields: [
      'name',
      'slug',
      'issuer',
      'clientId',
      'clientSecret',
      'tokenEndpointAuthMethod',
      'scopes',
      'iconUrl',
    ],
    messages: { SLUG_TAKEN: t('slugTaken') },
    onSuccess: async (saved) => {
      await utils.admin.identityProviders.list.invalidate();
      await onSaved(saved, true);
    },
  });

  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    setValues((current) => {
      const next = { ...current, [key]: value };
      // A new provider's slug follows its name until someone types a slug of their own.
      if (!provider && key === 'name' && current.slug === slugFrom(current.name)) {
        next.slug = slugFrom(String(value));
      }
      return next;
    });
  };

  const choosePreset = (next: ProviderPreset) => {
    const before = PRESETS[preset];
    const after = PRESETS[next];
    const nameOf = (choice: ProviderPreset) =>
      choice === 'generic' ? '' : tOptions(`providerPreset.${choice}`);
    setPreset(next);
    // Fills what is still empty or still the last preset's, and leaves what was typed alone.
    setValues((current) => {
      const name =
        current.name === '' || current.name === nameOf(preset) ? nameOf(next) : current.name;
      const slugIsDerived =
        current.slug === '' ||
        current.slug === before.slug ||
        current.slug === slugFrom(current.name);
      const derivedSlug = after.slug && name === nameOf(next) ? after.slug : slugFrom(name);
      return {
        ...current,
        name,
        slug: slugIsDerived ? derivedSlug : current.slug,
        scopes: current.scopes.trim() === '' ? DEFAULT_SCOPES : current.scopes,
        tokenEndpointAuthMethod:
          current.tokenEndpointAuthMethod === before.tokenEndpointAuthMethod
            ? after.tokenEndpointAuthMethod
            : current.tokenEndpointAuthMethod,
      };
    });
  };

  const onTest = async () => {
    const issuer = values.issuer.trim();
    if (issuer === '') {
      setCheck({ issuer, kind: 'message', text: t('testNeedsIssuer') });
      return;
    }
    setCheck(null);
    try {
      setCheck({ issuer, kind: 'result', result: await test.mutateAsync({ issuer }) });
    } catch (error) {
      setCheck({ issuer, kind: 'message', text: errorText.message(error) });
    }
  };

  const slugValid = ProviderSlug.safeParse(values.slug).success;
  const redirectUri = slugValid ? `${origin}/api/auth/oidc/${values.slug.trim()}/callback` : null;
  const slugChanged = provider !== undefined && values.slug.trim() !== provider.slug;
  const hintPreset: ProviderPreset = provider ? 'generic' : preset;
  const outcome = check?.issuer === values.issuer.trim() ? check : null;

  return (
    <form
      className="form provider-form"
      onSubmit={(event) => {
        if (provider) {
          const changes = updateInput(provider, values);
          if (Object.keys(changes).length === 0) {
            event.preventDefault();
            void onSaved(provider, false);
            return;
          }
          form.onSubmit(() => ({ id: provider.id, ...changes }))(event);
        } else {
          form.onSubmit(() => createInput(values))(event);
        }
      }}
      noValidate
    >
      <div className="form-grid">
        {provider ? null : (
          <SelectField
            label={t('preset')}
            name="preset"
            options={PROVIDER_PRESETS.map((value) => ({
              value,
              label: tOptions(`providerPreset.${value}`),
            }))}
            value={preset}
            onChange={(event) => {
              const next = PROVIDER_PRESETS.find((value) => value === event.target.value);
              if (next) choosePreset(next);
            }}
            hint={t('presetHint')}
            fieldClassName="span-2"
          />
        )}
        <TextField
          label={t('name')}
          name="name"
          autoComplete="off"
          required
          maxLength={100}
          value={values.name}
          onChange={(event) => {
            set('name', event.target.value);
          }}
          hint={t('nameHint')}
          error={form.fields.name}
        />
        <TextField
          label={t('slug')}
          name="slug"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          required
          maxLength={40}
          value={values.slug}
          onChange={(event) => {
            set('slug', event.target.value);
          }}
          hint={t('slugHint')}
          error={form.fields.slug}
        />
        <TextField
          label={t('redirectUri')}
          readOnly
          value={redirectUri ?? ''}
          suffix={
            redirectUri ? <CopyButton text={redirectUri} label={t('copyRedirectUri')} /> : null
          }
          hint={redirectUri ? t('redirectUriHint') : t('redirectUriPending')}
          fieldClassName="span-2"
        />
        {slugChanged && redirectUri ? (
          <div className="span-2">
            <Alert tone="warning">{t('redirectUriChanged')}</Alert>
          </div>
        ) : null}
        <div className="span-2">
          <TextField
            label={t('issuer')}
            name="issuer"
            type="url"
            inputMode="url"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            required
            maxLength={500}
            placeholder={PRESETS[hintPreset].issuerExample}
            value={values.issuer}
            onChange={(event) => {
              set('issuer', event.target.value);
            }}
            suffix={
              <Button
                variant="secondary"
                loading={test.isPending}
                aria-controls={outcomeId}
                onClick={() => void onTest()}
              >
                {t('test')}
              </Button>
            }
            hint={t(`issuerHint.${hintPreset}`, { example: PRESETS[hintPreset].issuerExample })}
            error={form.fields.issuer}
          />
          <div id={outcomeId} className="provider-test" aria-live="polite">
            {outcome?.kind === 'result' ? (
              <TestOutcome check={outcome.result} method={values.tokenEndpointAuthMethod} />
            ) : outcome?.kind === 'message' ? (
              <Note tone="error">{outcome.text}</Note>
            ) : null}
          </div>
        </div>
        <TextField
          label={t('clientId')}
          name="clientId"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          required
          maxLength={250}
          value={values.clientId}
          onChange={(event) => {
            set('clientId', event.target.value);
          }}
          error={form.fields.clientId}
        />
        <TextField
          label={t('clientSecret')}
          name="clientSecret"
          type="password"
          // Not a sign-in password: keeps password managers from filling or saving it.
          autoComplete="new-password"
          spellCheck={false}
          optional
          maxLength={1000}
          value={values.clientSecret}
          onChange={(event) => {
            set('clientSecret', event.target.value);
          }}
          hint={
            !provider
              ? t('clientSecretHint')
              : provider.hasClientSecret
                ? t('clientSecretStored')
                : t('clientSecretNone')
          }
          error={form.fields.clientSecret}
        />
        <SelectField
          label={t('tokenEndpointAuthMethod')}
          name="tokenEndpointAuthMethod"
          options={TOKEN_ENDPOINT_AUTH_METHODS.map((value) => ({
            value,
            label: tOptions(`tokenEndpointAuthMethod.${value}`),
          }))}
          value={values.tokenEndpointAuthMethod}
          onChange={(event) => {
            const next = TOKEN_ENDPOINT_AUTH_METHODS.find((value) => value === event.target.value);
            if (next) set('tokenEndpointAuthMethod', next);
          }}
          hint={t('tokenEndpointAuthMethodHint')}
          error={form.fields.tokenEndpointAuthMethod}
          fieldClassName="span-2"
        />
        <TextField
          label={t('scopes')}
          name="scopes"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          required
          maxLength={250}
          value={values.scopes}
          onChange={(event) => {
            set('scopes', event.target.value);
          }}
          hint={t('scopesHint')}
          error={form.fields.scopes}
        />
        <TextField
          label={t('iconUrl')}
          name="iconUrl"
          type="url"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          optional
          maxLength={500}
          value={values.iconUrl}
          onChange={(event) => {
            set('iconUrl', event.target.value);
          }}
          hint={t('iconUrlHint')}
          error={form.fields.iconUrl}
        />
      </div>

      <fieldset className="provider-fieldset">
        <legend>{t('accountsTitle')}</legend>
        {FLAGS.map((flag) => (
          <CheckboxField
            key={flag}
            label={t(flag)}
            name={flag}
            checked={values[flag]}
            onChange={(event) => {
              set(flag, event.target.checked);
            }}
            hint={t(`${flag}Hint`)}
          />
        ))}
      </fieldset>

      {form.formError ? <Alert tone="error">{form.formError}</Alert> : null}
      <div className="form-actions dialog-actions">
        <Button variant="secondary" onClick={onCancel}>
          {t('cancel')}
        </Button>
        <Button type="submit" loading={form.pending}>
          {provider ? t('submitSave') : t('submitAdd')}
        </Button>
      </div>
    </form>
  );
}
