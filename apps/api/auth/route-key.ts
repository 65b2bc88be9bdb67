import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';

/**
 * The `METHOD path` key of a controller method, written as the OpenAPI document writes it (`GET /api/tasks/{id}`),
 * so the permission table, the guard and the document agree. Undefined when the method is not a route.
 */
export function routeKey(controller: Function, handler: Function): string | undefined {
  const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
  const handlerPath = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
  if (method === undefined || handlerPath === undefined) return undefined;
  const base = (Reflect.getMetadata(PATH_METADATA, controller) as string | undefined) ?? '';
  const path = [base, Array.isArray(handlerPath) ? handlerPath[0] : handlerPath]
    .flatMap((part) => part.split('/'))
    .filter((part) => part.length > 0)
    .map((part) => part.replace(/^:(\w+)$/, '{$1}'))
    .join('/');
  return `${RequestMethod[method]} /${path}`;
}

/** The route keys of every method of the given controller classes. */
export function routeKeys(controllers: readonly Function[]): string[] {
  return controllers.flatMap((controller) =>
    Object.getOwnPropertyNames(controller.prototype)
      .filter((name) => name !== 'constructor')
      .map((name) => routeKey(controller, (controller.prototype as Record<string, () => unknown>)[name]))
      .filter((key): key is string => key !== undefined),
  );
}
