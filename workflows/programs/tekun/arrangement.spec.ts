import { supportArrangement } from './arrangement';

test('集中供养 names its institution and pays it', () => {
  expect(supportArrangement('centralized', ' fly-001 ')).toEqual({ ok: true, mode: 'centralized', institutionId: 'fly-001', payee: 'institution' });
  expect(supportArrangement('centralized', '  ')).toEqual({ ok: false, field: 'institutionId', code: 'institution_required' });
  expect(supportArrangement('centralized')).toEqual({ ok: false, field: 'institutionId', code: 'institution_required' });
});

test('分散供养 pays the person and names no institution', () => {
  expect(supportArrangement('dispersed', null)).toEqual({ ok: true, mode: 'dispersed', institutionId: null, payee: 'person' });
  expect(supportArrangement('dispersed', 'fly-001')).toEqual({ ok: false, field: 'institutionId', code: 'institution_not_allowed' });
});
