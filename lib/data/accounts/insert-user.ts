import "server-only";
import { hashNewPassword } from "@/lib/auth/password";
import type { Tx } from "@/lib/db/client";
import { ConflictError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";

export const EMAIL_TAKEN = "An account with this email already exists. Sign in instead.";

function isUniqueViolation(error: unknown) {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/** A new user with a hashed password; the email is stored lower-case, and a taken one is a clear conflict. */
export async function insertUser(tx: Tx, input: { name: string; email: string; password: string }) {
  const passwordHash = await hashNewPassword(input.password);
  try {
    return await tx.user.create({
      data: { name: input.name, email: input.email.toLowerCase(), passwordHash },
      select: { id: true, email: true, name: true },
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError(EMAIL_TAKEN);
    throw error;
  }
}
