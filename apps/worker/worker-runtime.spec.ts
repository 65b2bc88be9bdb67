import { Writable } from 'node:stream';
import pino from 'pino';
import { writeEntry } from './worker-runtime';

/** SDK log entries become JSON lines with the workflow and activity ids as fields; errors lose their message. */

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: pino({ level: 'debug' }, stream) };
}

test('an activity failure: ids as fields, error class and stack, no message', async () => {
  const { lines, logger } = capture();
  const meta = { workflowId: 'dibao-application-1', runId: 'r1', workflowType: 'applicationWorkflow', activityId: '7', activityType: 'recordDecision', taskQueue: 'q', attempt: 2, error: new Error('household 张三 not found') };
  writeEntry(logger, { level: 'WARN', message: 'Activity failed', timestampNanos: 0n, meta });
  await new Promise((r) => setImmediate(r));
  expect(lines[0]).toMatchObject({ level: 40, msg: 'Activity failed', workflowId: 'dibao-application-1', activityId: '7', activityType: 'recordDecision', attempt: 2, err: { type: 'Error' } });
  expect(JSON.stringify(lines)).not.toContain('张三');
});
