import { safeError } from './safe-error';

/** Log lines carry an error's class, code and stack frames, never its message (it may quote personal data). */

test('class, code and frames are kept; the message is not', () => {
  const err = Object.assign(new TypeError('duplicate key value (id_number)=(110101199001011234) 张三'), { code: '23505' });
  const safe = safeError(err);
  expect(safe).toMatchObject({ type: 'TypeError', code: '23505' });
  expect(safe.stack).toMatch(/^at /);
  expect(JSON.stringify(safe)).not.toMatch(/110101199001011234|张三|duplicate key/);
});

test('a plain Error subclass is named by its class; causes by class only; non-errors by their type', () => {
  class UniqueViolation extends Error {}
  const err = new UniqueViolation('outer', { cause: new RangeError('inner 张三') });
  expect(safeError(err)).toMatchObject({ type: 'UniqueViolation', causes: ['RangeError'] });
  expect(JSON.stringify(safeError(err))).not.toContain('张三');
  expect(safeError('a string with 张三')).toEqual({ type: 'string' });
});
