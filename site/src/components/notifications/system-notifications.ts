// The browser's own notifications, for a reminder that fires while the tab is in the background;
// only once the person allowed them (the bell offers the switch), never asked for unprompted.
export const systemNotificationsSupported = () => typeof Notification !== "undefined";
export const systemNotificationsAllowed = () =>
  systemNotificationsSupported() && Notification.permission === "granted";
export const canAskForSystemNotifications = () =>
  systemNotificationsSupported() && Notification.permission === "default";

export function showSystemNotification(reminder: { id: string; title: string; message: string }) {
  if (document.visibilityState !== "hidden" || !systemNotificationsAllowed()) return;
  // tag: a reminder the toast already showed in another tab replaces itself instead of stacking.
  const note = new Notification(reminder.title, { body: reminder.message, tag: reminder.id });
  note.onclick = () => {
    window.focus();
    note.close();
  };
}
