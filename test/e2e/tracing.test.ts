import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { startTracing, type Tracing } from '../../apps/observability/tracing';
import { applicationBody } from '../helpers/factories';
import { DEMO_VILLAGES } from '../helpers/policies';
import { Caseworker } from './caseworker';
import { startPlatform, type Platform } from './platform';

/** With OTEL_TRACES_ENABLED, an intake is one trace: the caller's traceparent, the HTTP span, the workflow start. */

const exporter = new InMemorySpanExporter();
let tracing: Tracing | undefined;
let platform: Platform;
beforeAll(async () => {
  tracing = startTracing({ OTEL_TRACES_ENABLED: true, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://127.0.0.1:4318/v1/traces' }, 'api', new SimpleSpanProcessor(exporter));
  platform = await startPlatform({ env: { OTEL_TRACES_ENABLED: 'true' } });
});
afterAll(async () => {
  await platform?.stop();
  await tracing?.shutdown();
});

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT = '00f067aa0ba902b7';

test('the HTTP span continues the caller’s trace; the workflow start is its child; activities are spans; no personal data', async () => {
  const clerk = await platform.as('kc.clerk');
  const body = applicationBody(DEMO_VILLAGES.district);
  const created = await clerk.post('/api/applications', body, { traceparent: `00-${TRACE}-${PARENT}-01` });
  expect(created.status).toBe(201);
  await new Caseworker(clerk).task(created.body.id, 'acceptance');

  const spans = exporter.getFinishedSpans();
  const http = spans.find((s) => s.name === 'POST /api/applications' && s.spanContext().traceId === TRACE);
  expect(http).toBeDefined();
  expect(http!.parentSpanId).toBe(PARENT);
  expect(http!.attributes).toMatchObject({ 'http.route': '/api/applications', 'http.response.status_code': 201, 'enduser.role': 'township_clerk' });
  const start = spans.find((s) => s.name.startsWith('StartWorkflow:') && s.spanContext().traceId === TRACE);
  expect(start?.parentSpanId).toBe(http!.spanContext().spanId);
  expect(spans.some((s: ReadableSpan) => s.name.startsWith('RunActivity:'))).toBe(true);
  const text = JSON.stringify(spans.map((s) => ({ name: s.name, attributes: s.attributes, events: s.events })));
  for (const member of body.members) {
    expect(text).not.toContain(member.name);
    expect(text).not.toContain(member.idNumber);
  }
});
