'use client';

import {
  type Currency,
  type Gender,
  type Language,
  LANGUAGE_NAMES,
  LANGUAGE_TAGS,
  LANGUAGES,
  type Units,
  type WeekDay,
} from '@roster/users/schemas';
import { useTranslations } from 'next-intl';
import { useId, useState, type ChangeEvent } from 'react';
import { SelectField, TextField } from '../Field';
import { CURRENCIES, GENDERS, UNITS, WEEKDAYS } from '@/lib/profile-options';
import {
  changeUnits,
  type HeightProblem,
  heightProblem,
  type ProfileValues,
} from '@/lib/profile-values';
import './profile-fields.css';

/**
 * The language select, each language named in itself and marked with its language (so a screen
 * reader says "Deutsch" in German); SelectField has no room for that. Same markup as SelectField.
 */
function LanguageField({
  label,
  value,
  onChange,
  error,
}: {
  label: string;
  value: Language;
  onChange: (event: ChangeEvent<HTMLSelectElement>) => void;
  error: string | undefined;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        className="select"
        name="preferredLanguage"
        value={value}
        onChange={onChange}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        {LANGUAGES.map((language) => (
          <option key={language} value={language} lang={LANGUAGE_TAGS[language]}>
            {LANGUAGE_NAMES[language]}
          </option>
        ))}
      </select>
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/**
 * The height problem behind the height's message, as it was when the form last reported one:
 * the general "Height is not valid." becomes what exactly is wrong with the feet and inches, and
 * stays so until the next submit (like every other message), whatever is typed meanwhile.
 */
function useHeightProblem(
  values: ProfileValues,
  errors: Readonly<Record<string, string>>,
): HeightProblem | null {
  const problemOf = () => (errors.height ? heightProblem(values) : null);
  const [reported, setReported] = useState(() => ({ errors, problem: problemOf() }));
  if (reported.errors !== errors) {
    const next = { errors, problem: problemOf() };
    setReported(next);
    return next.problem;
  }
  return reported.problem;
}

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
  const t = useTranslations('profile.fields');
  const tOptions = useTranslations('profile.options');
  const tCommon = useTranslations('common');
  const heightErrorId = useId();
  const set = <K extends keyof ProfileValues>(key: K, value: ProfileValues[K]) => {
    onChange({ ...values, [key]: value });
  };
  const autoComplete = (token: string) => (own ? token : 'off');
  const owner = own ? 'own' : 'other';
  const problem = useHeightProblem(values, errors);
  const heightError = problem ? t(`heightProblems.${problem}`, { owner }) : errors.height;

  return (
    <div className="form-grid">
      <TextField
        label={t('name')}
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
        label={t('username')}
        name="username"
        autoComplete={autoComplete('username')}
        autoCapitalize="none"
        spellCheck={false}
        required
        maxLength={250}
        hint={t('usernameHint')}
        value={values.username}
        onChange={(event) => {
          set('username', event.target.value);
        }}
        error={errors.username}
      />
      {withEmail ? (
        <TextField
          label={t('email')}
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
        label={t('city')}
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
        label={t('birthdate')}
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
        label={t('gender')}
        name="gender"
        options={GENDERS.map((value) => ({ value, label: tOptions(`gender.${value}`) }))}
        value={values.gender}
        onChange={(event) => {
          set('gender', event.target.value as Gender);
        }}
        error={errors.gender}
      />
      <LanguageField
        label={t('language')}
        value={values.preferredLanguage}
        onChange={(event) => {
          set('preferredLanguage', event.target.value as Language);
        }}
        error={errors.preferredLanguage}
      />
      <SelectField
        label={t('units')}
        name="units"
        options={UNITS.map((value) => ({ value, label: tOptions(`units.${value}`) }))}
        hint={t('unitsHint', { owner })}
        value={values.units}
        onChange={(event) => {
          onChange(changeUnits(values, event.target.value as Units));
        }}
        error={errors.units}
      />
      {values.units === 'metric' ? (
        <TextField
          label={t('height')}
          name="height"
          inputMode="numeric"
          optional
          suffix={t('centimetres')}
          value={values.heightCm}
          onChange={(event) => {
            set('heightCm', event.target.value);
          }}
          error={heightError}
        />
      ) : (
        <fieldset className="height-imperial">
          <legend className="field-label">
            {t('height')} <span className="optional">{tCommon('optional')}</span>
          </legend>
          <div className="height-imperial-inputs">
            <TextField
              label={t('feet')}
              name="heightFeet"
              inputMode="numeric"
              suffix={t('feetSuffix')}
              value={values.heightFeet}
              aria-invalid={heightError ? true : undefined}
              aria-describedby={heightError ? heightErrorId : undefined}
              onChange={(event) => {
                set('heightFeet', event.target.value);
              }}
            />
            <TextField
              label={t('inches')}
              name="heightInches"
              inputMode="numeric"
              suffix={t('inchesSuffix')}
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
        label={t('maxHeartRate')}
        name="maxHeartRate"
        inputMode="numeric"
        optional
        suffix={t('beatsPerMinute')}
        value={values.maxHeartRate}
        onChange={(event) => {
          set('maxHeartRate', event.target.value);
        }}
        error={errors.maxHeartRate}
      />
      <SelectField
        label={t('firstDayOfWeek')}
        name="firstDayOfWeek"
        options={WEEKDAYS.map((value) => ({ value, label: tOptions(`weekday.${value}`) }))}
        value={values.firstDayOfWeek}
        onChange={(event) => {
          set('firstDayOfWeek', event.target.value as WeekDay);
        }}
        error={errors.firstDayOfWeek}
      />
      <SelectField
        label={t('currency')}
        name="currency"
        options={CURRENCIES.map((value) => ({ value, label: tOptions(`currency.${value}`) }))}
        value={values.currency}
        onChange={(event) => {
          set('currency', event.target.value as Currency);
        }}
        error={errors.currency}
      />
    </div>
  );
}
