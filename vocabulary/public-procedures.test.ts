import { expect, test } from "bun:test";
import { AuthService } from "../gen/todo/v1/auth_service_pb";
import { publicProcedures } from "./public-procedures";
import { signedOutMethods } from "./signed-out-methods";

test("every public procedure is a real AuthService method", () => {
  const methods = new Set(AuthService.methods.map((method) => method.name));
  for (const name of signedOutMethods) expect(methods.has(name)).toBe(true);
});

test("the orchestrator's list won: VerifyEmail is public (the web's two copies had missed it)", () => {
  expect(publicProcedures).toContain("/todo.v1.AuthService/VerifyEmail");
  expect(publicProcedures).toContain("/todo.v1.AuthService/Login");
  expect(publicProcedures).not.toContain("/todo.v1.AuthService/ChangePassword");
});
