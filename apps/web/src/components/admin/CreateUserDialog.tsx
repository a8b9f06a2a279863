'use client';

import { type UserAccessType, UsersCreate } from '@roster/users/schemas';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Alert } from '../Alert';
import { NewPasswordField } from '../auth/PasswordField';
import { Button } from '../Button';
import { CheckboxField, SelectField, TextField } from '../Field';
import { Loading } from '../Spinner';
import { Dialog } from '../Dialog';
import { ACCESS_TYPES } from './options';
import { useErrorText } from '@/lib/errors';
import { formText } from '@/lib/forms';
import { trpc } from '@/lib/trpc';
import { useForm } from '@/lib/use-form';

// What the dialog asks for; the API's defaults fill in the rest of the profile.
const NewUser = UsersCreate.pick({
  name: true,
  username: true,
  email: true,
  password: true,
  accessType: true,
  active: true,
  emailVerified: true,
});

function CreateUserForm({ onCancel }: { onCancel: () => void }) {
  const t = useTranslations('admin.create');
  const tOptions = useTranslations('admin.options');
  const errorText = useErrorText();
  const router = useRouter();
  const utils = trpc.useUtils();
  const settings = trpc.serverSettings.get.useQuery();
  const [accessType, setAccessType] = useState<UserAccessType>('regular');
  const form = useForm({
    mutation: trpc.admin.users.create.useMutation(),
    schema: NewUser,
    labels: { name: t('name'), accessType: t('accessType') },
    onSuccess: async (created) => {
      await utils.admin.users.invalidate();
      router.push(`/admin/users/${created.id}`);
    },
  });

  if (!settings.data) {
    return settings.error ? (
      <Alert tone="error">{errorText.message(settings.error)}</Alert>
    ) : (
      <Loading />
    );
  }

  return (
    <form
      className="form"
      onSubmit={form.onSubmit((data) => ({
        name: formText(data, 'name'),
        username: formText(data, 'username'),
        email: formText(data, 'email'),
        password: formText(data, 'password'),
        accessType,
        active: data.get('active') === 'on',
        emailVerified: data.get('emailVerified') === 'on',
      }))}
      noValidate
    >
      <div className="form-grid">
        <TextField
          label={t('name')}
          name="name"
          autoComplete="off"
          // The form may appear after the dialog opened (settings still loading): focus it then.
          autoFocus
          required
          maxLength={250}
          error={form.fields.name}
          fieldClassName="span-2"
        />
        <TextField
          label={t('username')}
          name="username"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          required
          maxLength={250}
          hint={t('usernameHint')}
          error={form.fields.username}
        />
        <TextField
          label={t('email')}
          name="email"
          type="email"
          autoComplete="off"
          required
          maxLength={250}
          error={form.fields.email}
        />
        <SelectField
          label={t('accessType')}
          name="accessType"
          options={ACCESS_TYPES.map((value) => ({ value, label: tOptions(`accessType.${value}`) }))}
          value={accessType}
          onChange={(event) => {
            setAccessType(event.target.value === 'admin' ? 'admin' : 'regular');
          }}
          hint={t('accessTypeHint')}
          error={form.fields.accessType}
          fieldClassName="span-2"
        />
        <NewPasswordField
          name="password"
          policy={settings.data}
          accessType={accessType}
          required
          maxLength={250}
          error={form.fields.password}
          fieldClassName="span-2"
        />
      </div>
      <CheckboxField label={t('active')} name="active" defaultChecked hint={t('activeHint')} />
      <CheckboxField
        label={t('emailVerified')}
        name="emailVerified"
        defaultChecked
        hint={t('emailVerifiedHint')}
      />
      {form.formError ? <Alert tone="error">{form.formError}</Alert> : null}
      <div className="form-actions dialog-actions">
        <Button variant="secondary" onClick={onCancel}>
          {t('cancel')}
        </Button>
        <Button type="submit" loading={form.pending}>
          {t('submit')}
        </Button>
      </div>
    </form>
  );
}

/** The "Create user" button and its dialog; a created user's page opens next. */
export function CreateUserDialog() {
  const t = useTranslations('admin.create');
  const [open, setOpen] = useState(false);
  const close = () => {
    setOpen(false);
  };
  return (
    <>
      <Button
        onClick={() => {
          setOpen(true);
        }}
      >
        {t('open')}
      </Button>
      <Dialog open={open} onClose={close} title={t('title')}>
        <CreateUserForm onCancel={close} />
      </Dialog>
    </>
  );
}
