'use client';

import type { Currency, Gender, Language, Units, WeekDay } from '@roster/users/schemas';
import { useId } from 'react';
import { SelectField, TextField } from '../Field';
import {
  CURRENCY_OPTIONS,
  GENDER_OPTIONS,
  LANGUAGE_OPTIONS,
  UNITS_OPTIONS,
  WEEKDAY_OPTIONS,
} from '@/lib/profile-options';
import { changeUnits, type ProfileValues } from '@/lib/profile-values';
import './profile-fields.css';

/**
 * The profile's inputs, for a person's own profile and for an administrator's view of anyone's.
 * Height is in centimetres or in feet and inches, as the chosen units say.
 */
export function ProfileFields({
  values,
  onChange,
  errors,
  own,
  withEmail = false,
}: {
  values: ProfileValues;
  onChange: (values: ProfileValues) => void;
  errors: Readonly<Record<string, string>>;
  /** Someone's own profile: the browser may fill in their details, and the hints say "your". */
  own: boolean;
  /** Administrators set the address directly; people change their own with a password. */
  withEmail?: boolean;
}) {
  const heightErrorId = useId();
  const set = <K extends keyof ProfileValues>(key: K, value: ProfileValues[K]) => {
    onChange({ ...values, [key]: value });
  };
  const autoComplete = (token: string) => (own ? token : 'off');
  const heightError = errors.height;

  return (
    <div className="form-grid">
      <TextField
        label="Full name"
        name="name"
        autoComplete={autoComplete('name')}
        required
        maxLength={250}
        value={values.name}
        onChange={(event) => {
          set('name', event.target.value);
        }}
        error={errors.name}
        fieldClassName="span-2"
      />
      <TextField
        label="Username"
        name="username"
        autoComplete={autoComplete('username')}
        autoCapitalize="none"
        spellCheck={false}
        required
        maxLength={250}
        hint="Letters, digits and dots; stored in lowercase."
        value={values.username}
        onChange={(event) => {
          set('username', event.target.value);
        }}
        error={errors.username}
      />
      {withEmail ? (
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete={autoComplete('email')}
          required
          maxLength={250}
          value={values.email}
          onChange={(event) => {
            set('email', event.target.value);
          }}
          error={errors.email}
        />
      ) : null}
      <TextField
        label="City"
        name="city"
        autoComplete={autoComplete('address-level2')}
        optional
        maxLength={250}
        value={values.city}
        onChange={(event) => {
          set('city', event.target.value);
        }}
        error={errors.city}
      />
      <TextField
        label="Date of birth"
        name="birthdate"
        type="date"
        autoComplete={autoComplete('bday')}
        optional
        value={values.birthdate}
        onChange={(event) => {
          set('birthdate', event.target.value);
        }}
        error={errors.birthdate}
      />
      <SelectField
        label="Gender"
        name="gender"
        options={GENDER_OPTIONS}
        value={values.gender}
        onChange={(event) => {
          set('gender', event.target.value as Gender);
        }}
        error={errors.gender}
      />
      <SelectField
        label="Language"
        name="preferredLanguage"
        options={LANGUAGE_OPTIONS}
        value={values.preferredLanguage}
        onChange={(event) => {
          set('preferredLanguage', event.target.value as Language);
        }}
        error={errors.preferredLanguage}
      />
      <SelectField
        label="Units"
        name="units"
        options={UNITS_OPTIONS}
        hint={`Used for ${own ? 'your' : 'their'} height here and for distances and weights.`}
        value={values.units}
        onChange={(event) => {
          onChange(changeUnits(values, event.target.value as Units));
        }}
        error={errors.units}
      />
      {values.units === 'metric' ? (
        <TextField
          label="Height"
          name="height"
          inputMode="numeric"
          optional
          suffix="cm"
          value={values.heightCm}
          onChange={(event) => {
            set('heightCm', event.target.value);
          }}
          error={heightError}
        />
      ) : (
        <fieldset className="height-imperial">
          <legend className="field-label">
            Height <span className="optional">(optional)</span>
          </legend>
          <div className="height-imperial-inputs">
            <TextField
              label="Feet"
              name="heightFeet"
              inputMode="numeric"
              suffix="ft"
              value={values.heightFeet}
              aria-invalid={heightError ? true : undefined}
              aria-describedby={heightError ? heightErrorId : undefined}
              onChange={(event) => {
                set('heightFeet', event.target.value);
              }}
            />
            <TextField
              label="Inches"
              name="heightInches"
              inputMode="numeric"
              suffix="in"
              value={values.heightInches}
              aria-invalid={heightError ? true : undefined}
              aria-describedby={heightError ? heightErrorId : undefined}
              onChange={(event) => {
                set('heightInches', event.target.value);
              }}
            />
          </div>
          {heightError ? (
            <p className="field-error" id={heightErrorId}>
              {heightError}
            </p>
          ) : null}
        </fieldset>
      )}
      <TextField
        label="Maximum heart rate"
        name="maxHeartRate"
        inputMode="numeric"
        optional
        suffix="bpm"
        value={values.maxHeartRate}
        onChange={(event) => {
          set('maxHeartRate', event.target.value);
        }}
        error={errors.maxHeartRate}
      />
      <SelectField
        label="First day of the week"
        name="firstDayOfWeek"
        options={WEEKDAY_OPTIONS}
        value={values.firstDayOfWeek}
        onChange={(event) => {
          set('firstDayOfWeek', event.target.value as WeekDay);
        }}
        error={errors.firstDayOfWeek}
      />
      <SelectField
        label="Currency"
        name="currency"
        options={CURRENCY_OPTIONS}
        value={values.currency}
        onChange={(event) => {
          set('currency', event.target.value as Currency);
        }}
        error={errors.currency}
      />
    </div>
  );
}
