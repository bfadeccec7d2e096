// One menu entry of the console with its pages. Each area lives in its own folder and owns its routes.
import type { RouteRecordRaw } from 'vue-router';
import type { Me, Role } from '../shared/session';

export interface Area {
  path: string;
  title: string;
  /** Roles that see the menu entry (the API enforces the same rules on every call). */
  roles: Role[];
  /** Shown only when this holds too (试一试 exists only on a simulator's server). */
  available?: (me: Me) => boolean;
  routes: RouteRecordRaw[];
}
