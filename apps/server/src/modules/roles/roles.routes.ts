import { GRANTABLE_ROLES, PERMISSIONS, ROLE_PERMISSIONS, ROLES } from '@zaitun/contracts';
import type { FastifyInstance } from 'fastify';
import { registerRoute } from '../../http/register';

export function roleRoutes(app: FastifyInstance): void {
  registerRoute(app, 'roleMatrix', async () => ({
    permissions: [...PERMISSIONS],
    roles: ROLES.map((role) => ({
      role,
      scopes: { ...ROLE_PERMISSIONS[role] } as Record<string, string>,
      grantable: [...GRANTABLE_ROLES[role]],
    })),
  }));
}
