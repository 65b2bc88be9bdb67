import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { Env } from '../../config/env.schema';

export interface Tracing {
  /** Flushes the spans still buffered and unregisters the globals. */
  shutdown(): Promise<void>;
}

/**
 * OpenTelemetry tracing, off unless OTEL_TRACES_ENABLED=true: a tracer provider exporting over OTLP/HTTP
 * (OTEL_EXPORTER_OTLP_TRACES_ENDPOINT), W3C `traceparent` propagation and an AsyncLocalStorage context, registered
 * globally so the HTTP middleware and the Temporal interceptors find them. Spans carry route patterns, ids and
 * codes only (what the logs carry). A test passes its own span processor.
 */
export function startTracing(env: Pick<Env, 'OTEL_TRACES_ENABLED' | 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'>, service: string, processor?: SpanProcessor): Tracing | undefined {
  if (!env.OTEL_TRACES_ENABLED) return undefined;
  const provider = new BasicTracerProvider({
    resource: new Resource({ 'service.name': `jiuzhu-${service}` }),
    spanProcessors: [processor ?? new BatchSpanProcessor(new OTLPTraceExporter({ url: env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT }))],
  });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  return {
    async shutdown() {
      await provider.shutdown();
      trace.disable();
      propagation.disable();
      context.disable();
    },
  };
}
