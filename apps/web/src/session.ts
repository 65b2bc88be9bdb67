/**
 * The signed-in user and their token. The token is renewed (POST /api/auth/refresh) a few minutes before it expires;
 * when renewal fails or the token has lapsed, a sign-in dialog opens over the page (App.vue) and the waiting request
 * is retried afterwards: the page is never reloaded, so a half-filled form keeps what was typed.
 */
import { reactive } from 'vue';
import { api, ApiError, auth } from './api/client';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: string;
  regionCode: string;
  regionName?: string | null;
  mustChangePassword?: boolean;
}

const RENEW_BEFORE_MS = 5 * 60_000;

export const session = reactive({
  token: sessionStorage.getItem('token') as string | null,
  expiresAt: Number(sessionStorage.getItem('expiresAt') ?? 0),
  user: null as SessionUser | null,
  /** True while the re-login dialog is shown. */
  relogin: false,
  /** The region names of the user's subtree, by code. */
  regions: {} as Record<string, string>,
});

let waiting: { resolve: () => void; reject: (e: unknown) => void }[] = [];
let renewing: Promise<void> | null = null;

function store(token: string, expiresAt: number): void {
  session.token = token;
  session.expiresAt = expiresAt;
  sessionStorage.setItem('token', token);
  sessionStorage.setItem('expiresAt', String(expiresAt));
}

auth.token = () => session.token;
auth.beforeRequest = async () => {
  if (!session.token || session.relogin) return;
  if (session.expiresAt - Date.now() < RENEW_BEFORE_MS) await renew();
};
auth.reauthenticate = () =>
  new Promise<void>((resolve, reject) => {
    session.relogin = true;
    waiting.push({ resolve, reject });
  });

/** Renews the token; if the API refuses, the next request meets a 401 and the sign-in dialog. */
export function renew(): Promise<void> {
  renewing ??= (async () => {
    try {
      const r = await api<{ accessToken: string; expiresAt?: string; expiresIn?: number }>('POST', '/api/auth/refresh', undefined, { retry: false });
      store(r.accessToken, r.expiresAt ? new Date(r.expiresAt).getTime() : Date.now() + (r.expiresIn ?? 3600) * 1000);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) session.relogin = true;
    } finally {
      renewing = null;
    }
  })();
  return renewing;
}

export async function login(username: string, password: string): Promise<void> {
  const r = await api<{ accessToken: string; expiresIn: number; user: SessionUser }>('POST', '/api/auth/login', { username, password }, { retry: false });
  if (session.user && r.user.id !== session.user.id) {
    // Another person at the desk: what was on the screen is not theirs.
    location.assign('/');
  }
  store(r.accessToken, Date.now() + r.expiresIn * 1000);
  session.user = r.user;
  session.relogin = false;
  const pending = waiting;
  waiting = [];
  for (const w of pending) w.resolve();
  await loadRegions();
}

export async function restore(): Promise<boolean> {
  if (!session.token) return false;
  try {
    const me = await api<SessionUser>('GET', '/api/auth/me', undefined, { retry: false });
    session.user = { ...me, regionName: me.regionName ?? null };
    await loadRegions();
    return true;
  } catch {
    logout();
    return false;
  }
}

/**
 * Someone typing a long form makes no requests: while they are active (a key or a click since the last check), the
 * token is renewed before it lapses. An idle desk is left to expire and meets the sign-in dialog.
 */
let active = false;
addEventListener('keydown', () => (active = true), { capture: true, passive: true });
addEventListener('pointerdown', () => (active = true), { capture: true, passive: true });
setInterval(() => {
  if (!active || !session.token || session.relogin) return;
  active = false;
  if (session.expiresAt - Date.now() < RENEW_BEFORE_MS) void renew();
}, 60_000);

let restoring: Promise<boolean> | null = null;
/** Restores the session of this tab (a reload, a deep link) once, before the first route is drawn. */
export function restoreOnce(): Promise<boolean> {
  restoring ??= restore();
  return restoring;
}

export function logout(): void {
  session.token = null;
  session.user = null;
  sessionStorage.removeItem('token');
  sessionStorage.removeItem('expiresAt');
}

async function loadRegions(): Promise<void> {
  try {
    const rows = await api<{ code: string; name: string }[]>('GET', '/api/regions');
    session.regions = Object.fromEntries(rows.map((r) => [r.code, r.name]));
    if (session.user && !session.user.regionName) session.user.regionName = session.regions[session.user.regionCode] ?? null;
  } catch {
    session.regions = {};
  }
}

/** A region's name (the code itself only in the tooltip). */
export function regionName(code: string | null | undefined): string {
  if (!code) return '';
  return session.regions[code] ?? '本辖区外地区';
}
