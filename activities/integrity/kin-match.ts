/**
 * 近亲属备案 matching: which register entries an application's members hit, and which staff accounts must therefore be
 * kept off every task of the case. Pure, so intake and the property tests share one definition.
 */
export interface KinEntryRef {
  id: string;
  staffUserId: string | null;
  relativeDigest: string;
}

export interface KinMatch {
  /** At least one member is a registered relative of staff: the case is flagged. */
  flagged: boolean;
  entryIds: string[];
  /** Staff with accounts related to any member, each once, in register order. */
  excludedUserIds: string[];
}

export function matchKin(entries: readonly KinEntryRef[], memberDigests: readonly string[]): KinMatch {
  const members = new Set(memberDigests);
  const hits = entries.filter((e) => members.has(e.relativeDigest));
  const excluded = [...new Set(hits.map((e) => e.staffUserId).filter((id): id is string => id !== null))];
  return { flagged: hits.length > 0, entryIds: hits.map((e) => e.id), excludedUserIds: excluded };
}
