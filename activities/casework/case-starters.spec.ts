import { relayAll } from './case-starters';

test('one sweep relays every case type; a starter that fails does not stop the others', async () => {
  const started: string[] = [];
  const ok = (name: string, n: number) => ({ relayPending: () => (started.push(name), Promise.resolve(n)) });
  const down = { relayPending: () => Promise.reject(new Error('Temporal unreachable')) };
  expect(await relayAll([down, ok('routine', 2), ok('urgent', 1)])).toBe(3);
  expect(started).toEqual(['routine', 'urgent']);
});
