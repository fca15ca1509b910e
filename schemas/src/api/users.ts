import { Type, type Static } from "@sinclair/typebox";
import { Uuid } from "../common.ts";

/** API.md's `user`. */
export const UserView = Type.Object({
  id: Uuid,
  email: Type.String(),
  name: Type.String({ description: "empty when none was given" }),
  timezone: Type.String({ description: "IANA time zone" }),
});
export type UserView = Static<typeof UserView>;

/** What signing up or in answers. */
export const Session = Type.Object({ user: UserView, token: Type.String() });
export type Session = Static<typeof Session>;
