import { ConflictDraft } from './types';
import { compareStrings } from './util';

/**
 * Sorts conflicts by type, then subject id, and merges those about the same
 * (type, subject): the store tracks one conflict per that key, and two drafts
 * with one key would otherwise overwrite each other in whatever order they
 * arrived.
 */
export function sortConflicts(
  conflicts: readonly ConflictDraft[],
): ConflictDraft[] {
  const sorted = [...conflicts].sort(
    (a, b) =>
      compareStrings(a.type, b.type) ||
      compareStrings(a.subject.id, b.subject.id) ||
      compareStrings(a.subject.kind, b.subject.kind) ||
      compareStrings(a.entityRef ?? '', b.entityRef ?? '') ||
      compareStrings(a.message, b.message),
  );
  const merged = new Map<string, ConflictDraft>();
  for (const conflict of sorted) {
    const key = `${conflict.type}\u0000${conflict.subject.kind}\u0000${conflict.subject.id}`;
    const existing = merged.get(key);
    if (!existing) {
      merged.set(key, conflict);
    } else if (!existing.message.includes(conflict.message)) {
      merged.set(key, {
        ...existing,
        message: `${existing.message} ${conflict.message}`,
        resolution: existing.resolution.includes(conflict.resolution)
          ? existing.resolution
          : `${existing.resolution} ${conflict.resolution}`,
      });
    }
  }
  return [...merged.values()];
}
