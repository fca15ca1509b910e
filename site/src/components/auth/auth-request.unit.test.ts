import { expect, test } from "bun:test";
import { authRequest } from "./auth-request.ts";

const fields = { email: "a@example.com", password: "long enough", name: "Ada", timezone: "Europe/Berlin" };

test("signing up sends the credentials, the zone and the name", () => {
  expect(authRequest("signup", fields)).toEqual({
    path: "/api/auth/signup",
    body: { email: "a@example.com", password: "long enough", timezone: "Europe/Berlin", name: "Ada" },
  });
});

test("signing up without a name leaves the name out", () => {
  expect(authRequest("signup", { ...fields, name: "" }).body).toEqual({
    email: "a@example.com",
    password: "long enough",
    timezone: "Europe/Berlin",
  });
});

test("signing in sends only the credentials", () => {
  expect(authRequest("login", fields)).toEqual({
    path: "/api/auth/login",
    body: { email: "a@example.com", password: "long enough" },
  });
});
