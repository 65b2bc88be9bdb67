import { rejectionCode } from '../casework/rejections';
import { EMERGENCY_REJECTIONS } from './definitions';

test("every released failure type of a 救急难 request keeps the API code it was released with", () => {
  const released: Record<string, string> = {
    StaleTask: 'stale_task',
    WrongRole: 'wrong_role',
    WrongStep: 'wrong_step',
    SeparationOfDuties: 'separation_of_duties',
    InvalidAmount: 'invalid_amount',
    NotInFollowUp: 'not_in_follow_up',
    DuplicateReferral: 'duplicate_referral',
    InvalidReferral: 'invalid_referral',
  };
  for (const type of Object.values(EMERGENCY_REJECTIONS)) expect([type, rejectionCode(type)]).toEqual([type, released[type]]);
  expect(Object.values(EMERGENCY_REJECTIONS).sort()).toEqual(Object.keys(released).sort());
});
