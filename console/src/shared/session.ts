// The signed-in viewer, as GET /console/api/me returns it.
import { reactive } from 'vue';

export type Role = 'admin' | 'manager' | 'rep';

export interface Me {
  userId: string | null;
  name: string | null;
  role: Role;
  managedTeamKeys: string[];
  csrfToken: string;
  /** How the session was opened: link, admin_token, wecom, dingtalk. */
  via: string;
  /** The server was started by the simulator (`npm run simulate -- --web`): 试一试 is there. */
  tryIt?: boolean;
}

export const session = reactive<{ me: Me | null; csrfToken: string | null }>({ me: null, csrfToken: null });

export const ROLE_NAMES: Record<Role, string> = { admin: '管理员', manager: '经理', rep: '销售' };

export const hasRole = (...roles: Role[]) => !!session.me && roles.includes(session.me.role);
