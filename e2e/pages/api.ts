import { expect, type Page } from '@playwright/test';

/** The fields of a unit the tests read back (see `Unit` in packages/contracts). */
export interface ApiUnit {
  id: string;
  code: string;
  nameZh: string;
  shortName: string;
  parentId: string | null;
  active: boolean;
  version: number;
}

/** The fields of a user the tests read back (see `User` in packages/contracts). */
export interface ApiUser {
  id: string;
  username: string;
  roles: string[];
  status: string;
  mustChangePassword: boolean;
  unit: { id: string; nameZh: string } | null;
}

interface Me {
  id: string;
  version: number;
  csrfToken: string | null;
  unit: { id: string } | null;
}

/**
 * Test data through the API, with the session of the signed-in page (its cookies, plus the CSRF token from
 * `Me` on writes). Setting up through the API keeps each UI test on the flow it is about.
 */
export class Api {
  constructor(readonly page: Page) {}

  async me(): Promise<Me> {
    const res = await this.page.request.get('/api/v1/me');
    expect(res.ok()).toBe(true);
    return (await res.json()) as Me;
  }

  private async send<T>(method: 'POST' | 'PATCH', url: string, data: unknown): Promise<T> {
    const { csrfToken } = await this.me();
    const res = await this.page.request.fetch(url, {
      method,
      data,
      headers: csrfToken ? { 'X-CSRF-Token': csrfToken } : {},
    });
    expect(res.ok(), `${method} ${url}: ${res.status()} ${await res.text()}`).toBe(true);
    return (await res.json()) as T;
  }

  async unitTree(includeInactive = false): Promise<ApiUnit[]> {
    const res = await this.page.request.get(`/api/v1/units/tree?includeInactive=${includeInactive}`);
    expect(res.ok()).toBe(true);
    return ((await res.json()) as { items: ApiUnit[] }).items;
  }

  async unitByName(nameZh: string): Promise<ApiUnit> {
    const unit = (await this.unitTree(true)).find((u) => u.nameZh === nameZh);
    if (!unit) throw new Error(`No unit named ${nameZh}`);
    return unit;
  }

  async createUnit(body: {
    code: string;
    nameZh: string;
    nameEn: string;
    shortName: string;
    type: string;
    parentId: string | null;
  }): Promise<ApiUnit> {
    return this.send<ApiUnit>('POST', '/api/v1/units', body);
  }

  async users(query: Record<string, string> = {}): Promise<{ items: ApiUser[]; total: number }> {
    const qs = new URLSearchParams({ pageSize: '100', ...query });
    const res = await this.page.request.get(`/api/v1/users?${qs}`);
    expect(res.ok()).toBe(true);
    return (await res.json()) as { items: ApiUser[]; total: number };
  }

  async userByName(username: string): Promise<ApiUser> {
    const user = (await this.users({ q: username })).items.find((u) => u.username === username);
    if (!user) throw new Error(`No user ${username}`);
    return user;
  }

  /** Creates a user; answers with the temporary password. */
  async createUser(body: {
    username: string;
    displayName: string;
    unitId: string;
    roles: string[];
  }): Promise<{ user: ApiUser; temporaryPassword: string }> {
    return this.send('POST', '/api/v1/users', body);
  }

  async setLocale(locale: 'zh-CN' | 'en-US'): Promise<void> {
    const { version } = await this.me();
    await this.send('PATCH', '/api/v1/me', { version, locale });
  }
}
