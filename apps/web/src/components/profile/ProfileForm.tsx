'use client';

import {
  type Currency,
  type Gender,
  type Language,
  type Units,
  type UsersMe,
  UsersBaseUpdate,
  type WeekDay,
} from '@roster/users/schemas';
import { useEffect, useId, useRef, useState, type SubmitEvent } from 'react';
import { Alert } from '../Alert';
import { Button } from '../Button';
import { SelectField, TextField } from '../Field';
import { NO_ERRORS, toFormErrors, zodIssuesToFields, type FormErrors } from '@/lib/errors';
import {
  cmToFeetInches,
  CURRENCY_OPTIONS,
  feetInchesToCm,
  GENDER_OPTIONS,
  LANGUAGE_OPTIONS,
  UNITS_OPTIONS,
  WEEKDAY_OPTIONS,
} from '@/lib/profile-options';
import { trpc } from '@/lib/trpc';
import { useMe } from '@/lib/use-me';
import './profile.css';

/** What the inputs hold: text as typed, so a half-typed number can be shown back with its error. */
interface Values {
  name: string;
  username: string;
  city: string;
  birthdate: string;
  preferredLanguage: Language;
  gender: Gender;
  units: Units;
  heightCm: string;
  heightFeet: string;
  heightInches: string;
  maxHeartRate: string;
  firstDayOfWeek: WeekDay;
  currency: Currency;
}

function imperialHeight(cm: number | null): { heightFeet: string; heightInches: string } {
  if (cm === null) return { heightFeet: '', heightInches: '' };
  const { feet, inches } = cmToFeetInches(cm);
  return { heightFeet: String(feet), heightInches: String(inches) };
}

function valuesFrom(me: UsersMe): Values {
  return {
    name: me.name,
    username: me.username,
    city: me.city ?? '',
    birthdate: me.birthdate ?? '',
    preferredLanguage: me.preferredLanguage,
    gender: me.gender,
    units: me.units,
    heightCm: me.height === null ? '' : String(me.height),
    ...imperialHeight(me.height),
    maxHeartRate: me.maxHeartRate === null ? '' : String(me.maxHeartRate),
    firstDayOfWeek: me.firstDayOfWeek,
    currency: me.currency,
  };
}

const WHOLE_NUMBER = /^\d+$/;

/** A typed number, or NaN for text that is not one (the schema then says what is wrong). */
function numberOrNull(text: string): number | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : WHOLE_NUMBER.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/** Height in cm from whichever inputs the chosen units show, or a message about them. */
function heightFrom(values: Values): { height: number | null } | { error: string } {
  if (values.units === 'metric') return { height: numberOrNull(values.heightCm) };
  const feet = values.heightFeet.trim();
  const inches = values.heightInches.trim();
  if (feet === '' && inches === '') return { height: null };
  if (!WHOLE_NUMBER.test(feet || '0') || !WHOLE_NUMBER.test(inches || '0')) {
    return { error: 'Enter your height in whole feet and inches.' };
  }
  if (Number(inches || '0') > 11) return { error: 'Inches must be between 0 and 11.' };
  return { height: feetInchesToCm(Number(feet || '0'), Number(inches || '0')) };
}

export function ProfileForm() {
  const me = useMe();
  const utils = trpc.useUtils();
  const update = trpc.me.update.useMutation();
  const [values, setValues] = useState<Values>(() => valuesFrom(me));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [saved, setSaved] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const heightErrorId = useId();

  // After a failed submit, take keyboard and screen-reader users to the first field to fix.
  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);

  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    setSaved(false);
  };

  /** Switching units converts the height already entered instead of losing it. */
  const setUnits = (units: Units) => {
    setValues((current) => {
      if (units === current.units) return current;
      const converted = heightFrom(current);
      const cm = 'height' in converted ? converted.height : null;
      if (cm === null || !Number.isFinite(cm)) return { ...current, units };
      return units === 'imperial'
        ? { ...current, units, ...imperialHeight(cm) }
        : { ...current, units, heightCm: String(cm) };
    });
    setSaved(false);
  };

  const onSubmit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const height = heightFrom(values);
    const input = {
      name: values.name,
      username: values.username,
      city: values.city,
      birthdate: values.birthdate === '' ? null : values.birthdate,
      preferredLanguage: values.preferredLanguage,
      gender: values.gender,
      units: values.units,
      height: 'height' in height ? height.height : null,
      maxHeartRate: numberOrNull(values.maxHeartRate),
      firstDayOfWeek: values.firstDayOfWeek,
      currency: values.currency,
    };
    const parsed = UsersBaseUpdate.safeParse(input);
    if (!parsed.success || 'error' in height) {
      const fields = parsed.success ? {} : zodIssuesToFields(parsed.error.issues);
      if ('error' in height) fields.height = height.error;
      setErrors({ ...NO_ERRORS, fields });
      return;
    }
    setErrors(NO_ERRORS);
    try {
      const updated = await update.mutateAsync(input);
      utils.me.get.setData(undefined, updated);
      await utils.me.get.invalidate();
      setValues(valuesFrom(updated));
      setSaved(true);
    } catch (error) {
      setErrors(toFormErrors(error));
    }
  };

  return (
    <section className="card" aria-labelledby="profile-details">
      <div className="card-header">
        <h2 id="profile-details">Details</h2>
        <p>Your name and photo are what other people see. The rest stays with you.</p>
      </div>
      <form ref={formRef} className="form" onSubmit={(event) => void onSubmit(event)} noValidate>
        <div className="form-grid">
          <TextField
            label="Full name"
            name="name"
            autoComplete="name"
            required
            maxLength={250}
            value={values.name}
            onChange={(event) => {
              set('name', event.target.value);
            }}
            error={errors.fields.name}
            fieldClassName="span-2"
          />
          <TextField
            label="Username"
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
            maxLength={250}
            hint="Letters, digits and dots; stored in lowercase."
            value={values.username}
            onChange={(event) => {
              set('username', event.target.value);
            }}
            error={errors.fields.username}
          />
          <TextField
            label="City"
            name="city"
            autoComplete="address-level2"
            optional
            maxLength={250}
            value={values.city}
            onChange={(event) => {
              set('city', event.target.value);
            }}
            error={errors.fields.city}
          />
          <TextField
            label="Date of birth"
            name="birthdate"
            type="date"
            autoComplete="bday"
            optional
            value={values.birthdate}
            onChange={(event) => {
              set('birthdate', event.target.value);
            }}
            error={errors.fields.birthdate}
          />
          <SelectField
            label="Gender"
            name="gender"
            options={GENDER_OPTIONS}
            value={values.gender}
            onChange={(event) => {
              set('gender', event.target.value as Gender);
            }}
            error={errors.fields.gender}
          />
          <SelectField
            label="Language"
            name="preferredLanguage"
            options={LANGUAGE_OPTIONS}
            value={values.preferredLanguage}
            onChange={(event) => {
              set('preferredLanguage', event.target.value as Language);
            }}
            error={errors.fields.preferredLanguage}
          />
          <SelectField
            label="Units"
            name="units"
            options={UNITS_OPTIONS}
            hint="Used for your height here and for distances and weights."
            value={values.units}
            onChange={(event) => {
              setUnits(event.target.value as Units);
            }}
            error={errors.fields.units}
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
              error={errors.fields.height}
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
                  aria-invalid={errors.fields.height ? true : undefined}
                  aria-describedby={errors.fields.height ? heightErrorId : undefined}
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
                  aria-invalid={errors.fields.height ? true : undefined}
                  aria-describedby={errors.fields.height ? heightErrorId : undefined}
                  onChange={(event) => {
                    set('heightInches', event.target.value);
                  }}
                />
              </div>
              {errors.fields.height ? (
                <p className="field-error" id={heightErrorId}>
                  {errors.fields.height}
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
            error={errors.fields.maxHeartRate}
          />
          <SelectField
            label="First day of the week"
            name="firstDayOfWeek"
            options={WEEKDAY_OPTIONS}
            value={values.firstDayOfWeek}
            onChange={(event) => {
              set('firstDayOfWeek', event.target.value as WeekDay);
            }}
            error={errors.fields.firstDayOfWeek}
          />
          <SelectField
            label="Currency"
            name="currency"
            options={CURRENCY_OPTIONS}
            value={values.currency}
            onChange={(event) => {
              set('currency', event.target.value as Currency);
            }}
            error={errors.fields.currency}
          />
        </div>
        {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
        {saved ? <Alert tone="success">Your profile was saved.</Alert> : null}
        <div className="form-actions">
          <Button type="submit" loading={update.isPending}>
            Save profile
          </Button>
        </div>
      </form>
    </section>
  );
}
