import type { Role } from '../../../workflows/domain/roles';

/** The authenticated caller, as every handler sees it. */
export interface AuthUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  regionCode: string;
  /** Materialized path of the user's region: the subtree they may see. */
  regionPath: string;
  /** Set on an account an administrator created with a temporary password: nothing but changing it is allowed. */
  mustChangePassword?: boolean;
}
