import { t } from "elysia";

export const SignupBody = t.Object({
  email: t.String({ maxLength: 254 }),
  password: t.String({ maxLength: 1024 }),
  name: t.Optional(t.String({ maxLength: 200 })),
  timezone: t.Optional(t.String({ maxLength: 64, description: "IANA time zone, default UTC" })),
});

export const LoginBody = t.Object({
  email: t.String({ maxLength: 254 }),
  password: t.String({ maxLength: 1024 }),
});

export const ProfilePatch = t.Object({
  name: t.Optional(t.String({ maxLength: 200 })),
  timezone: t.Optional(t.String({ maxLength: 64 })),
});
