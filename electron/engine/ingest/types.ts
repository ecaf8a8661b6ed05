import type { Author, Platform, Visibility } from '../../../shared/domain.js';

/** A post as a connector hands it over: html is the platform's, unsanitized. */
export interface IncomingPost {
  platform: Platform;
  nativeId: string;
  url: string | null;
  author: Author;
  html: string | null;
  /** Plain text when the platform has no HTML (derived from html otherwise). */
  text?: string | undefined;
  lang: string | null;
  tags: string[];
  createdAt: string;
  replyTo: string | null;
  editedAt: string | null;
  /** Default public. */
  visibility?: Visibility | undefined;
}

export type IngestOp =
  | { op: 'upsert'; post: IncomingPost }
  | { op: 'delete'; platform: Platform; nativeId: string };

export interface IngestResult {
  added: number;
  updated: number;
  deleted: number;
  unchanged: number;
  rejected: Array<{ nativeId: string; reason: string }>;
}
