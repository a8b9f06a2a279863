'use client';

import { type UserAccessType, UsersAdminUpdate, type UsersRead } from '@roster/users/schemas';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useMemo, useState } from 'react';
import { Alert } from '../Alert';
import { Button } from '../Button';
import { CheckboxField, SelectField } from '../Field';
import { ProfileFields } from '../profile/ProfileFields';
import { ACCESS_TYPES } from './options';
import { useSignedOutRedirect } from './use-signed-out-redirect';
import {
  PROFILE_FIELD_NAMES,
  PROFILE_TEXT_FIELDS,
  profileText,
  profileValuesFrom,
  type ProfileValues,
} from '@/lib/profile-values';
import { trpc } from '@/lib/trpc';
import { useForm } from '@/lib/use-form';
import './user-profile-form.css';

interface AccountValues {
  accessType: UserAccessType;
  active: boolean;
  emailVerified: boolean;
  pendingAdminApproval: boolean;
}

type Values = ProfileValues & AccountValues;

function valuesFrom(user: UsersRead): Values {
  return {
    ...profileValuesFrom(user),
    accessType: user.accessType,
    active: user.active,
    emailVerified: user.emailVerified,
    pendingAdminApproval: user.pendingAdminApproval,
  };
}

function sameValues(a: Values, b: Values): boolean {
  return (Object.keys(a) as (keyof Values)[]).every((key) => a[key] === b[key]);
}

const AdminUpdate = UsersAdminUpdate.extend(PROFILE_TEXT_FIELDS);

/**
 * Only what changed is sent: the audit log then names exactly the fields an admin touched. The
 * comparison is made on parsed values, so "Ada" typed over "ada" is no change.
 */
function patchFor(user: UsersRead) {
  return AdminUpdate.transform((parsed) =>
    Object.fromEntries(
      Object.entries(parsed).filter(([key, value]) => value !== user[key as keyof UsersRead]),
    ),
  )
    .pipe(UsersAdminUpdate)
    .transform((patch) => ({ id: user.id, ...patch }));
}

export function UserProfileForm({ user, isMe }: { user: UsersRead; isMe: boolean }) {
  const t = useTranslations('admin.profile');
  const tOptions = useTranslations('admin.options');
  const router = useRouter();
  const utils = trpc.useUtils();
  const signedOut = useSignedOutRedirect();
  const stored = useMemo(() => valuesFrom(user), [user]);
  const [values, setValues] = useState<Values>(stored);
  // The user may change under the form (approved above, refetched): untouched inputs follow.
  const [shown, setShown] = useState(stored);
  if (stored !== shown) {
    setShown(stored);
    if (sameValues(values, shown)) setValues(stored);
  }
  const [saved, setSaved] = useState<string | null>(null);
  const form = useForm({
    mutation: trpc.admin.users.update.useMutation(),
    schema: useMemo(() => patchFor(user), [user]),
    fields: ['accessType', ...PROFILE_FIELD_NAMES, 'email'],
    labels: { accessType: t('accessType') },
    onSuccess: async (updated) => {
      // An admin who switched themself off has no session left; one who stepped down keeps
      // the session but not these pages.
      if (isMe && !updated.active) {
        signedOut();
        return;
      }
      if (isMe && updated.accessType !== 'admin') {
        await utils.me.get.invalidate();
        router.replace('/settings/profile');
        router.refresh();
        return;
      }
      setSaved(updated.active || !user.active ? t('saved') : t('savedDisabled'));
      // The inputs show what the server stored (lowercased, trimmed).
      setValues(valuesFrom(updated));
      utils.admin.users.get.setData({ id: user.id }, updated);
      await utils.admin.users.invalidate();
    },
  });

  const set = (next: Partial<Values>) => {
    setValues((current) => ({ ...current, ...next }));
  };

  return (
    <section className="card" aria-labelledby="profile-title">
      <div className="card-header">
        <h2 id="profile-title">{t('title')}</h2>
        <p>{t('description')}</p>
      </div>
      <form
        className="form"
        onSubmit={(event) => {
          if (sameValues(values, stored)) {
            event.preventDefault();
            form.reset();
            setSaved(t('unchanged'));
            return;
          }
          setSaved(null);
          form.onSubmit(() => ({
            ...profileText(values),
            email: values.email,
            accessType: values.accessType,
            active: values.active,
            emailVerified: values.emailVerified,
            pendingAdminApproval: values.pendingAdminApproval,
          }))(event);
        }}
        noValidate
        aria-labelledby="profile-title"
      >
        <fieldset className="fieldset">
          <legend>{t('access')}</legend>
          <div className="form-grid">
            <SelectField
              label={t('accessType')}
              name="accessType"
              options={ACCESS_TYPES.map((value) => ({
                value,
                label: tOptions(`accessType.${value}`),
              }))}
              value={values.accessType}
              onChange={(event) => {
                set({ accessType: event.target.value === 'admin' ? 'admin' : 'regular' });
              }}
              error={form.fields.accessType}
              hint={t('accessTypeHint')}
            />
          </div>
          <CheckboxField
            label={t('active')}
            name="active"
            checked={values.active}
            onChange={(event) => {
              set({ active: event.target.checked });
            }}
            hint={t('activeHint')}
          />
          <CheckboxField
            label={t('emailVerified')}
            name="emailVerified"
            checked={values.emailVerified}
            onChange={(event) => {
              set({ emailVerified: event.target.checked });
            }}
            hint={t('emailVerifiedHint')}
          />
          <CheckboxField
            label={t('pending')}
            name="pendingAdminApproval"
            checked={values.pendingAdminApproval}
            onChange={(event) => {
              set({ pendingAdminApproval: event.target.checked });
            }}
            hint={t('pendingHint')}
          />
        </fieldset>
        <fieldset className="fieldset">
          <legend>{t('profile')}</legend>
          <ProfileFields values={values} onChange={set} errors={form.fields} own={isMe} withEmail />
        </fieldset>
        {form.formError ? <Alert tone="error">{form.formError}</Alert> : null}
        {saved ? <Alert tone="success">{saved}</Alert> : null}
        <div className="form-actions">
          <Button type="submit" loading={form.pending}>
            {t('submit')}
          </Button>
        </div>
      </form>
    </section>
  );
}
