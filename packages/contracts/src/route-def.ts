import type { TSchema } from 'typebox';
import type { Permission } from './permissions';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteDef {
  method: HttpMethod;
  path: string;
  summary: string;
  tag:
    | 'auth'
    | 'org'
    | 'tokens'
    | 'audit'
    | 'system'
    | 'dispatch'
    | 'calendar'
    | 'notifications'
    | 'settings'
    | 'cockpit';
  /** `public`: no sign-in needed. Otherwise a session or an API token is required. */
  auth: 'public' | 'user';
  /** The permission the route needs at all (scope is checked per object); null: any signed-in user. */
  permission: Permission | null;
  /** Reachable while the user must still change the password. */
  allowedBeforePasswordChange?: boolean;
  /** Not allowed with an API token (session only). */
  sessionOnly?: boolean;
  params?: TSchema;
  query?: TSchema;
  body?: TSchema;
  /** Success status and body schema (null: no body); 202: work started in the background (a Task to follow). */
  status: 200 | 201 | 202 | 204;
  response: TSchema | null;
  /** Binary download; the response schema is not used. */
  download?: boolean;
  /** multipart/form-data upload (one file part plus fields); the handler reads the parts itself. */
  upload?: boolean;
}
