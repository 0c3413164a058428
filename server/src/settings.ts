/**
 * The server's settings. Every key is spelled out in full (`khabar.…`) where it is read, so that the
 * contributions unit test can check each one is declared in package.json.
 */

import { DEFAULT_ARTICLE_EXCLUDE, DEFAULT_ARTICLE_INCLUDE, DEFAULT_MAX_FILE_SIZE_KB } from './articles';

export interface ServerSettings {
  include: string[];
  exclude: string[];
  maxFileSizeKB: number;
  debounceMs: number;
}

export const DEFAULT_SETTINGS: ServerSettings = {
  include: [...DEFAULT_ARTICLE_INCLUDE],
  exclude: [...DEFAULT_ARTICLE_EXCLUDE],
  maxFileSizeKB: DEFAULT_MAX_FILE_SIZE_KB,
  debounceMs: 150,
};

/** The sections requested from the client, in this order, by {@link readSettings}. */
export const SETTING_SECTIONS = [
  'khabar.articles.include',
  'khabar.articles.exclude',
  'khabar.maxFileSizeKB',
  'khabar.debounceMs',
] as const;

function stringArray(value: unknown, fallback: string[]): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : fallback;
}

function number(value: unknown, fallback: number, min: number, max: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
}

/** Turns the values answered for {@link SETTING_SECTIONS} into settings, with defaults for anything missing or wrong. */
export function readSettings(values: readonly unknown[] | null | undefined): ServerSettings {
  const v = values ?? [];
  return {
    include: stringArray(v[0], DEFAULT_SETTINGS.include),
    exclude: stringArray(v[1], DEFAULT_SETTINGS.exclude),
    maxFileSizeKB: number(v[2], DEFAULT_SETTINGS.maxFileSizeKB, 1, 1024 * 1024),
    debounceMs: number(v[3], DEFAULT_SETTINGS.debounceMs, 0, 10_000),
  };
}
