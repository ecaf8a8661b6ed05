import { DE } from './de.js';
import { EN } from './en.js';
import { ES } from './es.js';
import { FR } from './fr.js';
import type { LanguagePack } from './types.js';

/** Languages the rules know; any other language is read with the English rules plus emoji. */
export const PACK_LANGS = ['en', 'de', 'fr', 'es'] as const;
export type PackLang = (typeof PACK_LANGS)[number];

export const PACKS: Record<PackLang, LanguagePack> = { en: EN, de: DE, fr: FR, es: ES };

export function isPackLang(lang: string | null): lang is PackLang {
  return lang !== null && (PACK_LANGS as readonly string[]).includes(lang);
}
