/** The one app factory used by main.ts, the CLI, tests and benchmarks. */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { ErrorBody, type ErrorCode, errorMessage, localeFromAcceptLanguage, scopeOf } from '@zaitun/contracts';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { Config } from '../config';
import type { Database } from '../db/database';
import type { AuditContext } from '../lib/audit';
import { type Clock, systemClock } from '../lib/clock';
import { DomainError, HTTP_STATUS } from '../lib/errors';
import { type FileStorage, LocalDiskStorage } from '../lib/storage';
import { authenticateSession, authenticateToken, SESSION_COOKIE } from '../modules/auth/auth.service';
import { isDisplayRoute, isDisplayToken, redactDisplayToken } from '../modules/display-links/display-links.domain';
import { authenticateDisplayLink } from '../modules/display-links/display-links.service';
import { TaskRunner } from '../modules/tasks/tasks.service';
import type { RequestContext } from './context';
import { registerModules } from './modules';
import { containsNul, validatorCompiler } from './validation';

export interface AppDeps {
  database: Database;
  config: Config;
  clock?: Clock;
  /** Pino logger options, or false for silence (tests). */
  logger?: boolean | Record<string, unknown>;
  storage?: FileStorage;
}

export interface AppServices {
  database: Database;
  config: Config;
  clock: Clock;
  storage: FileStorage;
  /** Background tasks of this process (a bulletin's generation); closing the app waits for them. */
  tasks: TaskRunner;
}

declare module 'fastify' {
  interface FastifyInstance {
    services: AppServices;
  }
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function auditContextOf(request: FastifyRequest, clock: Clock): AuditContext {
  const ua = request.headers['user-agent'];
  return {
    actor: { type: 'anonymous', id: null, name: null, tokenId: null },
    ip: request.ip ?? null,
    userAgent: typeof ua === 'string' ? ua.slice(0, 400) : null,
    requestId: request.id,
    clock,
  };
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { database, config } = deps;
  const clock = deps.clock ?? systemClock;
  const app = Fastify({
    logger:
      deps.logger === false
        ? false
        : {
            level: config.logLevel,
            redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
            // Fastify's request serializer, with a display link's secret cut from the address of its page.
            serializers: {
              req: (req) => ({
                method: req.method,
                url: redactDisplayToken(req.url),
                host: req.host,
                remoteAddress: req.ip,
                remotePort: req.socket?.remotePort,
              }),
            },
            ...(typeof deps.logger === 'object' ? deps.logger : {}),
          },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    routerOptions: { maxParamLength: 200 },
    ajv: { customOptions: { removeAdditional: false } },
  });
  const tasks = new TaskRunner(() => database.db, clock, app.log);
  app.decorate('services', {
    database,
    config,
    clock,
    storage: deps.storage ?? new LocalDiskStorage(config.filesDir),
    tasks,
  });
  app.addHook('onClose', () => tasks.drain());
  app.setValidatorCompiler(validatorCompiler);
  app.addSchema(ErrorBody);

  await app.register(fastifyCookie);
  // Uploads: one file per request, bounded by the larger of the attachment and import limits (each route checks its own).
  await app.register(fastifyMultipart, {
    limits: {
      fileSize: Math.max(config.attachmentMaxBytes, config.importMaxBytes),
      files: 1,
      fields: 10,
      fieldSize: 10_000,
      parts: 12,
    },
  });
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // antd injects its CSS-in-JS as <style> elements.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    hsts: config.secureCookies ? { maxAge: 31536000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Zaitun API',
        description:
          '刺桐 · 泉州内外贸高质量发展调度平台 API. Sign in with POST /api/v1/auth/login (session cookie; send the returned csrfToken as X-CSRF-Token on writes) or use an API token: `Authorization: Bearer zt_…`. Errors: `{ "error": { "code", "message", "details" } }`, message in the language of Accept-Language (zh-CN default, en-US).',
        version: '1.0.0',
      },
      components: {
        securitySchemes: {
          bearerAuth: {
            type: 'http',
            scheme: 'bearer',
            description: 'API token created under 个人设置 › API 令牌 (Profile › API tokens)',
          },
          cookieAuth: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        },
      },
      security: [{ bearerAuth: [] }, { cookieAuth: [] }],
    },
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`),
    },
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    uiConfig: { persistAuthorization: false },
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    const ctx: RequestContext = {
      actor: null,
      locale: localeFromAcceptLanguage(request.headers['accept-language']),
      audit: auditContextOf(request, clock),
    };
    request.ctx = ctx;
    const route = request.routeOptions.config.route;
    if (!route || route.auth === 'public') return;

    const now = clock.now();
    const authorization = request.headers.authorization;
    if (authorization?.startsWith('Bearer ')) {
      // Bearer requests carry no cookie, so they need no CSRF token (a page cannot make a browser send them).
      const secret = authorization.slice(7).trim();
      if (isDisplayToken(secret)) {
        // A meeting-room screen: the cockpit's read routes only, whatever else its borrowed role would allow.
        const actor = await authenticateDisplayLink(database.db, secret, now);
        if (!actor) throw new DomainError('DISPLAY_LINK_INVALID');
        if (!isDisplayRoute(route)) throw new DomainError('FORBIDDEN', { reason: 'display_link' });
        ctx.actor = actor;
      } else {
        const actor = await authenticateToken({ db: database.db, config }, secret, now);
        if (!actor) throw new DomainError('UNAUTHENTICATED');
        if (route.sessionOnly) throw new DomainError('FORBIDDEN', { reason: 'session_only' });
        ctx.actor = actor;
      }
    } else {
      const secret = request.cookies[SESSION_COOKIE];
      if (!secret) throw new DomainError('UNAUTHENTICATED');
      const result = await authenticateSession({ db: database.db, config }, secret, now);
      if ('error' in result) {
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        throw new DomainError(result.error);
      }
      ctx.actor = result.actor;
      if (STATE_CHANGING.has(request.method) && request.headers['x-csrf-token'] !== result.actor.csrfToken) {
        throw new DomainError('CSRF_FAILED');
      }
    }
    const actor = ctx.actor;
    // A screen is nobody: it reads only, and would appear anonymous (named by its link's prefix) if it ever wrote.
    ctx.audit.actor =
      actor.via === 'display'
        ? { type: 'anonymous', id: null, name: actor.username, tokenId: null }
        : {
            type: actor.via === 'token' ? 'token' : 'user',
            id: actor.userId,
            name: actor.username,
            tokenId: actor.tokenId,
          };
    if (actor.mustChangePassword && !route.allowedBeforePasswordChange)
      throw new DomainError('PASSWORD_CHANGE_REQUIRED');
    if (route.permission && scopeOf(actor, route.permission) === null) throw new DomainError('FORBIDDEN');
  });

  app.addHook('preValidation', async (request) => {
    if (containsNul(request.body) || containsNul(request.query) || containsNul(request.params)) {
      throw new DomainError('VALIDATION_FAILED', [{ message: 'NUL characters are not allowed' }]);
    }
  });

  app.setErrorHandler((err: FastifyError, request, reply) => {
    const locale = request.ctx?.locale ?? localeFromAcceptLanguage(request.headers['accept-language']);
    let code: ErrorCode;
    let details: unknown;
    if (err instanceof DomainError) {
      code = err.code;
      details = err.details;
    } else if (err.validation) {
      code = 'VALIDATION_FAILED';
      details = err.validation.map((v) => ({
        in: err.validationContext,
        path: v.instancePath || '/',
        keyword: v.keyword,
        params: v.params,
        message: v.message,
      }));
    } else if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      code = 'PAYLOAD_TOO_LARGE';
      details = { limitBytes: config.bodyLimitBytes };
    } else if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      code = 'UNSUPPORTED_MEDIA_TYPE';
      details = { accepted: ['application/json'] };
    } else if (
      err instanceof SyntaxError ||
      err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
      err.code === 'FST_ERR_CTP_INVALID_JSON_BODY'
    ) {
      code = 'MALFORMED_JSON';
    } else if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
      code = err.statusCode === 404 ? 'NOT_FOUND' : err.statusCode === 413 ? 'PAYLOAD_TOO_LARGE' : 'VALIDATION_FAILED';
    } else {
      request.log.error({ err }, 'unhandled error');
      code = 'INTERNAL';
    }
    if (code === 'TOO_MANY_REQUESTS') {
      const retry = (details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
      if (retry) reply.header('retry-after', String(retry));
    }
    reply
      .code(HTTP_STATUS[code])
      .type('application/json; charset=utf-8')
      .send({ error: { code, message: errorMessage(code, locale), ...(details === undefined ? {} : { details }) } });
  });

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await sql`SELECT 1`.execute(database.db);
      return { status: 'ready', database: database.kind };
    } catch {
      reply.code(503);
      return { status: 'unavailable', database: database.kind };
    }
  });

  await registerModules(app);

  const hasWeb = fs.existsSync(path.join(config.webDist, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: config.webDist,
      wildcard: false,
      index: false,
      // The build writes .br/.gz copies of its scripts and stylesheets (apps/web/vite.config.ts).
      preCompressed: true,
      setHeaders: (res, file) => {
        res.header(
          'cache-control',
          file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
    // Files of the bundle; anything else that is a page of the app gets index.html (client-side routing).
    app.get('/*', { schema: { hide: true } }, (request, reply) => {
      const rel = (request.params as { '*': string })['*'];
      if (rel === 'api' || rel.startsWith('api/')) return reply.callNotFound();
      const file = path.join(config.webDist, rel);
      if (rel && file.startsWith(config.webDist + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile()) {
        return reply.sendFile(rel);
      }
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const locale = localeFromAcceptLanguage(request.headers['accept-language']);
    reply.code(404).send({ error: { code: 'NOT_FOUND', message: errorMessage('NOT_FOUND', locale) } });
  });
  return app;
}
