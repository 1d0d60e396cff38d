/**
 * The page's notification permission, read from the browser at most once a second. Reading
 * `Notification.permission` is a synchronous round trip to the browser's process: too slow to do
 * at each incoming message and each render when hundreds of visitors write at once. Where the
 * browser tells of changes (the Permissions API), the page's permission is read again only then.
 */

/** A Notification constructor, or a stand-in with the same static `permission`. */
export interface PermissionSource {
  readonly permission: NotificationPermission;
}

const FRESH_MS = 1000;
/** The page's Notification constructor, if it has one. */
export const pageNotifications = (): PermissionSource | undefined => (typeof Notification === 'undefined' ? undefined : Notification);
const cache = new WeakMap<PermissionSource, { value: NotificationPermission; at: number }>();
/** Sources whose permission the browser tells us of when it changes: read once, then on each change. */
const watched = new WeakSet<PermissionSource>();

/** Keeps `source`'s permission fresh from the Permissions API's change events, when it is the page's own. */
export function watchPermission(source: PermissionSource, permissions: Pick<Permissions, 'query'> | undefined): void {
  if (watched.has(source) || !permissions) return;
  watched.add(source);
  const read = () => cache.set(source, { value: source.permission, at: Infinity });
  permissions.query({ name: 'notifications' }).then(
    (status) => {
      read();
      status.addEventListener('change', read);
    },
    () => watched.delete(source), // not told of changes: read at most once a second
  );
}

/** `source`'s permission as read in the last second; `unsupported` where there are no notifications. */
export function notificationPermission(source: PermissionSource | undefined): NotificationPermission | 'unsupported' {
  if (!source) return 'unsupported';
  if (source === pageNotifications()) watchPermission(source, typeof navigator === 'undefined' ? undefined : navigator.permissions);
  const now = performance.now();
  const known = cache.get(source);
  if (known && now - known.at < FRESH_MS) return known.value;
  const value = source.permission;
  cache.set(source, { value, at: now });
  return value;
}

/** Forgets the permission read for `source`, after asking for it, so the next read is the browser's answer. */
export function forgetNotificationPermission(source: PermissionSource | undefined): void {
  if (!source) return;
  cache.delete(source);
  watched.delete(source);
}
