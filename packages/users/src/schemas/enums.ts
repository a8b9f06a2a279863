import { z } from 'zod';

export const Gender = z.enum(['male', 'female', 'unspecified']);
export type Gender = z.infer<typeof Gender>;

export const Language = z.enum([
  'ca',
  'cn',
  'tw',
  'de',
  'fr',
  'gl',
  'it',
  'nl',
  'pt',
  'sl',
  'sv',
  'es',
  'us',
]);
export type Language = z.infer<typeof Language>;

export const WeekDay = z.enum([
  'sunday',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
]);
export type WeekDay = z.infer<typeof WeekDay>;

export const UserAccessType = z.enum(['regular', 'admin']);
export type UserAccessType = z.infer<typeof UserAccessType>;

export const Units = z.enum(['metric', 'imperial']);
export type Units = z.infer<typeof Units>;

export const Currency = z.enum(['euro', 'dollar', 'pound']);
export type Currency = z.infer<typeof Currency>;

export const Visibility = z.enum(['public', 'followers', 'private']);
export type Visibility = z.infer<typeof Visibility>;

export const PasswordType = z.enum(['strict', 'length_only']);
export type PasswordType = z.infer<typeof PasswordType>;
