import { z } from 'zod';
import { Visibility } from './enums';

export const HIDE_ACTIVITY_KEYS = [
  'hideActivityStartTime',
  'hideActivityLocation',
  'hideActivityMap',
  'hideActivityHr',
  'hideActivityPower',
  'hideActivityCadence',
  'hideActivityElevation',
  'hideActivitySpeed',
  'hideActivityPace',
  'hideActivityLaps',
  'hideActivityWorkoutSetsSteps',
  'hideActivityGear',
] as const;
export type HideActivityKey = (typeof HIDE_ACTIVITY_KEYS)[number];

export const PrivacySettingsFields = {
  defaultActivityVisibility: Visibility,
  hideActivityStartTime: z.boolean(),
  hideActivityLocation: z.boolean(),
  hideActivityMap: z.boolean(),
  hideActivityHr: z.boolean(),
  hideActivityPower: z.boolean(),
  hideActivityCadence: z.boolean(),
  hideActivityElevation: z.boolean(),
  hideActivitySpeed: z.boolean(),
  hideActivityPace: z.boolean(),
  hideActivityLaps: z.boolean(),
  hideActivityWorkoutSetsSteps: z.boolean(),
  hideActivityGear: z.boolean(),
} satisfies Record<'defaultActivityVisibility' | HideActivityKey, z.ZodType>;

export const PrivacySettings = z.object(PrivacySettingsFields);
export type PrivacySettings = z.infer<typeof PrivacySettings>;

export const PrivacySettingsUpdate = PrivacySettings.partial().strict();
export type PrivacySettingsUpdate = z.infer<typeof PrivacySettingsUpdate>;

export const DEFAULT_PRIVACY_SETTINGS: PrivacySettings = {
  defaultActivityVisibility: 'public',
  hideActivityStartTime: false,
  hideActivityLocation: false,
  hideActivityMap: false,
  hideActivityHr: false,
  hideActivityPower: false,
  hideActivityCadence: false,
  hideActivityElevation: false,
  hideActivitySpeed: false,
  hideActivityPace: false,
  hideActivityLaps: false,
  hideActivityWorkoutSetsSteps: false,
  hideActivityGear: false,
};
