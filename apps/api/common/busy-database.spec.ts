import { LockWaitTimeoutException, UniqueConstraintViolationException } from '@mikro-orm/core';
import { isBusyDatabase } from './busy-database';

test('lock waits, PostgreSQL serialisation failures and pool timeouts are busy; constraint violations are not', () => {
  expect(isBusyDatabase(new LockWaitTimeoutException(new Error('database is locked')))).toBe(true);
  expect(isBusyDatabase(Object.assign(new Error('could not serialize access'), { code: '40001' }))).toBe(true);
  expect(isBusyDatabase(Object.assign(new Error('Knex: Timeout acquiring a connection'), { name: 'KnexTimeoutError' }))).toBe(true);
  expect(isBusyDatabase(new UniqueConstraintViolationException(new Error('UNIQUE constraint failed')))).toBe(false);
  expect(isBusyDatabase(new Error('boom'))).toBe(false);
});
