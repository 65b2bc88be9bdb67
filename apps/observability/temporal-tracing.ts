import type { ClientInterceptors } from '@temporalio/client';
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry/lib/client';
import { OpenTelemetryActivityInboundInterceptor } from '@temporalio/interceptors-opentelemetry/lib/worker';
import type { WorkerInterceptors } from '@temporalio/worker';

/**
 * The Temporal side of tracing (see tracing.ts), only when it is on. Client: starting, signalling, querying and
 * updating a workflow is a span under the caller's (the HTTP request's), and its context travels in the workflow's
 * headers. Worker: each activity execution is a span (`RunActivity:<type>`). Workflow-side spans would need the
 * workflow interceptor module inside the prebuilt bundle; they are not part of it yet.
 */
export function clientTracing(enabled: boolean): ClientInterceptors | undefined {
  return enabled ? { workflow: [new OpenTelemetryWorkflowClientInterceptor()] } : undefined;
}

export function activityTracing(enabled: boolean): WorkerInterceptors | undefined {
  return enabled ? { activity: [(ctx) => ({ inbound: new OpenTelemetryActivityInboundInterceptor(ctx) })] } : undefined;
}
