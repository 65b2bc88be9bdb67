import type { MikroORM } from '@mikro-orm/core';
import { TooManyAttemptsError } from '../../apps/api/common/errors';
import { LoginThrottle } from '../../apps/api/auth/login-throttle';
import { LoginFailure } from '../../activities/identity/login-failure.entity';
import { createTestDatabase, type TestDatabase } from '../helpers/database';

/** Login throttling on a real database (SQLite, or PostgreSQL with DATABASE_URL): one limit for every API process. */

const WINDOW = 15 * 60_000;

let db: TestDatabase;
let orm: MikroORM;
beforeAll(async () => {
  db = await createTestDatabase();
  orm = db.orm;
});
afterAll(async () => {
  await db?.drop();
});
beforeEach(async () => {
  await orm.em.fork().nativeDelete(LoginFailure, {});
});

function throttleAt(clock: { t: number }) {
  return new LoginThrottle(orm, { perUsername: 5, perAddress: 20, windowMs: WINDOW }, () => clock.t);
}

async function refusal(p: Promise<void>): Promise<TooManyAttemptsError | null> {
  try {
    await p;
    return null;
  } catch (err) {
    if (err instanceof TooManyAttemptsError) return err;
    throw err;
  }
}

test('the sixth attempt after five failures of one username is refused until the first failure leaves the window', async () => {
  const clock = { t: 1_000_000 };
  const throttle = throttleAt(clock);
  for (let i = 0; i < 5; i += 1) {
    expect(await refusal(throttle.check('kc.clerk', '10.0.0.1'))).toBeNull();
    await throttle.recordFailure('kc.clerk', '10.0.0.1');
    clock.t += 1000;
  }
  expect(await refusal(throttle.check('kc.clerk', '10.0.0.2'))).toBeInstanceOf(TooManyAttemptsError);
  expect(await refusal(throttle.check('KC.Clerk', '10.0.0.3'))).toBeInstanceOf(TooManyAttemptsError);
  expect(await refusal(throttle.check('kc.other', '10.0.0.1'))).toBeNull();
  clock.t = 1_000_000 + WINDOW - 1;
  expect((await refusal(throttle.check('kc.clerk', '10.0.0.1')))?.retryAfterSeconds).toBe(1);
  clock.t = 1_000_000 + WINDOW;
  expect(await refusal(throttle.check('kc.clerk', '10.0.0.1'))).toBeNull();
});

test('a success clears the username but not the address; twenty failures from one address refuse every username', async () => {
  const clock = { t: 1_000_000 };
  const throttle = throttleAt(clock);
  for (let i = 0; i < 4; i += 1) await throttle.recordFailure('kc.clerk', '10.0.0.1');
  await throttle.recordSuccess('kc.clerk');
  for (let i = 0; i < 4; i += 1) await throttle.recordFailure('kc.clerk', '10.0.0.1');
  expect(await refusal(throttle.check('kc.clerk', '10.0.0.9'))).toBeNull();
  for (let i = 0; i < 12; i += 1) await throttle.recordFailure(`guess.${i}`, '10.0.0.1');
  expect(await refusal(throttle.check('anyone', '10.0.0.1'))).toBeInstanceOf(TooManyAttemptsError);
  expect(await refusal(throttle.check('anyone', '10.0.0.2'))).toBeNull();
});

test('two API processes on one database share the limit, and a new process remembers it', async () => {
  const clock = { t: 1_000_000 };
  const [first, second] = [throttleAt(clock), throttleAt(clock)];
  for (let i = 0; i < 3; i += 1) await first.recordFailure('gy.clerk', '10.0.0.1');
  for (let i = 0; i < 2; i += 1) await second.recordFailure('gy.clerk', '10.0.0.2');
  expect(await refusal(first.check('gy.clerk', '10.0.0.3'))).toBeInstanceOf(TooManyAttemptsError);
  expect(await refusal(second.check('gy.clerk', '10.0.0.4'))).toBeInstanceOf(TooManyAttemptsError);
  expect(await refusal(throttleAt(clock).check('gy.clerk', '10.0.0.5'))).toBeInstanceOf(TooManyAttemptsError);
  await second.recordSuccess('gy.clerk');
  expect(await refusal(first.check('gy.clerk', '10.0.0.3'))).toBeNull();
});

test('failures older than the window are swept from the table', async () => {
  const clock = { t: 1_000_000 };
  const throttle = throttleAt(clock);
  for (let i = 0; i < 3; i += 1) await throttle.recordFailure(`old.${i}`, '10.0.0.7');
  clock.t += WINDOW;
  await throttle.recordFailure('new', '10.0.0.8');
  const keys = (await orm.em.fork().find(LoginFailure, {})).map((f) => f.key).sort();
  expect(keys).toEqual(['a:10.0.0.8', 'u:new']);
});
