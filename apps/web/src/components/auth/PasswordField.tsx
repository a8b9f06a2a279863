'use client';

import {
  describePasswordPolicy,
  passwordProblems,
  type PasswordPolicy,
} from '@roster/users/schemas';
import { useState } from 'react';
import { TextField, type TextFieldProps } from '../Field';

/** A new-password input that states the server's policy and what the typed password still lacks. */
export function NewPasswordField({
  policy,
  accessType = 'regular',
  error,
  label = 'Password',
  ...rest
}: Omit<TextFieldProps, 'label' | 'type'> & {
  policy: PasswordPolicy;
  accessType?: 'regular' | 'admin';
  label?: string;
}) {
  const [value, setValue] = useState('');
  const missing = value ? passwordProblems(value, policy, accessType) : [];
  const hint =
    value && missing.length === 0
      ? 'This password meets the policy.'
      : value
        ? `Still needed: ${missing.join(', ')}.`
        : describePasswordPolicy(policy, accessType);
  return (
    <TextField
      {...rest}
      label={label}
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
