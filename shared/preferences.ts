import { z } from 'zod';
import { DEFAULT_WAGE_FLOOR_CENTS } from './batch/progress';

/**
 * User preferences: versioned data with defaults, validated whenever they are read from disk,
 * so a hand-edited or corrupt file falls back to defaults instead of crashing the app.
 */
export const AREA_IDS = [
  'dashboard',
  'batches',
  'hits',
  'review',
  'workers',
  'qualifications',
  'bonuses',
  'archive',
  'settings',
  'audit',
  'batch-editor',
] as const;
export type AreaId = (typeof AREA_IDS)[number];

export const themeSchema = z.enum(['system', 'light', 'dark']);
export type Theme = z.infer<typeof themeSchema>;

export const preferencesSchema = z.object({
  version: z.literal(1),
  theme: themeSchema,
  lastArea: z.enum(AREA_IDS),
  sidebarCollapsed: z.boolean(),
  /** Batches whose effective hourly wage (reward ÷ median work time) falls below this are flagged; cents per hour. */
  wageFloorCents: z.number().int().min(0).max(100_000).optional(),
  /** Batches whose new submissions raise a desktop notification. */
  watchedBatches: z.array(z.string().min(1).max(64)).max(500).optional(),
  /** Silences every desktop notification (new submissions, approaching auto-approval). */
  notificationsMuted: z.boolean().optional(),
  /** The requester's own rejection reasons, with placeholders filled per assignment. */
  rejectTemplates: z.array(z.string().trim().min(1).max(1024)).max(50).optional(),
});
export type Preferences = z.infer<typeof preferencesSchema>;

export const DEFAULT_PREFERENCES: Preferences = {
  version: 1,
  theme: 'system',
  lastArea: 'dashboard',
  sidebarCollapsed: false,
  wageFloorCents: DEFAULT_WAGE_FLOOR_CENTS,
  watchedBatches: [],
  notificationsMuted: false,
  rejectTemplates: [],
};

/** What the renderer may change; `version` is owned by the main process. */
export const preferencesPatchSchema = preferencesSchema.omit({ version: true }).partial().strict();
export type PreferencesPatch = z.infer<typeof preferencesPatchSchema>;

/** Reads stored preferences leniently: unknown or invalid keys fall back to their defaults. */
export function normalizePreferences(stored: unknown): Preferences {
  const base: Record<string, unknown> = typeof stored === 'object' && stored !== null ? { ...stored } : {};
  const merged: Record<string, unknown> = { ...DEFAULT_PREFERENCES };
  for (const key of Object.keys(DEFAULT_PREFERENCES) as (keyof Preferences)[]) {
    const field = preferencesSchema.shape[key];
    const parsed = field.safeParse(base[key]);
    // An optional key accepts `undefined`: that is a missing value, so its default stays.
    if (parsed.success && parsed.data !== undefined) merged[key] = parsed.data;
  }
  return preferencesSchema.parse(merged);
}
