import { Writable } from 'node:stream';

/** A pino destination that keeps every JSON line, for tests that read what a process logged. */
export class LogCapture extends Writable {
  readonly lines: Record<string, unknown>[] = [];
  readonly raw: string[] = [];

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
      this.raw.push(line);
      this.lines.push(JSON.parse(line) as Record<string, unknown>);
    }
    done();
  }

  /** The request lines (one per request) whose request id is `id`. */
  requests(id: string): Record<string, unknown>[] {
    return this.lines.filter((l) => l.requestId === id && l.msg !== undefined && 'res' in l);
  }
}
