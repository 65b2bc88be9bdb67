import { Entity, PrimaryKey, PrimaryKeyProp } from '@mikro-orm/core';

/** Which policy versions a snapshot was merged from: answers "which running cases does this version govern?". */
@Entity({ tableName: 'policy_snapshot_sources' })
export class PolicySnapshotSource {
  [PrimaryKeyProp]?: ['snapshotId', 'versionId'];

  @PrimaryKey({ type: 'string', length: 16 })
  snapshotId: string;

  @PrimaryKey({ type: 'string', length: 36 })
  versionId: string;

  constructor(snapshotId: string, versionId: string) {
    this.snapshotId = snapshotId;
    this.versionId = versionId;
  }
}
