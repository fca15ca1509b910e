import { Type, type Static } from "@sinclair/typebox";
import { Instant, NotificationKind, NotificationStatus, Uuid } from "../common.ts";

/** One item of the notifier's `GET /api/notifications`. */
export const NotificationView = Type.Object({
  id: Uuid,
  task_id: Uuid,
  title: Type.String(),
  message: Type.String(),
  kind: NotificationKind,
  target_time: Instant,
  delivered_at: Instant,
  status: NotificationStatus,
  read_at: Type.Union([Instant, Type.Null()]),
  all_day: Type.Boolean({ description: "a date-only series' occurrence: about a day, not a time" }),
});
export type NotificationView = Static<typeof NotificationView>;

export const NotificationPage = Type.Object({
  items: Type.Array(NotificationView),
  unread_count: Type.Integer({ minimum: 0, description: "delivered or missed, not read yet" }),
});
export type NotificationPage = Static<typeof NotificationPage>;
