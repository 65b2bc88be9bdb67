import type { OpenAPIObject } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z } from 'zod';
import type { DecisionSchemas } from './decision.schemas';

const COMPLETE = '/api/tasks/{id}/complete';

/** Writes every case type's decisions into the API document as the body of "complete a task" (one of, by step). */
export function documentDecisions(document: OpenAPIObject, schemas: DecisionSchemas): void {
  const operation = document.paths[COMPLETE]?.post;
  if (!operation) throw new Error(`the API document has no POST ${COMPLETE}`);
  const oneOf = Object.values(schemas).map((s) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }));
  operation.requestBody = { required: true, content: { 'application/json': { schema: { oneOf } as SchemaObject } } };
}
