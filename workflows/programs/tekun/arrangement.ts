import type { SupportMode } from './tekun-codes';

/**
 * 分散供养 (at home, paid to the person) or 集中供养 (in an institution, paid to the institution that provides the
 * care). A centralized arrangement names its institution; a dispersed one names none. Pure.
 */
export type Arrangement =
  | { ok: true; mode: SupportMode; institutionId: string | null; payee: 'person' | 'institution' }
  | { ok: false; field: 'institutionId'; code: 'institution_required' | 'institution_not_allowed' };

export function supportArrangement(mode: SupportMode, institutionId?: string | null): Arrangement {
  const institution = institutionId?.trim() ? institutionId.trim() : null;
  if (mode === 'centralized') {
    return institution ? { ok: true, mode, institutionId: institution, payee: 'institution' } : { ok: false, field: 'institutionId', code: 'institution_required' };
  }
  return institution ? { ok: false, field: 'institutionId', code: 'institution_not_allowed' } : { ok: true, mode, institutionId: null, payee: 'person' };
}
