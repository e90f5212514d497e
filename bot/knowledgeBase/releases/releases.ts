import type { KnowledgeFiles } from '../readKnowledge.js';

/** One accepted knowledge version, as the history lists it. */
export interface ReleaseInfo {
  /** The content hash (the knowledge version). */
  version: string;
  acceptedAt: string;
  fileCount: number;
  /** Files that changed from the version accepted before it (relative paths). */
  changed: string[];
}

/**
 * The last accepted knowledge versions, whole, so any of them can be served again (rollback). Behind this small
 * interface so a cluster can keep them in its shared store; {@link FileKnowledgeReleases} keeps them under
 * DATA_DIR.
 */
export interface KnowledgeReleases {
  /** Keep an accepted version (a version kept already is only moved to the front). */
  record(version: string, files: KnowledgeFiles, changed: readonly string[]): Promise<void>;
  /** Kept versions, newest first. */
  list(): Promise<ReleaseInfo[]>;
  /** The files of a kept version, or undefined. */
  files(version: string): Promise<Map<string, string> | undefined>;
}
