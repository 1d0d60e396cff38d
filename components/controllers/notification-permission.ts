/**
 * The page's notification permission, read from the browser at most once a second. Reading
 * `Notification.permission` is a synchronous round trip to the browser's process: too slow to do
 * at each incoming message and each render when hundreds of visitors write at once.
 */

/** A Notification constructor, or a stand-in with the same static `permission`. */
export interface PermissionSource {
  readonly permission: NotificationPermission;
}

const FRESH_MS = 1000;
/** The page's Notification constructor, if it has one. */
export const pageNotifications = (): PermissionSource | undefined => (typeof Notification === 'undefined' ? undefined : Notification);
const cache = new WeakMap<PermissionSource, { value: NotificationPermission; at: number }>();

/** `source`'s permission as read in the last second; `unsupported` where there are no notifications. */
export function notificationPermission(source: PermissionSource | undefined): NotificationPermission | 'unsupported' {
  if (!source) return 'unsupported';
  const now = performance.now();
  const known = cache.get(source);
  if (known && now - known.at < FRESH_MS) return known.value;
  const value = source.permission;
  cache.set(source, { value, at: now });
  return value;
}

/** Forgets the permission read for `source`, after asking for it, so the next read is the browser's answer. */
export function forgetNotificationPermission(source: PermissionSource | undefined): void {
  if (source) cache.delete(source);
}
