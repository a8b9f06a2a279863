'use client';

import { UsersBaseUpdate } from '@roster/users/schemas';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Alert } from '../Alert';
import { Button } from '../Button';
import { ProfileFields } from './ProfileFields';
import {
  PROFILE_FIELD_NAMES,
  PROFILE_TEXT_FIELDS,
  profileText,
  profileValuesFrom,
  type ProfileValues,
} from '@/lib/profile-values';
import { trpc } from '@/lib/trpc';
import { useForm } from '@/lib/use-form';
import { useMe } from '@/lib/use-me';

// The address changes through ChangeEmailDialog (with the password), never here.
const ProfileInput = UsersBaseUpdate.omit({ email: true }).extend(PROFILE_TEXT_FIELDS);

export function ProfileForm() {
  const t = useTranslations('profile.form');
  const router = useRouter();
  const me = useMe();
  const utils = trpc.useUtils();
  const [values, setValues] = useState<ProfileValues>(() => profileValuesFrom(me));
  const form = useForm({
    mutation: trpc.me.update.useMutation(),
    schema: ProfileInput,
    fields: PROFILE_FIELD_NAMES,
    onSuccess: async (updated) => {
      utils.me.get.setData(undefined, updated);
      await utils.me.get.invalidate();
      setValues(profileValuesFrom(updated));
      // The page language of a signed-in person is theirs: the server renders it again in it.
      if (updated.preferredLanguage !== me.preferredLanguage) router.refresh();
    },
  });

  return (
    <section className="card" aria-labelledby="profile-details">
      <div className="card-header">
        <h2 id="profile-details">{t('title')}</h2>
        <p>{t('description')}</p>
      </div>
      <form className="form" onSubmit={form.onSubmit(() => profileText(values))} noValidate>
        <ProfileFields
          values={values}
          onChange={(next) => {
            setValues(next);
            // An edit after saving: "saved" no longer describes what the inputs hold.
            if (form.succeeded) form.reset();
          }}
          errors={form.fields}
          own
        />
        {form.formError ? <Alert tone="error">{form.formError}</Alert> : null}
        {form.succeeded ? <Alert tone="success">{t('saved')}</Alert> : null}
        <div className="form-actions">
          <Button type="submit" loading={form.pending}>
            {t('submit')}
          </Button>
        </div>
      </form>
    </section>
  );
}
