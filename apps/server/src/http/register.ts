/**
 * Binds a handler to a route of the contract: the route's schemas drive validation, serialisation and OpenAPI;
 * its declared requirements (sign-in, permission, session-only, password change) are enforced before the handler.
 */
import {
  type RouteBody,
  type RouteDef,
  type RouteKey,
  type RouteParams,
  type RouteQuery,
  type RouteResponse,
  routes,
} from '@zaitun/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuthedContext, RequestContext } from './context';

export interface HandlerInput<K extends RouteKey> {
  params: RouteParams<K>;
  query: RouteQuery<K>;
  body: RouteBody<K>;
  ctx: (typeof routes)[K]['auth'] extends 'public' ? RequestContext : AuthedContext;
  reply: FastifyReply;
  /** For uploads (multipart parts) and downloads that stream. */
  request: FastifyRequest;
}

export type Handler<K extends RouteKey> = (input: HandlerInput<K>) => Promise<RouteResponse<K>>;

declare module 'fastify' {
  interface FastifyContextConfig {
    route?: RouteDef;
  }
}

const NO_QUERY = { type: 'object', properties: {}, additionalProperties: false };

const errorResponses = {
  '4xx': { $ref: 'ErrorBody#' },
  '5xx': { $ref: 'ErrorBody#' },
};

export function registerRoute<K extends RouteKey>(app: FastifyInstance, key: K, handler: Handler<K>): void {
  const def: RouteDef = routes[key];
  const response: Record<string, unknown> = { ...errorResponses };
  if (!def.download) response[String(def.status)] = def.response ?? { type: 'null', description: 'No content' };
  app.route({
    method: def.method,
    url: def.path,
    config: { route: def },
    schema: {
      operationId: key,
      summary: def.summary,
      tags: [def.tag],
      ...(def.auth === 'public' ? { security: [] } : {}),
      ...(def.params ? { params: def.params } : {}),
      // Unknown query parameters are refused like unknown body fields.
      querystring: def.query ?? NO_QUERY,
      ...(def.body ? { body: def.body } : {}),
      // Uploads are multipart: the handler reads and checks the one file part itself (readUpload).
      ...(def.upload ? { consumes: ['multipart/form-data'] } : {}),
      response,
    },
    handler: async (request, reply) => {
      const result = await handler({
        params: request.params as RouteParams<K>,
        query: request.query as RouteQuery<K>,
        body: request.body as RouteBody<K>,
        ctx: request.ctx as HandlerInput<K>['ctx'],
        reply,
        request,
      });
      if (def.download) return result;
      reply.code(def.status);
      return def.status === 204 ? reply.send() : result;
    },
  });
}
