import { TooManyAttemptsError } from '../../apps/api/common/errors';
import { LoginThrottle } from '../../apps/api/auth/login-throttle';

const WINDOW = 15 * 60_000;

function throttleAt(clock: { t: number }) {
  return new LoginThrottle({ perUsername: 5, perAddress: 20, windowMs: WINDOW }, () => clock.t);
}

test('the sixth attempt after five failures of one username is refused until the first failure leaves the window', () => {
  const clock = { t: 0 };
  const throttle = throttleAt(clock);
  for (let i = 0; i < 5; i += 1) {
    expect(() => throttle.check('kc.clerk', '10.0.0.1')).not.toThrow();
    throttle.recordFailure('kc.clerk', '10.0.0.1');
    clock.t += 1000;
  }
  expect(() => throttle.check('kc.clerk', '10.0.0.2')).toThrow(TooManyAttemptsError);
  expect(() => throttle.check('KC.Clerk', '10.0.0.3')).toThrow(TooManyAttemptsError);
  expect(() => throttle.check('kc.other', '10.0.0.1')).not.toThrow();
  clock.t = WINDOW - 1;
  try {
    throttle.check('kc.clerk', '10.0.0.1');
    throw new Error('expected a refusal');
  } catch (err) {
    expect((err as TooManyAttemptsError).retryAfterSeconds).toBe(1);
  }
  clock.t = WINDOW;
  expect(() => throttle.check('kc.clerk', '10.0.0.1')).not.toThrow();
});

test('a success clears the username but not the address; twenty failures from one address refuse every username', () => {
  const clock = { t: 0 };
  const throttle = throttleAt(clock);
  for (let i = 0; i < 4; i += 1) throttle.recordFailure('kc.clerk', '10.0.0.1');
  throttle.recordSuccess('kc.clerk');
  for (let i = 0; i < 4; i += 1) throttle.recordFailure('kc.clerk', '10.0.0.1');
  expect(() => throttle.check('kc.clerk', '10.0.0.9')).not.toThrow();
  for (let i = 0; i < 12; i += 1) throttle.recordFailure(`guess.${i}`, '10.0.0.1');
  expect(() => throttle.check('anyone', '10.0.0.1')).toThrow(TooManyAttemptsError);
  expect(() => throttle.check('anyone', '10.0.0.2')).not.toThrow();
});
