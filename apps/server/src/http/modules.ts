import type { FastifyInstance } from 'fastify';
import { auditRoutes } from '../modules/audit/audit.routes';
import { authRoutes } from '../modules/auth/auth.routes';
import { bulletinRoutes } from '../modules/bulletins/bulletins.routes';
import { calendarRoutes } from '../modules/calendar/calendar.routes';
import { displayLinkRoutes } from '../modules/display-links/display-links.routes';
import { importRoutes } from '../modules/imports/imports.routes';
import { indicatorRoutes } from '../modules/indicators/indicators.routes';
import { itemRoutes } from '../modules/items/items.routes';
import { meetingRoutes } from '../modules/meetings/meetings.routes';
import { metricsRoutes } from '../modules/metrics/metrics.routes';
import { notificationRoutes } from '../modules/notifications/notifications.routes';
import { officialDocRoutes } from '../modules/official-docs/official-docs.routes';
import { orderRoutes } from '../modules/orders/orders.routes';
import { roleRoutes } from '../modules/roles/roles.routes';
import { settingsRoutes } from '../modules/settings/settings.routes';
import { systemRoutes } from '../modules/system/system.routes';
import { taskRoutes } from '../modules/tasks/tasks.routes';
import { tokenRoutes } from '../modules/tokens/tokens.routes';
import { unitRoutes } from '../modules/units/units.routes';
import { userRoutes } from '../modules/users/users.routes';

/** Every module's routes. A route of the contract left unregistered fails the route-coverage test. */
export async function registerModules(app: FastifyInstance): Promise<void> {
  authRoutes(app);
  unitRoutes(app);
  userRoutes(app);
  roleRoutes(app);
  tokenRoutes(app);
  auditRoutes(app);
  systemRoutes(app);
  itemRoutes(app);
  notificationRoutes(app);
  calendarRoutes(app);
  settingsRoutes(app);
  importRoutes(app);
  orderRoutes(app);
  meetingRoutes(app);
  officialDocRoutes(app);
  metricsRoutes(app);
  bulletinRoutes(app);
  taskRoutes(app);
  indicatorRoutes(app);
  displayLinkRoutes(app);
}
