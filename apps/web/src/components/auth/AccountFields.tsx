'use client';

import type { PasswordPolicy } from '@roster/users/schemas';
import { useTranslations } from 'next-intl';
import { TextField } from '../Field';
import { NewPasswordField } from './PasswordField';

/** Name, username, email and a new password: the fields of a new account. */
export function AccountFields({
  errors,
  policy,
  accessType = 'regular',
}: {
  errors: Readonly<Record<string, string>>;
  policy: PasswordPolicy;
  accessType?: 'regular' | 'admin';
}) {
  const t = useTranslations('auth.accountFields');
  return (
    <div className="form-grid">
      <TextField
        label={t('name')}
        name="name"
        autoComplete="name"
        required
        maxLength={250}
        error={errors.name}
        fieldClassName="span-2"
      />
      <TextField
        label={t('username')}
        name="username"
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        required
        maxLength={250}
        hint={t('usernameHint')}
        error={errors.username}
      />
      <TextField
        label={t('email')}
        name="email"
        type="email"
        autoComplete="email"
        required
        maxLength={250}
        error={errors.email}
      />
      <NewPasswordField
        name="password"
        policy={policy}
        accessType={accessType}
        required
        maxLength={250}
        error={errors.password}
        fieldClassName="span-2"
      />
    </div>
  );
}
