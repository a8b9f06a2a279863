'use client';

import {
  minimumPasswordLength,
  passwordShortfalls,
  type PasswordPolicy,
  type PasswordShortfall,
} from '@roster/users/schemas';
import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { TextField, type TextFieldProps } from '../Field';

/** A new-password input that states the server's policy and what the typed password still lacks. */
export function NewPasswordField({
  policy,
  accessType = 'regular',
  error,
  label,
  ...rest
}: Omit<TextFieldProps, 'label' | 'type'> & {
  policy: PasswordPolicy;
  accessType?: 'regular' | 'admin';
  label?: string;
}) {
  const t = useTranslations('auth.passwordField');
  const format = useFormatter();
  const [value, setValue] = useState('');
  const min = minimumPasswordLength(policy, accessType);
  const word = (shortfall: PasswordShortfall): string =>
    shortfall === 'length' ? t('length', { min }) : t(shortfall);
  const missing = value ? passwordShortfalls(value, policy, accessType) : [];
  const hint = !value
    ? policy.passwordType === 'strict'
      ? t('policyStrict', { min })
      : t('policyLength', { min })
    : missing.length === 0
      ? t('meetsPolicy')
      : t('stillNeeded', { list: format.list(missing.map(word)) });
  return (
    <TextField
      {...rest}
      label={label ?? t('label')}
      type="password"
      autoComplete="new-password"
      error={error}
      hint={hint}
      value={value}
      onChange={(event) => {
        setValue(event.target.value);
      }}
    />
  );
}
